package io.chengis.api.spi;

/**
 * The signal that the work a plugin runs must stop: the build was cancelled or a timeout expired.
 *
 * <p>Protocol: the engine implements it; plugins poll {@link #isCancelled()} between units of work
 * or register a callback with {@link #onCancel} to stop a process or container promptly (within a
 * second). Thread-safe.
 *
 * @since 0.1.0
 */
public interface Cancellation {
  /**
   * Whether the work must stop.
   *
   * @return {@code true} once cancelled; never goes back to {@code false}
   * @since 0.1.0
   */
  boolean isCancelled();

  /**
   * Runs {@code action} once when the work is cancelled, or at once (on the calling thread) when it
   * already is. The action runs on an engine thread, must not block for long and must be
   * idempotent.
   *
   * @param action what to do, e.g. send SIGTERM to the process tree
   * @since 0.1.0
   */
  void onCancel(Runnable action);
}
