package io.chengis.engine.internal;

import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.spi.LogSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The log sink the engine hands to a step's executor. It masks secrets per output stream (holding
 * back a line that may continue into a multi-line secret), and groups lines into batches that are
 * published when they are full, when the timer flushes them, and when the step ends.
 *
 * <p>Thread-safe: executors may write stdout and stderr from different threads.
 */
final class StepLog implements LogSink {
  static final int BATCH_LINES = 512;

  private final ReentrantLock lock = new ReentrantLock();
  private final SecretMasker masker;
  private final Consumer<List<LogLine>> publish;
  private final Map<LogStream, SecretMasker.Stream> masking = new EnumMap<>(LogStream.class);
  private final Map<LogStream, LineSplitter> splitters = new EnumMap<>(LogStream.class);
  private List<LogLine> batch = new ArrayList<>();
  private Instant lastReadAt = Instant.EPOCH;
  private LogStream currentStream = LogStream.STDOUT;

  /** Runs once, when the first line arrives (the engine starts its flush timer then). */
  private final Runnable firstLine;

  private boolean anyLine;

  StepLog(SecretMasker masker, Consumer<List<LogLine>> publish) {
    this(masker, publish, () -> {});
  }

  /**
   * A step log.
   *
   * @param masker the build's masker
   * @param publish receives full batches, and what is collected when flushed
   * @param firstLine runs once when the first line arrives; it must not block
   */
  StepLog(SecretMasker masker, Consumer<List<LogLine>> publish, Runnable firstLine) {
    this.masker = masker;
    this.publish = publish;
    this.firstLine = firstLine;
  }

  /** Notes that a line arrived; call with the lock held. */
  private void arrived() {
    if (!anyLine) {
      anyLine = true;
      firstLine.run();
    }
  }

  @Override
  public void accept(LogLine line) {
    List<LogLine> full = null;
    lock.lock();
    try {
      arrived();
      if (masker.isEmpty() && !masking.containsKey(line.stream())) {
        batch.add(line);
      } else {
        lastReadAt = line.timestamp();
        currentStream = line.stream();
        String masked = masking(line.stream()).feed(line.text() + "\n");
        splitter(line.stream()).feed(masked);
      }
      if (batch.size() >= BATCH_LINES) {
        full = batch;
        batch = new ArrayList<>();
      }
    } finally {
      lock.unlock();
    }
    if (full != null) {
      publish.accept(full);
    }
  }

  /**
   * The build's masker, for executors that mask their own output stream ({@link #acceptMasked}).
   */
  SecretMasker masker() {
    return masker;
  }

  /**
   * Takes a line the executor has already masked on its raw output stream with {@link #masker()}
   * (which also catches secrets spanning lines), so it is not masked a second time.
   *
   * @param line the masked line
   */
  void acceptMasked(LogLine line) {
    List<LogLine> full = null;
    lock.lock();
    try {
      arrived();
      batch.add(line);
      if (batch.size() >= BATCH_LINES) {
        full = batch;
        batch = new ArrayList<>();
      }
    } finally {
      lock.unlock();
    }
    if (full != null) {
      publish.accept(full);
    }
  }

  /** Publishes what has been collected so far (called by the flush timer). */
  void flush() {
    List<LogLine> ready;
    lock.lock();
    try {
      ready = batch;
      batch = new ArrayList<>();
    } finally {
      lock.unlock();
    }
    if (!ready.isEmpty()) {
      publish.accept(ready);
    }
  }

  /** Releases text held back by the maskers and publishes everything; the step has ended. */
  void close() {
    lock.lock();
    try {
      for (Map.Entry<LogStream, SecretMasker.Stream> stream : masking.entrySet()) {
        currentStream = stream.getKey();
        LineSplitter splitter = splitter(stream.getKey());
        splitter.feed(stream.getValue().flush());
        splitter.finish();
      }
    } finally {
      lock.unlock();
    }
    flush();
  }

  private SecretMasker.Stream masking(LogStream stream) {
    return masking.computeIfAbsent(stream, key -> masker.stream());
  }

  private LineSplitter splitter(LogStream stream) {
    return splitters.computeIfAbsent(
        stream,
        key ->
            new LineSplitter(
                Integer.MAX_VALUE,
                text -> batch.add(new LogLine(lastReadAt, currentStream, text))));
  }
}
