package io.chengis.testkit.internal;

import io.chengis.engine.EngineScheduler;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Real time, for fakes used outside a virtual-time engine; one shared daemon timer thread. */
public final class SystemScheduler implements EngineScheduler {
  private static final SystemScheduler SHARED = new SystemScheduler();

  private final ScheduledThreadPoolExecutor timer;

  private SystemScheduler() {
    timer =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "chengis-testkit-timer");
              thread.setDaemon(true);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
  }

  /**
   * The shared instance; closing it does nothing.
   *
   * @return the scheduler
   */
  public static SystemScheduler shared() {
    return SHARED;
  }

  @Override
  public Scheduled schedule(Duration delay, Runnable action) {
    ScheduledFuture<?> future =
        timer.schedule(action, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public Thread start(String name, Runnable task) {
    return Thread.ofVirtual().name(name).start(task);
  }

  @Override
  public void close() {
    // Shared by every fake that uses real time; it lives as long as the JVM.
  }
}
