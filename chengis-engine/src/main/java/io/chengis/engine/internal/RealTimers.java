package io.chengis.engine.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link Timers} on the system's monotonic clock, with one daemon timer thread.
 *
 * <p>Pending actions wait in a set ordered by deadline, and the timer thread has one alarm, set for
 * the earliest of them. Scheduling an action that is due no sooner than the alarm only adds it to
 * the set, and calling one off only removes it: neither wakes the timer thread. Every step of a
 * build schedules its timeout and calls it off when it ends, almost always later than the alarm set
 * by the first step; waking the timer thread each time would cost the step a context switch. When
 * the alarm goes off, the thread runs what is due, in deadline order, and sets the alarm for the
 * next action still pending.
 */
public final class RealTimers implements Timers {
  private static final System.Logger LOG = System.getLogger(RealTimers.class.getName());

  private final ScheduledThreadPoolExecutor executor;

  /** Deadlines are nanoseconds since this {@link System#nanoTime()}, so they never wrap. */
  private final long origin = System.nanoTime();

  private final AtomicLong sequence = new AtomicLong();
  private final ConcurrentSkipListSet<Pending> pending = new ConcurrentSkipListSet<>();

  /** Guards the alarm. */
  private final ReentrantLock lock = new ReentrantLock();

  private long alarmAt = Long.MAX_VALUE;
  private ScheduledFuture<?> alarm;
  private long alarmsSet;

  /** An action and when it is due; the sequence number orders actions due at the same moment. */
  private record Pending(long deadline, long sequence, Runnable action)
      implements Comparable<Pending> {
    @Override
    public int compareTo(Pending other) {
      int byDeadline = Long.compare(deadline, other.deadline);
      return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
    }
  }

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
    long nanos = Math.max(0, delay.toNanos());
    long now = System.nanoTime() - origin;
    // Saturates: a delay of centuries is as good as never.
    long deadline = nanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos;
    Pending scheduled = new Pending(deadline, sequence.incrementAndGet(), action);
    pending.add(scheduled);
    alarmNoLaterThan(deadline);
    return () -> pending.remove(scheduled);
  }

  /** Sets the alarm for the deadline unless it already goes off no later. */
  private void alarmNoLaterThan(long deadline) {
    lock.lock();
    try {
      if (deadline >= alarmAt || executor.isShutdown()) {
        return;
      }
      if (alarm != null) {
        alarm.cancel(false);
      }
      alarmAt = deadline;
      alarmsSet++;
      long delay = Math.max(0, deadline - (System.nanoTime() - origin));
      alarm = executor.schedule(this::ring, delay, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // The timers are closed: nothing runs any more.
    } finally {
      lock.unlock();
    }
  }

  /** On the timer thread: runs every action that is due, then sets the alarm for the next. */
  private void ring() {
    lock.lock();
    try {
      alarmAt = Long.MAX_VALUE;
      alarm = null;
    } finally {
      lock.unlock();
    }
    // An action scheduled from here on either finds the alarm unset and sets it, or is in the set
    // before the scan below reaches its place.
    try {
      Pending first;
      while ((first = firstOrNull()) != null && first.deadline() <= System.nanoTime() - origin) {
        if (pending.remove(first)) {
          try {
            first.action().run();
          } catch (RuntimeException failed) {
            // One failing action must not stop the others; it has no one to report to but the
            // log.
            LOG.log(
                System.Logger.Level.WARNING,
                "a timer action failed with {0}",
                failed.getClass().getName());
          }
        }
      }
    } finally {
      // Also after an Error out of an action: what is still pending gets the alarm.
      Pending next = firstOrNull();
      if (next != null) {
        alarmNoLaterThan(next.deadline());
      }
    }
  }

  /** How many times the alarm has been set: once per wake-up of the timer thread, at most. */
  long alarmsSet() {
    lock.lock();
    try {
      return alarmsSet;
    } finally {
      lock.unlock();
    }
  }

  private Pending firstOrNull() {
    try {
      return pending.first();
    } catch (java.util.NoSuchElementException emptied) {
      return null;
    }
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
    lock.lock();
    try {
      executor.shutdownNow();
      pending.clear();
    } finally {
      lock.unlock();
    }
  }
}
