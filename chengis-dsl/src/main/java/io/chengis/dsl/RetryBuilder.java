package io.chengis.dsl;

import io.chengis.api.RetryPolicy;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The scope of a retry policy: {@code st.retry(r ->
 * r.maxAttempts(3).backoff(ofSeconds(2)).multiplier(2))}.
 *
 * <p>Not thread-safe: use it only inside the lambda that received it.
 *
 * @since 0.1.0
 */
public final class RetryBuilder {
  private int maxAttempts = 1;
  private Duration backoff = Duration.ZERO;
  private double multiplier = 1;
  private Duration maxBackoff = Duration.ZERO;
  private boolean maxBackoffSet;
  private final Set<Integer> exitCodes = new LinkedHashSet<>();

  RetryBuilder() {}

  /**
   * Sets the total number of tries (1 = no retry).
   *
   * @param attempts at least 1
   * @return this scope
   */
  public RetryBuilder maxAttempts(int attempts) {
    this.maxAttempts = attempts;
    return this;
  }

  /**
   * Sets the wait before the second try.
   *
   * @param wait zero or positive
   * @return this scope
   */
  public RetryBuilder backoff(Duration wait) {
    this.backoff = Objects.requireNonNull(wait, "wait");
    return this;
  }

  /**
   * Sets how much the wait grows per try (2 doubles it).
   *
   * @param factor at least 1
   * @return this scope
   */
  public RetryBuilder multiplier(double factor) {
    this.multiplier = factor;
    return this;
  }

  /**
   * Caps the wait between tries (default: no growth beyond one hour).
   *
   * @param cap the longest wait
   * @return this scope
   */
  public RetryBuilder maxBackoff(Duration cap) {
    this.maxBackoff = Objects.requireNonNull(cap, "cap");
    this.maxBackoffSet = true;
    return this;
  }

  /**
   * Retries only failures with these exit codes (default: every failure).
   *
   * @param codes the exit codes
   * @return this scope
   */
  public RetryBuilder onExitCodes(int... codes) {
    for (int code : codes) {
      exitCodes.add(code);
    }
    return this;
  }

  RetryPolicy build() {
    Duration cap;
    if (maxBackoffSet) {
      cap = maxBackoff;
    } else if (multiplier > 1) {
      cap = backoff.compareTo(Duration.ofHours(1)) > 0 ? backoff : Duration.ofHours(1);
    } else {
      cap = backoff;
    }
    return new RetryPolicy(maxAttempts, backoff, multiplier, cap, exitCodes);
  }
}
