package io.chengis.engine.internal;

import io.chengis.api.BuildEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events of one build, in order, and the publisher that replays them to any number of
 * subscribers. Appending never waits for a subscriber: each subscription reads from the journal at
 * its own pace on its own virtual thread, so a slow subscriber neither blocks the build nor misses
 * an event. The journal completes subscribers once it is closed and they have read everything.
 *
 * <p>Thread-safe.
 */
public final class EventJournal implements Flow.Publisher<BuildEvent> {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<BuildEvent> events = new ArrayList<>();
  private boolean closed;

  /**
   * Appends an event and wakes subscribers.
   *
   * @param event the event
   */
  public void append(BuildEvent event) {
    Objects.requireNonNull(event, "event");
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("event journal is closed; no event may follow the last");
      }
      events.add(event);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Marks the end of the build's events; subscribers complete after reading them. */
  public void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A copy of the events so far.
   *
   * @return the events in order
   */
  public List<BuildEvent> snapshot() {
    lock.lock();
    try {
      return List.copyOf(events);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void subscribe(Flow.Subscriber<? super BuildEvent> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    Reader reader = new Reader(subscriber);
    subscriber.onSubscribe(reader);
    Thread.ofVirtual().name("chengis-events").start(reader::run);
  }

  private final class Reader implements Flow.Subscription {
    private final Flow.Subscriber<? super BuildEvent> subscriber;
    private long demand;
    private boolean cancelled;
    private int cursor;

    Reader(Flow.Subscriber<? super BuildEvent> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      lock.lock();
      try {
        if (n <= 0) {
          cancelled = true;
          changed.signalAll();
          subscriber.onError(
              new IllegalArgumentException(
                  "requested " + n + " events; request a positive number (rule 3.9 of Flow)"));
          return;
        }
        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void cancel() {
      lock.lock();
      try {
        cancelled = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    void run() {
      while (true) {
        BuildEvent next;
        lock.lock();
        try {
          while (!cancelled && (demand == 0 || cursor == events.size()) && !isDone()) {
            changed.awaitUninterruptibly();
          }
          if (cancelled) {
            return;
          }
          if (isDone()) {
            break;
          }
          next = events.get(cursor++);
          demand--;
        } finally {
          lock.unlock();
        }
        try {
          subscriber.onNext(next);
        } catch (RuntimeException failed) {
          cancel();
          subscriber.onError(failed);
          return;
        }
      }
      subscriber.onComplete();
    }

    private boolean isDone() {
      return closed && cursor == events.size();
    }
  }
}
