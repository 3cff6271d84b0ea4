package io.chengis.engine.internal;

import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.internal.lines.PackedLines;
import io.chengis.api.spi.LogSink;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The log sink the engine hands to a step's executor. It masks secrets per output stream (holding
 * back a line that may continue into a multi-line secret), and groups lines into batches that are
 * published when they are full, when the timer flushes them, and when the step ends. Batches are
 * published in order on a {@link LogWriter}'s thread, so a slow store holds up the executor only
 * once the writer's bounded buffer is full.
 *
 * <p>Lines the engine cut from bytes (its own capture, and text it masked) stay bytes in {@link
 * PackedLines}: no line becomes an object before someone reads it. Lines an executor hands over as
 * text while no secret is known are kept as they are, in batches of their own, so that text that
 * UTF-8 cannot carry (an unpaired surrogate) is not changed.
 *
 * <p>Thread-safe: executors may write stdout and stderr from different threads.
 */
final class StepLog implements LogSink {
  static final int BATCH_LINES = 512;

  private final ReentrantLock lock = new ReentrantLock();
  private final SecretMasker masker;
  private final LogWriter writer;
  private final Map<LogStream, SecretMasker.ByteStream> masking = new EnumMap<>(LogStream.class);
  private final Map<LogStream, LineSplitter> splitters = new EnumMap<>(LogStream.class);

  /** The batch of lines cut from bytes; only one of it and {@link #texts} holds lines. */
  private PackedLines.Builder packed = PackedLines.builder();

  /**
   * Builders the writer has built and handed back, for the next batches: a step that prints much
   * reuses a few builders instead of allocating its output's memory on the thread reading it.
   */
  private final Queue<PackedLines.Builder> spares = new ConcurrentLinkedQueue<>();

  /** The batch of lines taken as text. */
  private List<LogLine> texts = new ArrayList<>();

  private Instant lastReadAt = Instant.EPOCH;
  private LogStream currentStream = LogStream.STDOUT;

  /** Runs once, when the first line arrives (the engine starts its flush timer then). */
  private final Runnable firstLine;

  private boolean anyLine;

  StepLog(SecretMasker masker, Consumer<List<LogLine>> publish) {
    this(masker, new LogWriter(LogWriter.VIRTUAL, publish), () -> {});
  }

  /**
   * A step log.
   *
   * @param masker the build's masker
   * @param writer publishes full batches, and what is collected when flushed
   * @param firstLine runs once when the first line arrives; it must not block
   */
  StepLog(SecretMasker masker, LogWriter writer, Runnable firstLine) {
    this.masker = masker;
    this.writer = writer;
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
    lock.lock();
    try {
      arrived();
      if (masker.isEmpty() && !masking.containsKey(line.stream())) {
        if (packed.size() > 0) {
          publishPacked();
        }
        texts.add(line);
      } else {
        lastReadAt = line.timestamp();
        currentStream = line.stream();
        byte[] text = (line.text() + "\n").getBytes(StandardCharsets.UTF_8);
        masking(line.stream()).feed(text, 0, text.length, splitter(line.stream()));
      }
      publishIfFull();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The build's masker, for executors that mask their own output stream ({@link #acceptMasked}).
   */
  SecretMasker masker() {
    return masker;
  }

  /**
   * Takes lines the executor has already masked on its raw output stream with {@link #masker()}
   * (which also catches secrets spanning lines), so they are not masked a second time. Lines that
   * make a full batch on their own are queued in their builder, without a copy, and the executor
   * gets another builder for its next lines.
   *
   * @param lines the masked lines of one read, in order; not used by the caller afterwards
   * @return an empty builder for the executor's next lines
   */
  PackedLines.Builder acceptMasked(PackedLines.Builder lines) {
    if (lines.size() == 0) {
      return lines;
    }
    lock.lock();
    try {
      arrived();
      publishTexts();
      if (packed.size() == 0 && lines.size() >= BATCH_LINES) {
        writer.putStaged(lines, spares::offer);
        return spare();
      }
      packed.addAll(lines);
      publishIfFull();
      return lines.clear();
    } finally {
      lock.unlock();
    }
  }

  private PackedLines.Builder spare() {
    PackedLines.Builder spare = spares.poll();
    return spare != null ? spare : PackedLines.builder();
  }

  /** Queues the packed batch, to be built on the writer's thread; call with the lock held. */
  private void publishPacked() {
    writer.putStaged(packed, spares::offer);
    packed = spare();
  }

  /** Queues the text batch, if any; call with the lock held. */
  private void publishTexts() {
    if (!texts.isEmpty()) {
      writer.put(texts);
      texts = new ArrayList<>();
    }
  }

  /** Queues a full batch; call with the lock held, so batches are queued in order. */
  private void publishIfFull() {
    if (packed.size() >= BATCH_LINES) {
      publishPacked();
    } else if (texts.size() >= BATCH_LINES) {
      publishTexts();
    }
  }

  /**
   * Publishes what has been collected so far (called by the flush timer). Never waits: when an
   * executor thread is busy with the log, or the writer's buffer is full, lines are flowing anyway
   * and go out with the next full batch.
   */
  void flush() {
    if (!lock.tryLock()) {
      return;
    }
    try {
      if (packed.size() > 0 && writer.hasRoomFor(packed.textBytes())) {
        publishPacked();
      } else if (!texts.isEmpty() && writer.hasRoomFor(LogWriter.characters(texts))) {
        publishTexts();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Releases text held back by the maskers and publishes everything; the step has ended. Returns
   * once every line has been published.
   */
  void close() {
    lock.lock();
    try {
      for (Map.Entry<LogStream, SecretMasker.ByteStream> stream : masking.entrySet()) {
        currentStream = stream.getKey();
        LineSplitter splitter = splitter(stream.getKey());
        stream.getValue().flush(splitter);
        splitter.finish();
      }
      publishTexts();
      if (packed.size() > 0) {
        publishPacked();
      }
    } finally {
      lock.unlock();
    }
    writer.close();
  }

  private SecretMasker.ByteStream masking(LogStream stream) {
    return masking.computeIfAbsent(stream, key -> masker.bytes());
  }

  private LineSplitter splitter(LogStream stream) {
    return splitters.computeIfAbsent(
        stream,
        key ->
            new LineSplitter(
                Integer.MAX_VALUE,
                (bytes, from, length) -> {
                  publishTexts();
                  packed.add(bytes, from, length, lastReadAt, currentStream);
                }));
  }
}
