package io.chengis.engine.internal;

import io.chengis.engine.EngineScheduler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@link Timers} on a host-supplied {@link EngineScheduler}, such as the test kit's virtual one.
 */
public final class SchedulerTimers implements Timers {
  private final EngineScheduler scheduler;

  /**
   * Wraps a scheduler.
   *
   * @param scheduler the scheduler
   */
  public SchedulerTimers(EngineScheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public Scheduled after(Duration delay, Runnable action) {
    EngineScheduler.Scheduled scheduled = scheduler.schedule(delay, action);
    return scheduled::cancel;
  }

  @Override
  public void sleep(Duration delay, CancelToken token) throws InterruptedException {
    CountDownLatch woken = new CountDownLatch(1);
    EngineScheduler.Scheduled scheduled = scheduler.schedule(delay, woken::countDown);
    token.onCancel(woken::countDown);
    try {
      woken.await();
    } finally {
      scheduled.cancel();
    }
  }

  @Override
  public Thread start(String name, Runnable task) {
    return scheduler.start(name, task);
  }

  @Override
  public void close() {
    scheduler.close();
  }
}
