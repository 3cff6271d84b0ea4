package io.chengis.api.internal.lines;

import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list of log lines kept as their UTF-8 bytes in one array, with per line where its
 * bytes end, when it was read and its stream. A {@link LogLine} (and its {@code String}) is made
 * only when an element is read, so output that only passes through the engine to a store that keeps
 * bytes is never decoded into objects. Bytes that are not well-formed UTF-8 read as U+FFFD, as
 * {@code new String(bytes, UTF_8)} decodes them, every time alike.
 *
 * <p>Equal to, and hashing as, any list of the same lines in the same order. Immutable and
 * thread-safe; made with a {@link Builder}.
 */
public final class PackedLines extends AbstractList<LogLine> implements RandomAccess {
  private final byte[] text;
  private final int[] ends;
  private final Instant[] times;
  private final LogStream[] streams;
  private final int size;

  private PackedLines(byte[] text, int[] ends, Instant[] times, LogStream[] streams, int size) {
    this.text = text;
    this.ends = ends;
    this.times = times;
    this.streams = streams;
    this.size = size;
  }

  @Override
  public LogLine get(int index) {
    Objects.checkIndex(index, size);
    int start = start(index);
    return new LogLine(
        times[index],
        streams[index],
        new String(text, start, ends[index] - start, StandardCharsets.UTF_8));
  }

  @Override
  public int size() {
    return size;
  }

  /**
   * How many bytes of text all lines have together; never less than their characters.
   *
   * @return the sum of the lines' UTF-8 lengths
   */
  public int textBytes() {
    return size == 0 ? 0 : ends[size - 1];
  }

  /**
   * The length of a line's UTF-8 bytes.
   *
   * @param index the line, from 0
   * @return its length in bytes
   */
  public int textLength(int index) {
    Objects.checkIndex(index, size);
    return ends[index] - start(index);
  }

  /**
   * Copies the bytes of consecutive lines at once; they lie one after another, without terminators,
   * so line {@code i} starts {@code textLength} bytes of the lines before it later.
   *
   * @param from the first line, from 0
   * @param to the line after the last
   * @param target where to copy them
   * @param at where in {@code target} the first byte goes
   */
  public void copyText(int from, int to, byte[] target, int at) {
    Objects.checkFromToIndex(from, to, size);
    int start = from == to ? 0 : start(from);
    int end = from == to ? 0 : ends[to - 1];
    System.arraycopy(text, start, target, at, end - start);
  }

  /**
   * When a line was read, without making it.
   *
   * @param index the line, from 0
   * @return its timestamp
   */
  public Instant timestamp(int index) {
    Objects.checkIndex(index, size);
    return times[index];
  }

  /**
   * Where a line was written, without making it.
   *
   * @param index the line, from 0
   * @return its stream
   */
  public LogStream stream(int index) {
    Objects.checkIndex(index, size);
    return streams[index];
  }

  private int start(int index) {
    return index == 0 ? 0 : ends[index - 1];
  }

  /**
   * Collects lines for a {@link PackedLines}; reusable after {@link #build}. Not thread-safe.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects lines. Not thread-safe. */
  public static final class Builder {
    private static final int FIRST_TEXT = 4096;
    private static final int FIRST_LINES = 64;

    // Empty until the first line: every step's log has builders, and most steps print little or
    // nothing.
    private byte[] text = new byte[0];
    private int[] ends = new int[0];
    private Instant[] times = new Instant[0];
    private LogStream[] streams = new LogStream[0];
    private int size;
    private int used;

    private Builder() {}

    /**
     * Adds a line given as UTF-8 bytes (copied).
     *
     * @param bytes holds the line's bytes, without terminator
     * @param from where they start
     * @param length how many there are
     * @param at when the line was read
     * @param stream where it was written
     * @return this builder
     */
    public Builder add(byte[] bytes, int from, int length, Instant at, LogStream stream) {
      Objects.checkFromIndexSize(from, length, bytes.length);
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(stream, "stream");
      if (used + length > text.length) {
        text = Arrays.copyOf(text, Math.max(FIRST_TEXT, Math.max(used + length, text.length * 2)));
      }
      System.arraycopy(bytes, from, text, used, length);
      used += length;
      if (size == ends.length) {
        int grown = Math.max(FIRST_LINES, size * 2);
        ends = Arrays.copyOf(ends, grown);
        times = Arrays.copyOf(times, grown);
        streams = Arrays.copyOf(streams, grown);
      }
      ends[size] = used;
      times[size] = at;
      streams[size] = stream;
      size++;
      return this;
    }

    /**
     * How many lines were added since the last {@link #build}.
     *
     * @return the count
     */
    public int size() {
      return size;
    }

    /**
     * How many bytes of text were added since the last {@link #build}.
     *
     * @return the count
     */
    public int textBytes() {
      return used;
    }

    /**
     * The lines added so far, copied into arrays of their exact size; the builder is then empty
     * again and keeps its arrays for the next lines, so a reused builder grows only for larger
     * batches.
     *
     * @return the lines
     */
    public PackedLines build() {
      PackedLines built =
          new PackedLines(
              Arrays.copyOf(text, used),
              Arrays.copyOf(ends, size),
              Arrays.copyOf(times, size),
              Arrays.copyOf(streams, size),
              size);
      clear();
      return built;
    }

    /** Forgets the lines added so far; the arrays are kept. */
    private void clear() {
      Arrays.fill(times, 0, size, null);
      size = 0;
      used = 0;
    }
  }
}
