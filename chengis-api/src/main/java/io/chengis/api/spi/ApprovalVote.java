package io.chengis.api.spi;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One person's decision on an approval gate.
 *
 * <p>The instant is kept to the millisecond. Immutable and thread-safe.
 *
 * @param build the build
 * @param stage the stage instance that waits
 * @param voter who decided
 * @param approve {@code true} to approve, {@code false} to reject
 * @param comment why, or empty
 * @param at when
 * @since 0.1.0
 */
public record ApprovalVote(
    BuildRef build, String stage, String voter, boolean approve, String comment, Instant at) {
  /** Checks the components. */
  public ApprovalVote {
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(voter, "voter");
    Objects.requireNonNull(comment, "comment");
    at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MILLIS);
  }
}
