package io.chengis.engine.internal;

import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.spi.LogSink;
import java.nio.charset.StandardCharsets;
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
 * published when they are full, when the timer flushes them, and when the step ends. Batches are
 * published in order on a {@link LogWriter}'s thread, so a slow store holds up the executor only
 * once the writer's bounded buffer is full.
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
  private List<LogLine> batch = new ArrayList<>();

  /**
   * What is known of every line in {@link #batch}: decoded from bytes here or by a {@link
   * LineSplitter}, and maybe plain ASCII too.
   */
  private int batchOrigin = DecodedText.ASCII;

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
        batch.add(line);
        batchOrigin = DecodedText.TEXT;
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
   * Takes a line the executor has already masked on its raw output stream with {@link #masker()}
   * (which also catches secrets spanning lines), so it is not masked a second time.
   *
   * @param line the masked line
   */
  void acceptMasked(LogLine line) {
    acceptMasked(List.of(line), false);
  }

  /**
   * Takes lines the executor has already masked, as {@link #acceptMasked(LogLine)}; a batch that
   * grows to {@link #BATCH_LINES} or more is published whole. The lines must have been decoded from
   * the output's bytes by a {@link LineSplitter} (they hold no unpaired surrogate; see {@link
   * DecodedText}).
   *
   * @param lines the masked lines, in order
   * @param ascii whether every character of every line is below U+0080
   */
  void acceptMasked(List<LogLine> lines, boolean ascii) {
    if (lines.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      arrived();
      batch.addAll(lines);
      if (!ascii) {
        batchOrigin = Math.min(batchOrigin, DecodedText.DECODED);
      }
      publishIfFull();
    } finally {
      lock.unlock();
    }
  }

  /** Queues a full batch; call with the lock held, so batches are queued in order. */
  private void publishIfFull() {
    if (batch.size() >= BATCH_LINES) {
      List<LogLine> full = batch;
      int origin = batchOrigin;
      batch = new ArrayList<>();
      batchOrigin = DecodedText.ASCII;
      writer.put(full, origin);
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
      if (!batch.isEmpty() && writer.tryPut(batch, batchOrigin)) {
        batch = new ArrayList<>();
        batchOrigin = DecodedText.ASCII;
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
      if (!batch.isEmpty()) {
        writer.put(batch, batchOrigin);
        batch = new ArrayList<>();
        batchOrigin = DecodedText.ASCII;
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
                (text, ascii) -> {
                  batch.add(new LogLine(lastReadAt, currentStream, text));
                  if (!ascii) {
                    batchOrigin = Math.min(batchOrigin, DecodedText.DECODED);
                  }
                }));
  }
}
