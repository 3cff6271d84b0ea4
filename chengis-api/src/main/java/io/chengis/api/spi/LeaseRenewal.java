package io.chengis.api.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A worker extending its lease.
 *
 * <p>Immutable and thread-safe.
 *
 * @param lease the lease as the worker last got it
 * @param extendBy how long from {@code now} the lease should last, positive
 * @param now the current time by the engine's clock
 * @since 0.1.0
 */
public record LeaseRenewal(Lease lease, Duration extendBy, Instant now) {
  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException when the extension is not positive
   */
  public LeaseRenewal {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(extendBy, "extendBy");
    Objects.requireNonNull(now, "now");
    if (extendBy.isNegative() || extendBy.isZero()) {
      throw new IllegalArgumentException(
          "lease extension must be positive (was " + extendBy + "); e.g. PT30S");
    }
  }
}
