package io.chengis.store;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * How the SQL stores keep time and leases.
 *
 * <p>Immutable and thread-safe.
 *
 * @param clock the clock for leases and recovery
 * @param buildLease how long a running build's lease lives without renewal; the stores renew it
 *     every third of this, and after it a build whose process died is concluded on the next open
 * @since 0.1.0
 */
public record StoreOptions(InstantSource clock, Duration buildLease) {
  /** Checks the options. */
  public StoreOptions {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(buildLease, "buildLease");
    if (buildLease.compareTo(Duration.ofMillis(30)) < 0) {
      throw new IllegalArgumentException(
          "store options: build lease is too short (was "
              + buildLease
              + "); give at least PT0.03S, PT30S is the default");
    }
  }

  /**
   * The system clock and 30-second build leases.
   *
   * @return the defaults
   * @since 0.1.0
   */
  public static StoreOptions defaults() {
    return new StoreOptions(InstantSource.system(), Duration.ofSeconds(30));
  }

  /**
   * These options with another clock.
   *
   * @param clock the clock
   * @return the copy
   * @since 0.1.0
   */
  public StoreOptions withClock(InstantSource clock) {
    return new StoreOptions(clock, buildLease);
  }

  /**
   * These options with another build lease.
   *
   * @param buildLease the lease
   * @return the copy
   * @since 0.1.0
   */
  public StoreOptions withBuildLease(Duration buildLease) {
    return new StoreOptions(clock, buildLease);
  }
}
