package io.chengis.engine;

import io.chengis.api.spi.StepExecutor;
import io.chengis.engine.internal.LocalShellExecutor;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * The step executors the engine has built in, for hosts and tests that wrap or compose them (the
 * engine itself registers the local shell executor for {@code shell} steps on its own).
 *
 * @since 0.1.0
 */
public final class StepExecutors {
  private StepExecutors() {}

  /**
   * The local shell executor: runs {@link io.chengis.api.StepAction.Shell} steps as local processes
   * in the step's working directory; on cancellation the whole process tree gets SIGTERM, the grace
   * period, then SIGKILL. Thread-safe.
   *
   * @param shell the shell of steps that name none, e.g. {@code sh}
   * @param killGracePeriod the wait between SIGTERM and SIGKILL, zero or positive
   * @param clock stamps output lines
   * @return the executor
   * @since 0.1.0
   */
  public static StepExecutor localShell(
      String shell, Duration killGracePeriod, InstantSource clock) {
    Objects.requireNonNull(shell, "shell");
    Objects.requireNonNull(clock, "clock");
    if (killGracePeriod.isNegative()) {
      throw new IllegalArgumentException(
          "killGracePeriod must not be negative (was " + killGracePeriod + "); use zero or more");
    }
    return new LocalShellExecutor(shell, killGracePeriod, clock);
  }
}
