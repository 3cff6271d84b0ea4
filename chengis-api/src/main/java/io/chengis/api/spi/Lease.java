package io.chengis.api.spi;

import io.chengis.api.AgentId;
import java.time.Instant;
import java.util.Objects;

/**
 * A worker's time-limited right to run a queued build. The fencing token increases with every claim
 * of the same entry, so a worker whose lease expired and was re-claimed cannot renew or complete it
 * any more.
 *
 * <p>Immutable and thread-safe.
 *
 * @param entry the claimed entry
 * @param holder the worker holding the lease
 * @param token the fencing token of this claim
 * @param expiresAt when the lease expires unless renewed
 * @since 0.1.0
 */
public record Lease(QueueEntry entry, AgentId holder, long token, Instant expiresAt) {
  /** Checks the components. */
  public Lease {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
