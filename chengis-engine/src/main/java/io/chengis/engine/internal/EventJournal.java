package io.chengis.engine.internal;

import io.chengis.api.BuildEvent;
import io.chengis.api.EventId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events of one build, in order, and the publisher that replays them to any number of
 * subscribers. Appending never waits for a subscriber: each subscription reads from the journal at
 * its own pace on its own virtual thread, so a slow subscriber neither blocks the build nor misses
 * an event. The journal completes subscribers once it is closed and they have read everything.
 *
 * <p>Memory is bounded: the journal keeps only a recent window of events on the heap (up to {@link
 * #WINDOW_CHARACTERS} characters of log text and {@link #WINDOW_EVENTS} events). Older events are
 * dropped from the heap only once the event store holds them, and a subscriber that falls behind
 * the window reads them back from the store with a cursor, so it still sees every event, in order.
 * An event the store failed to keep stays on the heap (and so does everything after it) until the
 * build's journal is gone: nothing is lost because a store failed.
 *
 * <p>Thread-safe.
 */
public final class EventJournal implements Flow.Publisher<BuildEvent> {
  /** Log text kept on the heap beyond which stored events are dropped, oldest first. */
  static final long WINDOW_CHARACTERS = 2L << 20;

  /** Events kept on the heap beyond which stored events are dropped, oldest first. */
  static final int WINDOW_EVENTS = 4096;

  /** How many events a lagging subscriber reads back from the store at a time. */
  static final int REPLAY_PAGE = 1000;

  /** Reads stored events of the build back, oldest first. */
  @FunctionalInterface
  public interface Store {
    /**
     * Replays the build's stored events.
     *
     * @param after the last event already delivered, or empty to start from the first
     * @param limit the most events to return
     * @return the next stored events in id order
     */
    List<BuildEvent> after(Optional<EventId> after, int limit);
  }

  private record Entry(BuildEvent event, boolean stored, long weight) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Store store;
  private final long windowCharacters;
  private final int windowEvents;
  private final Window window = new Window();

  /** The sequence number (from 0) of the first event still on the heap. */
  private long first;

  /** The log characters of the events on the heap. */
  private long weight;

  private boolean closed;

  /** A journal that keeps every event on the heap (nothing to read back from). */
  public EventJournal() {
    this((after, limit) -> List.of(), Long.MAX_VALUE, Integer.MAX_VALUE);
  }

  /**
   * A journal that keeps a window of events and reads older ones back from the store.
   *
   * @param store the build's stored events
   */
  public EventJournal(Store store) {
    this(store, WINDOW_CHARACTERS, WINDOW_EVENTS);
  }

  /**
   * A journal with a window of a given size (tests use small ones).
   *
   * @param store the build's stored events
   * @param windowCharacters log text kept on the heap
   * @param windowEvents events kept on the heap
   */
  EventJournal(Store store, long windowCharacters, int windowEvents) {
    this.store = Objects.requireNonNull(store, "store");
    this.windowCharacters = windowCharacters;
    this.windowEvents = windowEvents;
  }

  /**
   * Appends an event that the event store holds, and wakes subscribers.
   *
   * @param event the event
   */
  public void append(BuildEvent event) {
    append(event, true);
  }

  /**
   * Appends an event and wakes subscribers.
   *
   * @param event the event
   * @param stored whether the event store holds it (only stored events may leave the heap)
   */
  public void append(BuildEvent event, boolean stored) {
    Objects.requireNonNull(event, "event");
    long eventWeight = weightOf(event);
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("event journal is closed; no event may follow the last");
      }
      window.addLast(new Entry(event, stored, eventWeight));
      weight += eventWeight;
      while ((weight > windowCharacters || window.size() > windowEvents)
          && window.size() > 1
          && window.peekFirst().stored()) {
        weight -= window.removeFirst().weight();
        first++;
      }
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
   * A copy of the events still on the heap.
   *
   * @return the most recent events in order
   */
  public List<BuildEvent> snapshot() {
    lock.lock();
    try {
      List<BuildEvent> events = new ArrayList<>(window.size());
      for (int i = 0; i < window.size(); i++) {
        events.add(window.get(i).event());
      }
      return List.copyOf(events);
    } finally {
      lock.unlock();
    }
  }

  /**
   * How many events were appended.
   *
   * @return the count, those dropped from the heap included
   */
  public long size() {
    lock.lock();
    try {
      return first + window.size();
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

  /** The entries on the heap: a list that drops from the front in amortized constant time. */
  private static final class Window {
    private final ArrayList<Entry> entries = new ArrayList<>();
    private int head;

    int size() {
      return entries.size() - head;
    }

    Entry get(int index) {
      return entries.get(head + index);
    }

    Entry peekFirst() {
      return entries.get(head);
    }

    void addLast(Entry entry) {
      entries.add(entry);
    }

    Entry removeFirst() {
      Entry removed = entries.set(head++, null);
      if (head >= 1024 && head > entries.size() / 2) {
        entries.subList(0, head).clear();
        head = 0;
      }
      return removed;
    }
  }

  /** An event's weight: 1, and for a log batch its text and a terminator per line. */
  private static long weightOf(BuildEvent event) {
    return event instanceof BuildEvent.LogBatch batch
        ? 1 + LogWriter.characters(batch.lines()) + batch.lines().size()
        : 1;
  }

  private final class Reader implements Flow.Subscription {
    private final Flow.Subscriber<? super BuildEvent> subscriber;
    private long demand;
    private boolean cancelled;

    /** The sequence number of the next event to deliver. */
    private long cursor;

    private Optional<EventId> lastDelivered = Optional.empty();

    /** Events read back from the store, not delivered yet. */
    private final ArrayDeque<BuildEvent> replayed = new ArrayDeque<>();

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
        long behind;
        lock.lock();
        try {
          while (!cancelled && (demand == 0 || cursor == first + window.size()) && !isDone()) {
            changed.awaitUninterruptibly();
          }
          if (cancelled) {
            return;
          }
          if (isDone()) {
            break;
          }
          behind = first - cursor;
          next = behind > 0 ? replayed.pollFirst() : eventAt(cursor);
        } finally {
          lock.unlock();
        }
        if (behind > 0 && next == null) {
          // Dropped from the heap: read back from the store, outside the lock (it may block).
          if (!readBack(behind)) {
            return;
          }
          continue;
        }
        lock.lock();
        try {
          cursor++;
          demand--;
        } finally {
          lock.unlock();
        }
        lastDelivered = Optional.of(next.id());
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

    /** Reads the next events this subscriber missed from the store; false when it failed. */
    private boolean readBack(long behind) {
      List<BuildEvent> page;
      try {
        page = store.after(lastDelivered, (int) Math.min(behind, REPLAY_PAGE));
      } catch (RuntimeException failed) {
        cancel();
        subscriber.onError(
            new IllegalStateException(
                "event journal: cannot read events after "
                    + lastDelivered.map(EventId::toString).orElse("the start")
                    + " back from the event store ("
                    + failed.getMessage()
                    + "); the subscriber fell behind the in-memory window, check the event store",
                failed));
        return false;
      }
      if (page.isEmpty()) {
        cancel();
        subscriber.onError(
            new IllegalStateException(
                "event journal: the event store returned no events after "
                    + lastDelivered.map(EventId::toString).orElse("the start")
                    + " although it stored them; check the event store"));
        return false;
      }
      // Only events older than those still on the heap: a store that lost some of them must not
      // make this subscriber see later events twice.
      Optional<EventId> firstOnHeap;
      lock.lock();
      try {
        firstOnHeap =
            window.size() == 0 ? Optional.empty() : Optional.of(window.peekFirst().event().id());
      } finally {
        lock.unlock();
      }
      int taken = 0;
      Iterator<BuildEvent> events = page.iterator();
      while (taken < behind && events.hasNext()) {
        BuildEvent event = events.next();
        if (firstOnHeap.isPresent() && event.id().compareTo(firstOnHeap.get()) >= 0) {
          break;
        }
        replayed.addLast(event);
        taken++;
      }
      if (taken == 0) {
        cancel();
        subscriber.onError(
            new IllegalStateException(
                "event journal: the event store lacks events after "
                    + lastDelivered.map(EventId::toString).orElse("the start")
                    + " that it had accepted; check the event store"));
        return false;
      }
      return true;
    }

    private BuildEvent eventAt(long sequence) {
      return window.get((int) (sequence - first)).event();
    }

    private boolean isDone() {
      return closed && cursor == first + window.size() && replayed.isEmpty();
    }
  }
}
