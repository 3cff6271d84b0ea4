package io.chengis.api;

import java.util.Objects;

/**
 * What a step, stage or build counts as. Usually the {@link Outcome} of the same name; a failure
 * allowed by continue-on-error concludes {@link #SUCCESS}.
 *
 * <p>A build's conclusion combines its stages' by {@link #combine}: cancelled beats timed out beats
 * failure beats success, and skipped never fails a build.
 *
 * @since 0.1.0
 */
public enum Conclusion {
  /**
   * It counts as a success.
   *
   * @since 0.1.0
   */
  SUCCESS,
  /**
   * It counts as a failure.
   *
   * @since 0.1.0
   */
  FAILURE,
  /**
   * It was cancelled.
   *
   * @since 0.1.0
   */
  CANCELLED,
  /**
   * It timed out.
   *
   * @since 0.1.0
   */
  TIMED_OUT,
  /**
   * It did not run; neither success nor failure.
   *
   * @since 0.1.0
   */
  SKIPPED;

  /**
   * Whether this conclusion fails the build that contains it.
   *
   * @return {@code true} for {@link #FAILURE}, {@link #CANCELLED} and {@link #TIMED_OUT}
   * @since 0.1.0
   */
  public boolean isFailing() {
    return this == FAILURE || this == CANCELLED || this == TIMED_OUT;
  }

  /**
   * The conclusion of a build from the conclusions of its parts: {@link #CANCELLED} if any part was
   * cancelled, else {@link #TIMED_OUT} if any timed out, else {@link #FAILURE} if any failed, else
   * {@link #SUCCESS} (also when every part was skipped, or there are none).
   *
   * @param parts the conclusions of the stages (or other parts), in any order
   * @return the combined conclusion, never {@link #SKIPPED}
   * @since 0.1.0
   */
  public static Conclusion combine(Iterable<Conclusion> parts) {
    Objects.requireNonNull(parts, "parts");
    Conclusion combined = SUCCESS;
    for (Conclusion part : parts) {
      Objects.requireNonNull(part, "parts must not contain null");
      if (part.precedence() > combined.precedence()) {
        combined = part;
      }
    }
    return combined;
  }

  /** The rank in {@link #combine}; skipped ranks with success because it never fails a build. */
  private int precedence() {
    return switch (this) {
      case SUCCESS, SKIPPED -> 0;
      case FAILURE -> 1;
      case TIMED_OUT -> 2;
      case CANCELLED -> 3;
    };
  }
}
