package io.chengis.store;

import io.chengis.api.BuildId;
import io.chengis.api.OrgId;
import java.time.Instant;
import java.util.Objects;

/**
 * A request to a build that runs in another process: the process running it applies the request and
 * marks it handled.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the request's number, assigned by the store ({@code 0} before it is sent)
 * @param org the organization
 * @param buildId the build
 * @param kind what to do
 * @param stage the stage an approval or rejection is for; empty for a cancel
 * @param actor who asks
 * @param comment why
 * @param createdAt when it was asked
 * @since 0.1.0
 */
public record BuildCommand(
    long id,
    OrgId org,
    BuildId buildId,
    Kind kind,
    String stage,
    String actor,
    String comment,
    Instant createdAt) {
  /** What a command does. */
  public enum Kind {
    /** Cancels the build; {@code comment} is the reason. */
    CANCEL,
    /** Approves the gated {@code stage}. */
    APPROVE,
    /** Rejects the gated {@code stage}. */
    REJECT
  }

  /** Checks the components. */
  public BuildCommand {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
