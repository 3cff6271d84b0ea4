package io.chengis.engine.memory;

import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.engine.internal.ByteSearch;
import io.chengis.engine.internal.DecodedText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Log lines kept in large arrays instead of as objects: their UTF-8 text in slabs of {@value
 * #SLAB_BYTES} bytes, and per line two longs (where its text is, its length and stream; its
 * timestamp). Slabs are large enough for the collector to allocate them outside the young
 * generation, so a large log is never copied from one generation to the next, and a line costs 16
 * bytes beside its text instead of three objects. {@link LogLine}s are made again when read.
 *
 * <p>Not thread-safe: the stores call it under their lock.
 */
final class LineArena {
  /** Just under 1 MiB, so that with its header a slab fits one 1 MiB region of the G1 collector. */
  static final int SLAB_BYTES = (1 << 20) - 64;

  private static final int INDEX_SLAB = 1 << 16;
  private static final int OFFSET_BITS = 20;
  private static final int LENGTH_BITS = 20;
  private static final long MAX_LENGTH = (1L << LENGTH_BITS) - 1;
  private static final long MAX_NANOS_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;
  private static final LogStream[] STREAMS = LogStream.values();

  private final List<byte[]> slabs = new ArrayList<>();
  private final List<long[]> places = new ArrayList<>();
  private final List<long[]> times = new ArrayList<>();

  /** Lines that do not fit the packed form (very long, or far-off timestamps), by index. */
  private final Map<Long, LogLine> odd = new HashMap<>();

  private int used = SLAB_BYTES;
  private long size;

  /**
   * Appends lines.
   *
   * @param lines the lines
   * @return the index of the first
   */
  long append(List<LogLine> lines) {
    long first = size;
    boolean decoded = DecodedText.vouched();
    boolean ascii = DecodedText.ascii();
    for (LogLine line : lines) {
      add(line, decoded, ascii);
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

  /**
   * Packs a line.
   *
   * @param decoded whether its text was decoded from UTF-8 (then its UTF-8 bytes give it back)
   * @param ascii whether its text is plain ASCII (then its characters are its UTF-8 bytes)
   */
  private void add(LogLine line, boolean decoded, boolean ascii) {
    long index = size++;
    if (index % INDEX_SLAB == 0) {
      places.add(new long[INDEX_SLAB]);
      times.add(new long[INDEX_SLAB]);
    }
    int slot = (int) (index % INDEX_SLAB);
    Instant at = line.timestamp();
    // ASCII text is copied into the slab as it is; other text is encoded first.
    byte[] text = ascii ? null : line.text().getBytes(StandardCharsets.UTF_8);
    int length = ascii ? line.text().length() : text.length;
    if (length > SLAB_BYTES
        || (!decoded && mayLoseCharacters(line.text(), text))
        || Math.abs(at.getEpochSecond()) > MAX_NANOS_SECONDS
        || line.stream().ordinal() > 1) {
      odd.put(index, line);
      places.getLast()[slot] = -1;
      return;
    }
    if (slabs.isEmpty() || used + length > SLAB_BYTES) {
      slabs.add(new byte[SLAB_BYTES]);
      used = 0;
    }
    if (ascii) {
      copyAscii(line.text(), slabs.getLast(), used);
    } else {
      System.arraycopy(text, 0, slabs.getLast(), used, length);
    }
    long place =
        ((long) (slabs.size() - 1) << (OFFSET_BITS + LENGTH_BITS + 1))
            | ((long) used << (LENGTH_BITS + 1))
            | ((long) length << 1)
            | line.stream().ordinal();
    used += length;
    places.getLast()[slot] = place;
    times.getLast()[slot] = at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }

  /**
   * Copies text of characters below U+0080 into a slab, where they are its UTF-8 bytes. {@link
   * String#getBytes(int, int, byte[], int)} keeps the low eight bits of each character, which is
   * exact for such text, and copies a compact string's bytes without encoding or allocating.
   */
  @SuppressWarnings("deprecation")
  private static void copyAscii(String text, byte[] slab, int at) {
    text.getBytes(0, text.length(), slab, at);
  }
}
