package io.chengis.api.internal;

import java.util.Locale;
import java.util.Objects;

/**
 * The text form of time-ordered identifiers: 26 characters of Crockford base32 holding a 48-bit
 * millisecond timestamp followed by 80 bits of randomness, most significant first, so that the
 * lexicographic order of the text is the order of the 128-bit number.
 */
public final class Ulid {
  /** The number of characters of an id. */
  public static final int LENGTH = 26;

  /** The largest timestamp that fits in 48 bits. */
  public static final long MAX_MILLIS = (1L << 48) - 1;

  private static final char[] DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final int TIME_CHARS = 10;

  private Ulid() {}

  /**
   * Encodes an id.
   *
   * @param millis the timestamp, 0 to {@link #MAX_MILLIS}
   * @param randomHigh the high 16 bits of the random part (only the low 16 bits are used)
   * @param randomLow the low 64 bits of the random part
   * @return the 26-character text
   */
  public static String encode(long millis, long randomHigh, long randomLow) {
    long high = (millis << 16) | (randomHigh & 0xFFFF);
    long low = randomLow;
    char[] text = new char[LENGTH];
    for (int i = LENGTH - 1; i >= 0; i--) {
      text[i] = DIGITS[(int) (low & 31)];
      low = (low >>> 5) | (high << 59);
      high >>>= 5;
    }
    return new String(text);
  }

  /**
   * Checks id text and returns its canonical (upper-case) form.
   *
   * @param kind what the id identifies, e.g. {@code event id}
   * @param value the text
   * @return the canonical text
   * @throws IllegalArgumentException when the text is not a time-ordered id
   */
  public static String check(String kind, String value) {
    Objects.requireNonNull(value, kind);
    String fix =
        "use the text of an id made by a time-ordered id generator,"
            + " e.g. \"01ARZ3NDEKTSV4RRFFQ69G5FAV\"";
    if (value.length() != LENGTH) {
      throw IdText.invalid(
          kind,
          "must be " + LENGTH + " Crockford base32 characters, not " + value.length(),
          value,
          fix);
    }
    String canonical = value.toUpperCase(Locale.ROOT);
    for (int i = 0; i < LENGTH; i++) {
      if (digit(canonical.charAt(i)) < 0) {
        throw IdText.invalid(
            kind,
            "contains '" + value.charAt(i) + "' at index " + i + ", which is not Crockford base32",
            value,
            fix);
      }
    }
    if (digit(canonical.charAt(0)) > 7) {
      throw IdText.invalid(kind, "is larger than 128 bits (first character above 7)", value, fix);
    }
    return canonical;
  }

  /**
   * The timestamp of canonical id text.
   *
   * @param canonical text returned by {@link #check}
   * @return the milliseconds since the epoch
   */
  public static long millis(String canonical) {
    long millis = 0;
    for (int i = 0; i < TIME_CHARS; i++) {
      millis = (millis << 5) | digit(canonical.charAt(i));
    }
    return millis;
  }

  private static int digit(char c) {
    for (int i = 0; i < DIGITS.length; i++) {
      if (DIGITS[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
