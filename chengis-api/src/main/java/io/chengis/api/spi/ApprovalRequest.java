package io.chengis.api.spi;

import io.chengis.api.internal.OrderedCopies;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An approval gate a build reached: which stage waits, who may decide, how many approvals it needs
 * and until when.
 *
 * <p>Instants are kept to the millisecond, so that every store returns the record it was given.
 * Immutable and thread-safe.
 *
 * @param build the build
 * @param stage the stage instance that waits
 * @param message what the approvers are asked
 * @param approvers the identities allowed to decide, in order
 * @param roles the roles whose members may decide, in order
 * @param required how many distinct approvals the gate needs, at least 1
 * @param requestedAt when the build reached the gate
 * @param deadline when the gate times out unless decided
 * @since 0.1.0
 */
public record ApprovalRequest(
    BuildRef build,
    String stage,
    String message,
    List<String> approvers,
    List<String> roles,
    int required,
    Instant requestedAt,
    Instant deadline) {
  /** Checks and copies the components. */
  public ApprovalRequest {
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(message, "message");
    approvers = OrderedCopies.list(approvers, "approvers");
    roles = OrderedCopies.list(roles, "roles");
    requestedAt = Objects.requireNonNull(requestedAt, "requestedAt").truncatedTo(ChronoUnit.MILLIS);
    deadline = Objects.requireNonNull(deadline, "deadline").truncatedTo(ChronoUnit.MILLIS);
    if (required < 1) {
      throw new IllegalArgumentException(
          "approval of stage \""
              + stage
              + "\" of build "
              + build.buildId()
              + " requires too few approvals (was "
              + required
              + "); require at least 1");
    }
  }

  /**
   * Whether someone may decide on this gate: anyone when neither approvers nor roles are listed,
   * otherwise a listed approver or a member of a listed role.
   *
   * @param identity who decides
   * @param memberOf the roles they hold
   * @return {@code true} when they may decide
   * @since 0.1.0
   */
  public boolean mayDecide(String identity, Collection<String> memberOf) {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(memberOf, "memberOf");
    return approvers.isEmpty() && roles.isEmpty()
        || approvers.contains(identity)
        || memberOf.stream().anyMatch(roles::contains);
  }
}
