package io.chengis.engine.internal;

/**
 * Tells the engine's own stores that the log lines being published on this thread were decoded from
 * UTF-8 by the engine ({@link LineSplitter}), so they hold no unpaired surrogate and their UTF-8
 * bytes give the text back exactly: the in-memory stores then keep them packed without checking
 * each line again. Other stores ignore it; a batch with any line that came in as text is never
 * vouched for.
 */
public final class DecodedText {
  private static final ThreadLocal<Boolean> VOUCHED = new ThreadLocal<>();

  private DecodedText() {}

  /**
   * Runs a publication of lines that were all decoded from bytes.
   *
   * @param publication publishes the lines on this thread
   */
  public static void publish(Runnable publication) {
    VOUCHED.set(Boolean.TRUE);
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
}
