package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A manual checkpoint before a stage: the build waits (state {@code WAITING}, no thread held) until
 * {@code minApprovals} distinct eligible people approve, someone rejects, or the timeout passes.
 *
 * <p>Eligible people are the listed approvers and members of the listed roles; when both lists are
 * empty anyone may approve. Immutable and thread-safe.
 *
 * @param message what the approvers are asked
 * @param approvers the identities allowed to approve, in order
 * @param roles the roles whose members may approve, in order
 * @param minApprovals how many distinct approvals are needed, at least 1
 * @param timeout how long to wait before failing the stage; the engine default when empty
 * @param location where this gate was declared
 * @since 0.1.0
 */
public record ApprovalGate(
    String message,
    List<String> approvers,
    List<String> roles,
    int minApprovals,
    Optional<Duration> timeout,
    SourceLocation location) {

  /** Checks and copies the components. */
  public ApprovalGate {
    Objects.requireNonNull(message, "message");
    approvers = OrderedCopies.list(approvers, "approvers");
    roles = OrderedCopies.list(roles, "roles");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(location, "location");
  }
}
