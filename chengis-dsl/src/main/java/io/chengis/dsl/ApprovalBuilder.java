package io.chengis.dsl;

import io.chengis.api.ApprovalGate;
import io.chengis.api.SourceLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The scope of an approval gate: {@code s.approval(a -> a.message("Deploy?").approvers("ana",
 * "bo").minApprovals(2))}.
 *
 * <p>Not thread-safe: use it only inside the lambda that received it.
 *
 * @since 0.1.0
 */
public final class ApprovalBuilder {
  private final SourceLocation location;
  private String message = "Approve this stage?";
  private final List<String> approvers = new ArrayList<>();
  private final List<String> roles = new ArrayList<>();
  private int minApprovals = 1;
  private Optional<Duration> timeout = Optional.empty();

  ApprovalBuilder(SourceLocation location) {
    this.location = location;
  }

  /**
   * Sets what the approvers are asked.
   *
   * @param text the question
   * @return this scope
   */
  public ApprovalBuilder message(String text) {
    this.message = Objects.requireNonNull(text, "message");
    return this;
  }

  /**
   * Lists the people who may approve.
   *
   * @param identities their identities
   * @return this scope
   */
  public ApprovalBuilder approvers(String... identities) {
    approvers.addAll(List.of(identities));
    return this;
  }

  /**
   * Lists roles whose members may approve.
   *
   * @param names the role names
   * @return this scope
   */
  public ApprovalBuilder roles(String... names) {
    roles.addAll(List.of(names));
    return this;
  }

  /**
   * Sets how many distinct approvals are needed (default 1).
   *
   * @param count at least 1
   * @return this scope
   */
  public ApprovalBuilder minApprovals(int count) {
    this.minApprovals = count;
    return this;
  }

  /**
   * Fails the stage when nobody decides in time.
   *
   * @param limit a positive duration
   * @return this scope
   */
  public ApprovalBuilder timeout(Duration limit) {
    this.timeout = Optional.of(Objects.requireNonNull(limit, "limit"));
    return this;
  }

  SourceLocation location() {
    return location;
  }

  ApprovalGate build() {
    return new ApprovalGate(message, approvers, roles, minApprovals, timeout, location);
  }
}
