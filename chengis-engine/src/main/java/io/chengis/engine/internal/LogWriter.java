package io.chengis.engine.internal;

import io.chengis.api.LogLine;
import io.chengis.api.internal.lines.PackedLines;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Publishes a step's log batches (to the log store, the event store and the journal) on a virtual
 * thread of its own, in order, so that the thread reading the step's output does not wait for the
 * stores. Memory is bounded: batches wait in a buffer of at most {@link #MAX_QUEUED_CHARACTERS}
 * characters of text; when a slow store lets it fill, {@link #put} waits for room, which in turn
 * leaves the output in the process's pipe. Nothing queued before {@link #close} is dropped; a batch
 * that comes after it is (the step has ended). The thread starts with the first batch, so a step
 * that prints nothing costs no thread.
 *
 * <p>Thread-safe.
 */
final class LogWriter {
  /** Log text that may wait for the stores before readers are held up. */
  static final long MAX_QUEUED_CHARACTERS = 1L << 20;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Consumer<List<LogLine>> publish;
  private final long maxQueued;
  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  private long queued;
  private boolean closed;
  private Thread writer;
  private RuntimeException failure;

  private final Starter starter;

  /**
   * A batch in the buffer, made on the writer's thread (so that it, not the thread reading the
   * output, cuts the lines and allocates their memory).
   */
  private record Queued(Supplier<List<LogLine>> lines, long characters) {}

  /** Starts the writer's thread (the engine's {@link Timers#start}, so virtual time sees it). */
  @FunctionalInterface
  interface Starter {
    Thread start(String name, Runnable task);
  }

  /** Starts threads as plain virtual threads. */
  static final Starter VIRTUAL = (name, task) -> Thread.ofVirtual().name(name).start(task);

  /**
   * A writer.
   *
   * @param starter starts the writer's thread
   * @param publish publishes one batch; called from the writer's thread only, in order
   */
  LogWriter(Starter starter, Consumer<List<LogLine>> publish) {
    this(starter, publish, MAX_QUEUED_CHARACTERS);
  }

  /**
   * A writer with a buffer of a given size (tests use small ones).
   *
   * @param starter starts the writer's thread
   * @param publish publishes one batch; called from the writer's thread only, in order
   * @param maxQueued the most characters of text waiting (one batch is always accepted)
   */
  LogWriter(Starter starter, Consumer<List<LogLine>> publish, long maxQueued) {
    this.starter = starter;
    this.publish = publish;
    this.maxQueued = maxQueued;
  }

  /**
   * Queues a batch, waiting while the buffer is full.
   *
   * @param lines the batch; not changed afterwards by the caller
   */
  void put(List<LogLine> lines) {
    put(characters(lines), () -> lines);
  }

  /**
   * Queues a batch that the writer's thread makes when its turn comes, waiting while the buffer is
   * full. Batches are made in the order they were queued, one at a time; an empty one is not
   * published.
   *
   * @param characters the batch's size, as {@link #characters} counts it (or its bytes)
   * @param lines makes the batch, on the writer's thread
   */
  void put(long characters, Supplier<List<LogLine>> lines) {
    lock.lock();
    try {
      if (closed) {
        // Only output of a background process that outlived its step comes this late (see
        // LocalProcess: its readers are detached then); the step's log has ended.
        return;
      }
      while (!queue.isEmpty() && queued + characters > maxQueued) {
        changed.awaitUninterruptibly();
      }
      queue.addLast(new Queued(lines, characters));
      queued += characters;
      if (writer == null) {
        writer = starter.start("chengis-log-writer", this::run);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether a batch of this size would be queued now without waiting. Only the writer's thread
   * makes room, so for the one thread that puts batches the answer stays true until it puts one.
   *
   * @param characters the batch's size, as {@link #characters} counts it
   * @return whether {@link #put} would not wait
   */
  boolean hasRoomFor(long characters) {
    lock.lock();
    try {
      return closed || queue.isEmpty() || queued + characters <= maxQueued;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until every queued batch is published, then stops the writer.
   *
   * @throws RuntimeException the first failure of a publication (the rest were still published)
   */
  void close() {
    Thread running;
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
      running = writer;
    } finally {
      lock.unlock();
    }
    if (running != null) {
      boolean interrupted = false;
      while (true) {
        try {
          running.join();
          break;
        } catch (InterruptedException again) {
          interrupted = true; // the lines must reach the stores before the step may end
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void run() {
    while (true) {
      Queued next;
      lock.lock();
      try {
        while (queue.isEmpty() && !closed) {
          changed.awaitUninterruptibly();
        }
        next = queue.peekFirst();
        if (next == null) {
          return;
        }
      } finally {
        lock.unlock();
      }
      try {
        List<LogLine> lines = next.lines().get();
        if (!lines.isEmpty()) {
          publish.accept(lines);
        }
      } catch (RuntimeException failed) {
        if (failure == null) {
          failure = failed;
        }
      }
      lock.lock();
      try {
        queue.removeFirst();
        queued -= next.characters();
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * The size of a batch in the buffer: its characters, or for packed lines their bytes (as many or
   * more, and known without decoding).
   */
  static long characters(List<LogLine> lines) {
    if (lines instanceof PackedLines packed) {
      return packed.textBytes();
    }
    long characters = 0;
    for (LogLine line : lines) {
      characters += line.text().length();
    }
    return characters;
  }
}
