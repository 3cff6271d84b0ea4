package io.chengis.testkit.internal;

import io.chengis.engine.EngineScheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Virtual time for the engine: a clock that only moves when the test drives it, and an {@link
 * EngineScheduler} whose timers fire when the clock reaches them.
 *
 * <p>The driver (the test's thread) moves time in two ways: {@link #advance} fires every timer due
 * within a duration, and {@link #runUntil} skips ahead to the next timer whenever all work is
 * waiting on time. "All work is waiting on time" means: every thread the engine started through
 * {@link #start} is parked without a deadline (it waits on a lock, a future, a latch: on another
 * thread or on a timer), no fake step is running real work ({@link #enterBusy}), and this stayed so
 * over three scans during which nothing was scheduled, cancelled or started. Timers fire on the
 * driver's thread, one at a time, in deadline order (scheduling order on ties), and the driver lets
 * the engine come to rest again before it fires the next one, so the result does not depend on
 * thread timing.
 *
 * <p>A timer whose action schedules the same action again with the same delay (the engine's log
 * flush) is periodic. Once a firing of it has woken no thread and scheduled nothing else, its later
 * firings are no-ops until something else happens, so the driver skips them: it moves such a timer
 * to its last occurrence before the next other deadline. That is what lets a six-hour step run in
 * milliseconds instead of firing 108,000 flushes.
 *
 * <p>Thread-safe.
 */
public final class VirtualScheduler implements EngineScheduler, InstantSource {
  private static final int STABLE_SCANS = 3;

  private final ReentrantLock lock = new ReentrantLock();
  private final PriorityQueue<Timer> timers =
      new PriorityQueue<>(
          Comparator.comparing((Timer timer) -> timer.deadline).thenComparingLong(t -> t.sequence));
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicLong activity = new AtomicLong();
  private final AtomicInteger busy = new AtomicInteger();
  private final Duration restLimit;
  private volatile Instant now;
  private long sequence;
  private long epoch;
  private boolean closed;
  private Optional<Timer> firing = Optional.empty();
  private Optional<Timer> rescheduled = Optional.empty();

  /**
   * A clock at a start instant.
   *
   * @param start where time begins
   * @param restLimit how long, in real time, the driver waits for the engine to come to rest before
   *     it reports the threads that keep running
   */
  public VirtualScheduler(Instant start, Duration restLimit) {
    this.now = start;
    this.restLimit = restLimit;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public Scheduled schedule(Duration delay, Runnable action) {
    lock.lock();
    try {
      Duration wait = delay.isNegative() ? Duration.ZERO : delay;
      Timer timer = new Timer(now.plus(wait), sequence++, wait, action);
      if (closed) {
        return () -> {};
      }
      Optional<Timer> current = firing;
      if (current.isPresent()
          && current.get().action == action
          && current.get().delay.equals(wait)
          && rescheduled.isEmpty()) {
        timer.periodic = true;
        rescheduled = Optional.of(timer);
      } else {
        activity.incrementAndGet();
      }
      timers.add(timer);
      return timer;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Thread start(String name, Runnable task) {
    Thread thread =
        Thread.ofVirtual()
            .name(name)
            .unstarted(
                () -> {
                  try {
                    task.run();
                  } finally {
                    threads.remove(Thread.currentThread());
                    activity.incrementAndGet();
                  }
                });
    threads.add(thread);
    activity.incrementAndGet();
    thread.start();
    return thread;
  }

  /** Marks the start of real work (a real process) that virtual time must wait for. */
  public void enterBusy() {
    busy.incrementAndGet();
    activity.incrementAndGet();
  }

  /** Marks the end of real work begun with {@link #enterBusy()}. */
  public void exitBusy() {
    activity.incrementAndGet();
    busy.decrementAndGet();
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      timers.clear();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Fires every timer due within the duration, in order, letting the engine come to rest after
   * each, then sets the clock to the end of the duration.
   *
   * @param duration zero or positive
   */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "advance: duration must not be negative (was " + duration + "); time only moves forward");
    }
    Instant target = now.plus(duration);
    runUntil(() -> false, Optional.of(target));
    lock.lock();
    try {
      if (now.isBefore(target)) {
        now = target;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Lets the engine work, skipping ahead to the next timer whenever all work waits on time, until
   * the condition holds (checked whenever the engine is at rest).
   *
   * @param done when to stop
   * @return {@code true} when the condition holds; {@code false} when the engine is at rest, the
   *     condition does not hold and no timer is left that could change that
   */
  public boolean runUntil(BooleanSupplier done) {
    return runUntil(done, Optional.empty());
  }

  private boolean runUntil(BooleanSupplier done, Optional<Instant> limit) {
    bumpEpoch();
    boolean settled = false;
    while (true) {
      if (!settled) {
        awaitRest();
      }
      if (done.getAsBoolean()) {
        return true;
      }
      Optional<Timer> next = nextDue(limit);
      if (next.isEmpty()) {
        return false;
      }
      settled = fire(next.get());
    }
  }

  /** Takes the next timer to fire, skipping ahead over no-op periodic firings; empty when none. */
  private Optional<Timer> nextDue(Optional<Instant> limit) {
    lock.lock();
    try {
      Optional<Instant> other = limit;
      for (Timer timer : timers) {
        if (!isIdlePeriodic(timer) && (other.isEmpty() || timer.deadline.isBefore(other.get()))) {
          other = Optional.of(timer.deadline);
        }
      }
      if (other.isEmpty()) {
        return Optional.empty();
      }
      Instant horizon = other.get();
      List<Timer> moved = new ArrayList<>();
      for (Timer timer : timers) {
        if (isIdlePeriodic(timer) && timer.deadline.isBefore(horizon) && !timer.delay.isZero()) {
          moved.add(timer);
        }
      }
      for (Timer timer : moved) {
        timers.remove(timer);
        long periods = Duration.between(timer.deadline, horizon).dividedBy(timer.delay);
        timer.deadline = timer.deadline.plus(timer.delay.multipliedBy(periods));
        timers.add(timer);
      }
      Timer first = timers.peek();
      if (first == null || first.deadline.isAfter(horizon)) {
        return Optional.empty();
      }
      timers.poll();
      if (first.deadline.isAfter(now)) {
        now = first.deadline;
      }
      firing = Optional.of(first);
      rescheduled = Optional.empty();
      return Optional.of(first);
    } finally {
      lock.unlock();
    }
  }

  private boolean isIdlePeriodic(Timer timer) {
    return timer.periodic && timer.idleEpoch == epoch;
  }

  /**
   * Runs a timer's action on this thread.
   *
   * @return whether the engine is still at rest afterwards (the firing woke nobody)
   */
  private boolean fire(Timer timer) {
    long before = activity.get();
    try {
      timer.action.run();
    } finally {
      lock.lock();
      try {
        firing = Optional.empty();
      } finally {
        lock.unlock();
      }
    }
    boolean quiet = busy.get() == 0 && activity.get() == before && allParked();
    lock.lock();
    try {
      if (quiet) {
        rescheduled.ifPresent(next -> next.idleEpoch = epoch);
      } else {
        epoch++;
      }
      rescheduled = Optional.empty();
    } finally {
      lock.unlock();
    }
    return quiet;
  }

  private void bumpEpoch() {
    lock.lock();
    try {
      epoch++;
    } finally {
      lock.unlock();
    }
  }

  /** Waits (in real time) until every engine thread is parked and nothing changes. */
  private void awaitRest() {
    long deadline = System.nanoTime() + restLimit.toNanos();
    int stable = 0;
    long seen = activity.get();
    while (true) {
      long current = activity.get();
      if (busy.get() == 0 && allParked() && current == seen) {
        stable++;
        if (stable >= STABLE_SCANS) {
          return;
        }
      } else {
        stable = 0;
        seen = current;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "virtual time: the engine did not come to rest within "
                + restLimit
                + " of real time (threads: "
                + describeThreads()
                + ", real work running: "
                + busy.get()
                + "); a step that runs for real or an executor that waits on real time keeps it"
                + " busy, stub it or raise the limit");
      }
      LockSupport.parkNanos(stable == 0 ? 100_000 : 20_000);
    }
  }

  private boolean allParked() {
    for (Thread thread : threads) {
      Thread.State state = thread.getState();
      if (state != Thread.State.WAITING && state != Thread.State.TERMINATED) {
        return false;
      }
    }
    return true;
  }

  /** The engine's live threads and their states, for messages. */
  public String describeThreads() {
    List<String> described = new ArrayList<>();
    for (Thread thread : threads) {
      described.add(thread.getName() + "=" + thread.getState());
    }
    return described.toString();
  }

  /** The pending deadlines, for messages. */
  public List<Instant> pendingDeadlines() {
    lock.lock();
    try {
      return timers.stream().map(timer -> timer.deadline).sorted().toList();
    } finally {
      lock.unlock();
    }
  }

  private final class Timer implements Scheduled {
    private Instant deadline;
    private final long sequence;
    private final Duration delay;
    private final Runnable action;
    private boolean periodic;
    private long idleEpoch = -1;

    Timer(Instant deadline, long sequence, Duration delay, Runnable action) {
      this.deadline = deadline;
      this.sequence = sequence;
      this.delay = delay;
      this.action = action;
    }

    @Override
    public void cancel() {
      lock.lock();
      try {
        if (timers.remove(this)) {
          activity.incrementAndGet();
        }
      } finally {
        lock.unlock();
      }
    }
  }
}
