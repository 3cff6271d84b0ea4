package io.chengis.engine.internal;

/**
 * Tells the engine's own stores that the log lines being published on this thread were decoded from
 * UTF-8 by the engine ({@link LineSplitter}), so they hold no unpaired surrogate and their UTF-8
 * bytes give the text back exactly: the in-memory stores then keep them packed without checking
 * each line again. When every line was also plain ASCII, the stores may copy its characters as its
 * UTF-8 bytes without encoding them. Other stores ignore it; a batch with any line that came in as
 * text is never vouched for.
 */
public final class DecodedText {
  /** What the engine knows about the lines of a batch. */
  public enum Origin {
    /** Some line came in as text: nothing is known. */
    TEXT,
    /** Every line was decoded from UTF-8 by the engine. */
    DECODED,
    /** Every line was decoded from UTF-8 by the engine, and every character is below U+0080. */
    ASCII;

    /**
     * What is known of a batch of lines of this origin and lines of another.
     *
     * @param other the other lines' origin
     * @return the weaker of the two
     */
    public Origin and(Origin other) {
      return compareTo(other) <= 0 ? this : other;
    }
  }

  private static final ThreadLocal<Origin> VOUCHED = new ThreadLocal<>();

  private DecodedText() {}

  /**
   * Runs a publication of lines that were all decoded from bytes.
   *
   * @param publication publishes the lines on this thread
   */
  public static void publish(Runnable publication) {
    publish(Origin.DECODED, publication);
  }

  /**
   * Runs a publication of lines of a known origin ({@link Origin#TEXT} vouches for nothing).
   *
   * @param origin what every line of the publication is
   * @param publication publishes the lines on this thread
   */
  public static void publish(Origin origin, Runnable publication) {
    if (origin == Origin.TEXT) {
      publication.run();
      return;
    }
    VOUCHED.set(origin);
    try {
      publication.run();
    } finally {
      VOUCHED.remove();
    }
  }

  /**
   * Whether the lines published now on this thread were all decoded from bytes.
   *
   * @return {@code true} inside {@link #publish}
   */
  public static boolean vouched() {
    return VOUCHED.get() != null;
  }

  /**
   * Whether the lines published now on this thread were all decoded from bytes and are plain ASCII.
   *
   * @return {@code true} inside {@link #publish(Origin, Runnable)} with {@link Origin#ASCII}
   */
  public static boolean ascii() {
    return VOUCHED.get() == Origin.ASCII;
  }
}
