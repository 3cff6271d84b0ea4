package io.chengis.api.spi;

import io.chengis.api.internal.OrderedCopies;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An approval gate as stored: the request, where it stands and the votes cast so far (oldest first,
 * one per voter).
 *
 * <p>Immutable and thread-safe.
 *
 * @param request the gate
 * @param state where it stands
 * @param decidedAt when it left {@link State#PENDING}, to the millisecond
 * @param votes the votes, oldest first
 * @since 0.1.0
 */
public record Approval(
    ApprovalRequest request, State state, Optional<Instant> decidedAt, List<ApprovalVote> votes) {
  /** Checks and copies the components. */
  public Approval {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(state, "state");
    decidedAt = Objects.requireNonNull(decidedAt, "decidedAt").map(Approval::millis);
    votes = OrderedCopies.list(votes, "votes");
  }

  private static Instant millis(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * What the votes decide: {@link State#REJECTED} as soon as anyone rejected, {@link
   * State#APPROVED} once the required number of distinct people approved, otherwise empty (still
   * open).
   *
   * @return the decision of the votes
   * @since 0.1.0
   */
  public Optional<State> tally() {
    if (votes.stream().anyMatch(vote -> !vote.approve())) {
      return Optional.of(State.REJECTED);
    }
    long approvals = votes.stream().map(ApprovalVote::voter).distinct().count();
    return approvals >= request.required() ? Optional.of(State.APPROVED) : Optional.empty();
  }

  /**
   * Where an approval gate stands.
   *
   * @since 0.1.0
   */
  public enum State {
    /** Waiting for votes. */
    PENDING,
    /** Enough people approved; the stage ran or runs. */
    APPROVED,
    /** Someone rejected; the stage failed. */
    REJECTED,
    /** The deadline passed first; the stage failed. */
    TIMED_OUT,
    /** The build was cancelled while it waited. */
    CANCELLED
  }
}
