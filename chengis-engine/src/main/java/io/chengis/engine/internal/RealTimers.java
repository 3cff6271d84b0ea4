package io.chengis.engine.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link Timers} on the system's monotonic clock, with one daemon timer thread. */
public final class RealTimers implements Timers {
  private final ScheduledThreadPoolExecutor executor;

  /** Starts the timer thread. */
  public RealTimers() {
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "chengis-timers");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
  }

  @Override
  public Scheduled after(Duration delay, Runnable action) {
    ScheduledFuture<?> future =
        executor.schedule(action, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public void sleep(Duration delay, CancelToken token) throws InterruptedException {
    CountDownLatch woken = new CountDownLatch(1);
    token.onCancel(woken::countDown);
    woken.await(Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
  }

  @Override
  public Thread start(String name, Runnable task) {
    return Thread.ofVirtual().name(name).start(task);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
