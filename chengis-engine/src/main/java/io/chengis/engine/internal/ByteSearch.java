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
  private static final long LINE_FEEDS = ONES * '\n';
  private static final long CARRIAGE_RETURNS = ONES * '\r';

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
   * The first {@code \n} or {@code \r}.
   *
   * @param bytes the array
   * @param from the first index searched
   * @param to the end of the search (exclusive)
   * @return its index, or -1
   */
  public static int lineEnd(byte[] bytes, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i);
      long found = zeroBytes(word ^ LINE_FEEDS) | zeroBytes(word ^ CARRIAGE_RETURNS);
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == '\n' || bytes[i] == '\r') {
        return i;
      }
    }
    return -1;
  }

  /** The high bit set in (at least) the lowest zero byte of the word, if any. */
  private static long zeroBytes(long word) {
    return (word - ONES) & ~word & HIGHS;
  }
}
