package io.chengis.engine.memory;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.internal.lines.PackedLines;
import io.chengis.engine.internal.ByteSearch;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Log lines kept in large arrays instead of as objects: their UTF-8 text in slabs, and per line two
 * longs (where its text is, its length and stream; its timestamp). The first slabs are small and
 * double in size up to {@link #slabBytes()}, just under one region of the G1 collector: a slab that
 * large is a humongous object, allocated outside the young generation and never copied, so a large
 * log is not copied from one generation to the next. A line costs 16 bytes beside its text instead
 * of three objects. {@link LogLine}s are made again when read.
 *
 * <p>Not thread-safe: the stores call it under their lock.
 */
final class LineArena {
  /**
   * The largest slab: just under the G1 collector's region size (at least 1 MiB, at most 32 MiB),
   * so that with its header it fills one region; 1 MiB less a little when the region size cannot be
   * read (another collector, or a runtime without the management modules). Read on first use, when
   * a log outgrows the small slabs: asking the VM starts its management beans, which a short log
   * need not pay for.
   */
  static int slabBytes() {
    return LargestSlab.BYTES;
  }

  /** Holds {@link #slabBytes()}, computed when it is first asked for. */
  private static final class LargestSlab {
    static final int BYTES = largestSlab();
  }

  /** Slabs up to this size, and lines up to this long, need not know the largest slab. */
  private static final int SMALL = 512 * 1024;

  private static final int FIRST_SLAB = 64 * 1024;

  private static final int INDEX_SLAB = 1 << 16;
  private static final int OFFSET_BITS = 25;
  private static final int LENGTH_BITS = 20;
  private static final long MAX_LENGTH = (1L << LENGTH_BITS) - 1;
  private static final long MAX_NANOS_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;
  private static final LogStream[] STREAMS = LogStream.values();

  private final List<byte[]> slabs = new ArrayList<>();
  private final List<long[]> places = new ArrayList<>();
  private final List<long[]> times = new ArrayList<>();

  /** Lines that do not fit the packed form (very long, or far-off timestamps), by index. */
  private final Map<Long, LogLine> odd = new HashMap<>();

  /** The last of {@link #slabs}, {@link #places} and {@link #times}: where lines are added. */
  private byte[] lastSlab = new byte[0];

  private int nextSlab = FIRST_SLAB;

  private long[] lastPlaces = new long[0];
  private long[] lastTimes = new long[0];

  private int used;
  private long size;

  /**
   * Appends lines.
   *
   * @param lines the lines
   * @return the index of the first
   */
  long append(List<LogLine> lines) {
    long first = size;
    if (lines instanceof PackedLines packed) {
      for (int i = 0; i < packed.size(); ) {
        i = addRun(packed, i);
      }
    } else {
      for (LogLine line : lines) {
        add(line);
      }
    }
    return first;
  }

  /**
   * The line at an index.
   *
   * @param index from 0
   * @return a new {@link LogLine} equal to the one appended
   */
  LogLine get(long index) {
    int slab = (int) (index / INDEX_SLAB);
    int at = (int) (index % INDEX_SLAB);
    long place = places.get(slab)[at];
    if (place < 0) {
      return odd.get(index);
    }
    int offset = (int) ((place >>> (LENGTH_BITS + 1)) & ((1L << OFFSET_BITS) - 1));
    int textSlab = (int) (place >>> (OFFSET_BITS + LENGTH_BITS + 1));
    int length = (int) ((place >>> 1) & MAX_LENGTH);
    long nanos = times.get(slab)[at];
    return new LogLine(
        Instant.ofEpochSecond(
            Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)),
        STREAMS[(int) (place & 1)],
        new String(slabs.get(textSlab), offset, length, StandardCharsets.UTF_8));
  }

  /**
   * How many lines were appended.
   *
   * @return the count
   */
  long size() {
    return size;
  }

  /** Whether the UTF-8 bytes do not give the text back: an unpaired surrogate becomes {@code ?}. */
  private static boolean mayLoseCharacters(String text, byte[] utf8) {
    if (utf8.length != text.length()) {
      return hasLoneSurrogate(text);
    }
    // As many bytes as characters: ASCII, or ASCII and unpaired surrogates that became '?'. Text
    // without a '?' among its bytes is plain ASCII (found eight bytes at a time).
    return ByteSearch.indexOf(utf8, 0, utf8.length, (byte) '?') >= 0 && hasLoneSurrogate(text);
  }

  /** Whether the text holds a surrogate without its partner. */
  private static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** Packs a line given as text: encoded, unless its UTF-8 would not give it back. */
  private void add(LogLine line) {
    byte[] text = line.text().getBytes(StandardCharsets.UTF_8);
    int slot = next();
    if (!packable(text.length, line.timestamp(), line.stream())
        || mayLoseCharacters(line.text(), text)) {
      keepOdd(line, slot);
      return;
    }
    System.arraycopy(text, 0, slab(text.length), used, text.length);
    place(slot, text.length, line.timestamp(), line.stream());
  }

  /**
   * Packs lines the engine kept as bytes, from one, as many as fit the slab its bytes go to, with
   * one copy: the bytes are copied as they are (reading them decodes them as the packed list does,
   * so the lines read back equal).
   *
   * @return the line after the last one packed
   */
  private int addRun(PackedLines lines, int first) {
    int length = lines.textLength(first);
    if (!packable(length, lines.timestamp(first), lines.stream(first))) {
      keepOdd(lines.get(first), next());
      return first + 1;
    }
    byte[] slab = slab(length);
    int room = slab.length - used;
    int bytes = length;
    int end = first + 1;
    while (end < lines.size()) {
      int next = lines.textLength(end);
      if (bytes + next > room || !packable(next, lines.timestamp(end), lines.stream(end))) {
        break;
      }
      bytes += next;
      end++;
    }
    lines.copyText(first, end, slab, used);
    for (int line = first; line < end; line++) {
      place(next(), lines.textLength(line), lines.timestamp(line), lines.stream(line));
    }
    return end;
  }

  /** Takes the next index; returns its slot in the last index slab. */
  private int next() {
    long index = size++;
    if (index % INDEX_SLAB == 0) {
      lastPlaces = new long[INDEX_SLAB];
      lastTimes = new long[INDEX_SLAB];
      places.add(lastPlaces);
      times.add(lastTimes);
    }
    return (int) (index % INDEX_SLAB);
  }

  private static boolean packable(int length, Instant at, LogStream stream) {
    return (length <= SMALL || length <= Math.min(slabBytes(), MAX_LENGTH))
        && Math.abs(at.getEpochSecond()) <= MAX_NANOS_SECONDS
        && stream.ordinal() <= 1;
  }

  private void keepOdd(LogLine line, int slot) {
    odd.put(size - 1, line);
    lastPlaces[slot] = -1;
  }

  /** The slab the next {@code length} bytes go to, at {@link #used}. */
  private byte[] slab(int length) {
    if (slabs.isEmpty() || used + length > lastSlab.length) {
      int size = nextSlab;
      while (size < length) {
        size = larger(size);
      }
      lastSlab = new byte[size];
      slabs.add(lastSlab);
      used = 0;
      nextSlab = larger(size);
    }
    return lastSlab;
  }

  /** The slab size after this one: twice as large, and the largest once that would be over half. */
  private static int larger(int size) {
    return size < SMALL ? size * 2 : size >= slabBytes() / 2 ? slabBytes() : size * 2;
  }

  private static int largestSlab() {
    long region = 1 << 20;
    try {
      HotSpotDiagnosticMXBean vm =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      if (vm != null && Boolean.parseBoolean(vm.getVMOption("UseG1GC").getValue())) {
        region = Long.parseLong(vm.getVMOption("G1HeapRegionSize").getValue());
      }
    } catch (RuntimeException | LinkageError unreadable) {
      // Keep the smallest region size: slabs are then only smaller than they could be.
    }
    return Math.clamp(region, 1 << 20, 32 << 20) - 64;
  }

  /** Records where the bytes just copied to {@link #used} are, and moves past them. */
  private void place(int slot, int length, Instant at, LogStream stream) {
    long place =
        ((long) (slabs.size() - 1) << (OFFSET_BITS + LENGTH_BITS + 1))
            | ((long) used << (LENGTH_BITS + 1))
            | ((long) length << 1)
            | stream.ordinal();
    used += length;
    lastPlaces[slot] = place;
    lastTimes[slot] = at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }
}
