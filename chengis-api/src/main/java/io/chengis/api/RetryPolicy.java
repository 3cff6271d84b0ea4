package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How often a failing step is tried again, and how long to wait between tries: the wait before try
 * {@code n+1} is {@code min(initialBackoff * multiplier^(n-1), maxBackoff)}.
 *
 * <p>Immutable and thread-safe. The numbers are checked when the pipeline is built.
 *
 * @param maxAttempts the total number of tries, at least 1 (1 = no retry)
 * @param initialBackoff the wait before the second try
 * @param multiplier the growth of the wait per try, at least 1
 * @param maxBackoff the longest wait
 * @param exitCodes the exit codes that are retried; empty means every failure
 * @since 0.1.0
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    double multiplier,
    Duration maxBackoff,
    Set<Integer> exitCodes) {
  private static final RetryPolicy NONE =
      new RetryPolicy(1, Duration.ZERO, 1, Duration.ZERO, Set.of());

  /** Checks and copies the components. */
  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    exitCodes = OrderedCopies.set(exitCodes, "exitCodes");
  }

  /**
   * No retry: one attempt.
   *
   * @return the shared policy
   */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * Whether this policy retries at all.
   *
   * @return {@code true} when more than one attempt is allowed
   */
  public boolean retries() {
    return maxAttempts > 1;
  }

  /**
   * Whether a failure with this exit code may be retried by this policy.
   *
   * @param exitCode the exit code of the failed attempt
   * @return {@code true} when the code is listed or no codes are listed
   */
  public boolean retriesExitCode(int exitCode) {
    return exitCodes.isEmpty() || exitCodes.contains(exitCode);
  }

  /**
   * The wait before the given attempt.
   *
   * @param attempt the attempt about to start, 2 or more
   * @return the backoff, capped at {@link #maxBackoff()}
   */
  public Duration backoffBefore(int attempt) {
    if (attempt < 2) {
      return Duration.ZERO;
    }
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 2);
    long max = maxBackoff.toMillis();
    return Duration.ofMillis(millis >= max ? max : (long) millis);
  }
}
