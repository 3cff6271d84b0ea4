package io.chengis.engine.internal;

import java.time.Duration;

/**
 * The engine's only source of waiting, and where its build, stage and step threads start: timeouts
 * and retry backoff go through here so that a virtual clock can replace real time in tests.
 */
public interface Timers extends AutoCloseable {

  /** A scheduled action that can be called off. */
  interface Scheduled {
    /** Calls the action off if it has not run yet. */
    void cancel();
  }

  /**
   * Runs an action once after a delay, on a timer thread; the action must not block.
   *
   * @param delay the delay
   * @param action the action
   * @return a handle to call it off
   */
  Scheduled after(Duration delay, Runnable action);

  /**
   * Waits for a delay, returning early when the token is cancelled.
   *
   * @param delay how long to wait
   * @param token stops the wait early
   * @throws InterruptedException when the waiting thread is interrupted
   */
  void sleep(Duration delay, CancelToken token) throws InterruptedException;

  /**
   * Starts a thread for a build, a stage or a parallel step.
   *
   * @param name the thread's name
   * @param task what it runs
   * @return the started thread
   */
  Thread start(String name, Runnable task);

  @Override
  void close();
}
