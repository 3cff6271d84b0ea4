package io.chengis.api.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * Approval gates and their votes, kept so that a build waiting for approval survives the process
 * that ran it: votes cast while no process runs the build count when an engine resumes it.
 *
 * <p>Protocol: the engine calls {@link #request} when a build reaches a gate (again, with the same
 * gate, when it resumes the build; the first request stays), {@link #vote} for every accepted
 * decision and {@link #decide} once when the gate is approved, rejected, timed out or cancelled.
 * Any thread may call any method; all may block on I/O. An exception ({@link
 * io.chengis.api.StoreException}) means nothing changed. Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface ApprovalStore {
  /**
   * Records a gate a build reached. Requesting a gate that is already recorded (same build and
   * stage) changes nothing, so a resumed build keeps its first deadline.
   *
   * @param request the gate
   * @since 0.1.0
   */
  void request(ApprovalRequest request);

  /**
   * Records a vote on a recorded gate. A voter votes once: a later vote of the same person replaces
   * the earlier one.
   *
   * @param vote the vote
   * @throws io.chengis.api.StoreException when the gate is not recorded
   * @since 0.1.0
   */
  void vote(ApprovalVote vote);

  /**
   * Concludes a pending gate. Deciding a gate that is no longer pending changes nothing.
   *
   * @param build the build
   * @param stage the stage instance
   * @param state the decision, not {@link Approval.State#PENDING}
   * @param at when
   * @return {@code true} when this call concluded the gate
   * @since 0.1.0
   */
  boolean decide(BuildRef build, String stage, Approval.State state, Instant at);

  /**
   * A recorded gate with its votes.
   *
   * @param build the build
   * @param stage the stage instance
   * @return the gate, or empty when the build never reached it
   * @since 0.1.0
   */
  Optional<Approval> find(BuildRef build, String stage);
}
