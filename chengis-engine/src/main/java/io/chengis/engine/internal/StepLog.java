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
 * <p>A batch holds one kind of input, and a batch of another kind is queued only after it:
 *
 * <ul>
 *   <li>output the executor captured and masked itself ({@link #acceptCaptured}), still bytes: the
 *       writer's thread cuts it into lines ({@link LineCutter}), so that the thread reading the
 *       output only reads, masks and copies;
 *   <li>lines this log masked itself, packed as bytes ({@link PackedLines});
 *   <li>lines handed over as text while no secret is known, kept as they are, so that text UTF-8
 *       cannot carry (an unpaired surrogate) is not changed.
 * </ul>
 *
 * <p>Thread-safe: executors may write stdout and stderr from different threads.
 */
final class StepLog implements LogSink {
  static final int BATCH_LINES = 512;

  /** Captured output queued as one batch once it holds this many bytes. */
  static final int BATCH_BYTES = 64 * 1024;

  private final ReentrantLock lock = new ReentrantLock();
  private final SecretMasker masker;
  private final LogWriter writer;
  private final Map<LogStream, SecretMasker.ByteStream> masking = new EnumMap<>(LogStream.class);
  private final Map<LogStream, LineSplitter> splitters = new EnumMap<>(LogStream.class);

  /** Lines this log masked itself. */
  private final PackedLines.Builder packed = PackedLines.builder();

  /** Lines taken as text. */
  private List<LogLine> texts = new ArrayList<>();

  /** Captured output not queued yet. */
  private CapturedOutput captured = new CapturedOutput();

  /**
   * Captured output the writer has cut and handed back, for the next reads: a step that prints much
   * reuses a few buffers instead of allocating its output's memory on the thread reading it.
   */
  private final Queue<CapturedOutput> spares = new ConcurrentLinkedQueue<>();

  /** Cuts captured output into lines; used only by batches, on the writer's thread. */
  private final LineCutter cutter = new LineCutter(LocalProcess.MAX_LINE);

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

  /** Notes that output arrived; call with the lock held. */
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
      publishCaptured();
      if (masker.isEmpty() && !masking.containsKey(line.stream())) {
        publishPacked();
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
   * The build's masker, for executors that mask their own output stream ({@link #acceptCaptured}).
   */
  SecretMasker masker() {
    return masker;
  }

  /**
   * Takes output the executor has already masked on its raw stream with {@link #masker()} (which
   * also catches secrets spanning lines), so it is not masked a second time, and that is not cut
   * into lines yet. A read that makes a full batch on its own is queued as it is, without a copy,
   * and the executor gets another buffer for its next reads.
   *
   * @param read the masked output of one read; not used by the caller afterwards
   * @return an empty buffer for the executor's next read
   */
  CapturedOutput acceptCaptured(CapturedOutput read) {
    if (read.isEmpty()) {
      return read;
    }
    lock.lock();
    try {
      arrived();
      publishTexts();
      publishPacked();
      if (captured.isEmpty() && read.size() >= BATCH_BYTES) {
        queue(read);
        return spare();
      }
      captured.appendAll(read);
      if (captured.size() >= BATCH_BYTES) {
        publishCaptured();
      }
      return read.clear();
    } finally {
      lock.unlock();
    }
  }

  private CapturedOutput spare() {
    CapturedOutput spare = spares.poll();
    return spare != null ? spare : new CapturedOutput();
  }

  /** Queues captured output, to be cut on the writer's thread; call with the lock held. */
  private void queue(CapturedOutput output) {
    writer.put(
        output.size(),
        () -> {
          PackedLines lines = cutter.cut(output);
          spares.offer(output.clear());
          return lines;
        });
  }

  /** Queues the captured output collected so far, if any; call with the lock held. */
  private void publishCaptured() {
    if (!captured.isEmpty()) {
      queue(captured);
      captured = spare();
    }
  }

  /** Queues the lines this log masked, if any; call with the lock held. */
  private void publishPacked() {
    if (packed.size() > 0) {
      PackedLines lines = packed.build();
      writer.put(lines);
    }
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
      if (!captured.isEmpty() && writer.hasRoomFor(captured.size())) {
        publishCaptured();
      } else if (packed.size() > 0 && writer.hasRoomFor(packed.textBytes())) {
        publishPacked();
      } else if (!texts.isEmpty() && writer.hasRoomFor(LogWriter.characters(texts))) {
        publishTexts();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Releases text held back by the maskers and publishes everything, with the last line of each
   * captured stream that never ended; the step has ended. Returns once every line has been
   * published.
   */
  void close() {
    lock.lock();
    try {
      publishCaptured();
      if (anyLine) {
        // Cuts the last line of a captured stream that never ended (none when nothing was
        // captured); a step that printed nothing starts no writer for it.
        writer.put(0, cutter::finish);
      }
      for (Map.Entry<LogStream, SecretMasker.ByteStream> stream : masking.entrySet()) {
        currentStream = stream.getKey();
        LineSplitter splitter = splitter(stream.getKey());
        stream.getValue().flush(splitter);
        splitter.finish();
      }
      publishTexts();
      publishPacked();
      captured = new CapturedOutput(); // what it held is queued; a spare may be large
    } finally {
      lock.unlock();
    }
    writer.close();
    // Whatever still holds this log (a handle keeps its build) need not keep the buffers.
    spares.clear();
    cutter.release();
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
                  publishCaptured();
                  packed.add(bytes, from, length, lastReadAt, currentStream);
                }));
  }
}
