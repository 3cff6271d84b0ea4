package io.chengis.engine;

import java.time.Duration;

/**
 * How the engine waits on time and where the threads of its builds run: build, step and stage
 * timeouts, retry backoff, approval timeouts and log flushes are scheduled here, and every build,
 * stage and parallel step starts its thread here. The engine's default uses the system's monotonic
 * clock and virtual threads; {@code chengis-testkit} supplies one on a virtual clock that skips
 * ahead whenever all work is waiting on time.
 *
 * <p>Protocol: the engine calls {@link #schedule} and {@link #start} from any of its threads, many
 * times per build; neither may block. Scheduled actions must run on a thread that is not one of the
 * engine's, each at most once, never before its delay has passed on the engine's clock; they do not
 * block. The engine calls {@link #close()} once, when it closes. Implementations must be
 * thread-safe.
 *
 * @since 0.1.0
 */
public interface EngineScheduler extends AutoCloseable {

  /**
   * An action scheduled to run later.
   *
   * @since 0.1.0
   */
  @FunctionalInterface
  interface Scheduled {
    /**
     * Calls the action off if it has not run yet; does nothing otherwise.
     *
     * @since 0.1.0
     */
    void cancel();
  }

  /**
   * Runs an action once after a delay.
   *
   * @param delay the delay; zero or negative runs it as soon as possible
   * @param action the action; it must not block
   * @return a handle to call it off
   * @since 0.1.0
   */
  Scheduled schedule(Duration delay, Runnable action);

  /**
   * Starts a thread for the engine's work: a build, a stage or a parallel step.
   *
   * @param name the thread's name
   * @param task what it runs
   * @return the started thread
   * @since 0.1.0
   */
  Thread start(String name, Runnable task);

  /**
   * Stops the scheduler; actions not yet run are dropped.
   *
   * @since 0.1.0
   */
  @Override
  void close();
}
