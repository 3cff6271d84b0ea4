package io.chengis.api.spi;

import io.chengis.api.AgentId;
import io.chengis.api.OrgId;
import io.chengis.api.internal.OrderedCopies;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A worker asking for the oldest queued build it can run.
 *
 * <p>Immutable and thread-safe.
 *
 * @param org the organization to claim from
 * @param worker who claims
 * @param labels the labels the worker offers; it may claim entries whose labels are all among them
 * @param leaseFor how long the lease lasts unless renewed, positive
 * @param now the current time by the engine's clock; leases expire relative to it
 * @since 0.1.0
 */
public record ClaimRequest(
    OrgId org, AgentId worker, Set<String> labels, Duration leaseFor, Instant now) {
  /**
   * Checks and copies the components.
   *
   * @throws IllegalArgumentException when the lease duration is not positive
   */
  public ClaimRequest {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(worker, "worker");
    labels = OrderedCopies.set(labels, "labels");
    Objects.requireNonNull(leaseFor, "leaseFor");
    Objects.requireNonNull(now, "now");
    if (leaseFor.isNegative() || leaseFor.isZero()) {
      throw new IllegalArgumentException(
          "claim lease duration must be positive (was " + leaseFor + "); e.g. PT30S");
    }
  }
}
