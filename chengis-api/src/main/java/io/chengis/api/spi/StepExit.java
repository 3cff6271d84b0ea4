package io.chengis.api.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * How a step's process ended, as a {@link StepExecutor} saw it. The engine turns it into a {@link
 * io.chengis.api.StepResult}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param exitCode the process's exit code; empty when it was stopped before it exited normally
 * @param timedOut whether the executor stopped it because a timeout it enforces itself expired
 * @param cancelled whether it was stopped because the {@link Cancellation} fired
 * @since 0.1.0
 */
public record StepExit(Optional<Integer> exitCode, boolean timedOut, boolean cancelled) {
  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException when both flags are set, or neither is and no code is present
   */
  public StepExit {
    Objects.requireNonNull(exitCode, "exitCode");
    if (timedOut && cancelled) {
      throw new IllegalArgumentException(
          "step exit is both timed out and cancelled (was " + exitCode + "); report one of them");
    }
    if (!timedOut && !cancelled && exitCode.isEmpty()) {
      throw new IllegalArgumentException(
          "step exit has no exit code (was empty); report the code or mark it timed out or"
              + " cancelled");
    }
  }

  /**
   * A process that exited by itself.
   *
   * @param exitCode its exit code, 0 for success
   * @return the exit
   * @since 0.1.0
   */
  public static StepExit exited(int exitCode) {
    return new StepExit(Optional.of(exitCode), false, false);
  }

  /**
   * A process stopped by the executor's own timeout.
   *
   * @return the exit
   * @since 0.1.0
   */
  public static StepExit afterTimeout() {
    return new StepExit(Optional.empty(), true, false);
  }

  /**
   * A process stopped because the work was cancelled.
   *
   * @return the exit
   * @since 0.1.0
   */
  public static StepExit afterCancel() {
    return new StepExit(Optional.empty(), false, true);
  }

  /**
   * Whether the process succeeded: exit code 0 and neither flag.
   *
   * @return {@code true} on success
   * @since 0.1.0
   */
  public boolean succeeded() {
    return !timedOut && !cancelled && exitCode.orElse(-1) == 0;
  }
}
