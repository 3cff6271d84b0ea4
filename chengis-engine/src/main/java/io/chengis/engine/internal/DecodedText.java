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
  // What the engine knows of a batch's lines, weakest first. Compile-time constants, so that a
  // step's log and a writer of lines taken as text load no class of this file.

  /** Some line came in as text: nothing is known. */
  public static final int TEXT = 0;

  /** Every line was decoded from UTF-8 by the engine. */
  public static final int DECODED = 1;

  /** Every line was decoded from UTF-8 by the engine, and every character is below U+0080. */
  public static final int ASCII = 2;

  private static final ThreadLocal<Integer> VOUCHED = new ThreadLocal<>();

  private DecodedText() {}

  /**
   * Runs a publication of lines that were all decoded from bytes.
   *
   * @param publication publishes the lines on this thread
   */
  public static void publish(Runnable publication) {
    publish(DECODED, publication);
  }

  /**
   * Runs a publication of lines of a known origin ({@link #TEXT} vouches for nothing).
   *
   * @param origin what every line of the publication is: {@link #TEXT}, {@link #DECODED} or {@link
   *     #ASCII}
   * @param publication publishes the lines on this thread
   */
  public static void publish(int origin, Runnable publication) {
    if (origin == TEXT) {
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
   * @return {@code true} inside {@link #publish(int, Runnable)} with {@link #ASCII}
   */
  public static boolean ascii() {
    Integer origin = VOUCHED.get();
    return origin != null && origin == ASCII;
  }
}
