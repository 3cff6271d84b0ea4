package io.chengis.scm;

import java.time.Duration;

/**
 * Waits between retries. The default sleeps the calling thread; tests inject one that records the
 * waits and returns at once.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits.
   *
   * @param duration how long
   * @throws InterruptedException when interrupted while waiting
   * @since 0.1.0
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * The sleeper that sleeps the calling thread.
   *
   * @return the sleeper
   * @since 0.1.0
   */
  static Sleeper system() {
    return duration -> Thread.sleep(duration);
  }
}
