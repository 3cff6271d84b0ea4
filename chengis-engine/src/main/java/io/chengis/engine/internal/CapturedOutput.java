package io.chengis.engine.internal;

import io.chengis.api.LogStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Masked output as it was read, not yet cut into lines: runs of bytes, each with its stream and the
 * time it was read. The thread reading a step's output fills one and hands it on; the log writer's
 * thread cuts it into lines ({@link LineCutter}), so that reading and cutting use two cores. Reused
 * after {@link #clear}. Not thread-safe: one thread at a time, handed over through a lock.
 */
final class CapturedOutput {
  private static final int FIRST_BYTES = 4096;
  private static final int FIRST_RUNS = 8;

  private byte[] bytes = new byte[0];
  private int used;
  private int[] ends = new int[0];
  private Instant[] times = new Instant[0];
  private LogStream[] streams = new LogStream[0];
  private int runs;

  /**
   * Appends bytes; they continue the last run when they have its stream and read time.
   *
   * @param stream where they were written
   * @param at when they were read
   * @param source holds them
   * @param from where they start
   * @param length how many there are
   */
  void append(LogStream stream, Instant at, byte[] source, int from, int length) {
    Objects.checkFromIndexSize(from, length, source.length);
    if (length == 0) {
      return;
    }
    if (used + length > bytes.length) {
      bytes =
          Arrays.copyOf(bytes, Math.max(FIRST_BYTES, Math.max(used + length, bytes.length * 2)));
    }
    System.arraycopy(source, from, bytes, used, length);
    used += length;
    if (runs > 0 && streams[runs - 1] == stream && times[runs - 1] == at) {
      ends[runs - 1] = used;
      return;
    }
    if (runs == ends.length) {
      int grown = Math.max(FIRST_RUNS, runs * 2);
      ends = Arrays.copyOf(ends, grown);
      times = Arrays.copyOf(times, grown);
      streams = Arrays.copyOf(streams, grown);
    }
    ends[runs] = used;
    times[runs] = at;
    streams[runs] = stream;
    runs++;
  }

  /**
   * Appends all runs of another captured output; that one is not changed.
   *
   * @param other the output
   */
  void appendAll(CapturedOutput other) {
    for (int run = 0; run < other.runs; run++) {
      int start = other.start(run);
      append(other.streams[run], other.times[run], other.bytes, start, other.ends[run] - start);
    }
  }

  /**
   * Passes every run on, in order.
   *
   * @param runs receives each run
   */
  void forEachRun(Runs runs) {
    for (int run = 0; run < this.runs; run++) {
      int start = start(run);
      runs.run(streams[run], times[run], bytes, start, ends[run] - start);
    }
  }

  /** Receives the runs of a captured output. */
  @FunctionalInterface
  interface Runs {
    /**
     * Receives one run; its bytes are valid only during the call.
     *
     * @param stream where it was written
     * @param at when it was read
     * @param bytes holds it
     * @param from where it starts
     * @param length how many bytes it has
     */
    void run(LogStream stream, Instant at, byte[] bytes, int from, int length);
  }

  /**
   * How many bytes it holds.
   *
   * @return the count
   */
  int size() {
    return used;
  }

  boolean isEmpty() {
    return used == 0;
  }

  /**
   * Forgets the output; the arrays are kept for the next.
   *
   * @return this
   */
  CapturedOutput clear() {
    Arrays.fill(times, 0, runs, null);
    runs = 0;
    used = 0;
    return this;
  }

  private int start(int run) {
    return run == 0 ? 0 : ends[run - 1];
  }
}
