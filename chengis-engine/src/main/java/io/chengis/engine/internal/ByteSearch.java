package io.chengis.engine.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds bytes in byte arrays eight at a time (the JDK vectorizes such searches for strings only): a
 * byte equal to the one sought makes its XOR zero, which the classic has-zero-byte test finds. The
 * test may also flag bytes above a true zero, never below, so the lowest flagged byte is always a
 * true match.
 */
public final class ByteSearch {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /** Subtracted from a word, sets the high bit of (at least) the lowest byte below {@code 0x0E}. */
  private static final long BELOW_TERMINATORS = ONES * 0x0E;

  private ByteSearch() {}

  /**
   * The first occurrence of a byte.
   *
   * @param bytes the array
   * @param from the first index searched
   * @param to the end of the search (exclusive)
   * @param target the byte sought
   * @return its index, or -1
   */
  public static int indexOf(byte[] bytes, int from, int to, byte target) {
    long pattern = ONES * (target & 0xFF);
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long found = zeroBytes((long) LONGS.get(bytes, i) ^ pattern);
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == target) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The first {@code \n} or {@code \r}. One test per eight bytes finds every byte below {@code
   * 0x0E} (both terminators are; so are tab and a few control characters that output seldom holds),
   * and only such a byte is looked at again.
   *
   * @param bytes the array
   * @param from the first index searched
   * @param to the end of the search (exclusive)
   * @return its index, or -1
   */
  public static int lineEnd(byte[] bytes, int from, int to) {
    int i = from;
    // A plain counted loop, so that the compiler checks the array bounds once, not per word.
    for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i);
      long low = (word - BELOW_TERMINATORS) & ~word & HIGHS;
      if (low != 0) {
        // The lowest flagged byte is truly below 0x0E; bytes above it may be flagged falsely.
        int found = terminator(bytes, i + (Long.numberOfTrailingZeros(low) >>> 3), i + Long.BYTES);
        if (found >= 0) {
          return found;
        }
      }
    }
    return terminator(bytes, i, to);
  }

  /** The first {@code \n} or {@code \r} in a few bytes, or -1. */
  private static int terminator(byte[] bytes, int from, int to) {
    for (int k = from; k < to; k++) {
      if (bytes[k] == '\n' || bytes[k] == '\r') {
        return k;
      }
    }
    return -1;
  }

  /** The high bit set in (at least) the lowest zero byte of the word, if any. */
  private static long zeroBytes(long word) {
    return (word - ONES) & ~word & HIGHS;
  }
}
