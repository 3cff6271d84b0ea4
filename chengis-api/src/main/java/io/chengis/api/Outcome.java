package io.chengis.api;

/**
 * What happened to a step, stage or build. Compare {@link Conclusion}, what it counts as: a failed
 * step with continue-on-error has outcome {@link #FAILURE} and conclusion {@link
 * Conclusion#SUCCESS}.
 *
 * @since 0.1.0
 */
public enum Outcome {
  /**
   * It ran and succeeded (exit code 0).
   *
   * @since 0.1.0
   */
  SUCCESS,
  /**
   * It ran and failed (non-zero exit code, or it could not be started).
   *
   * @since 0.1.0
   */
  FAILURE,
  /**
   * It was cancelled before it finished.
   *
   * @since 0.1.0
   */
  CANCELLED,
  /**
   * It ran longer than its timeout and was stopped.
   *
   * @since 0.1.0
   */
  TIMED_OUT,
  /**
   * It did not run (its condition was false, or something before it failed).
   *
   * @since 0.1.0
   */
  SKIPPED;

  /**
   * The conclusion this outcome counts as when no failure is allowed: the constant of the same
   * name.
   *
   * @return the matching conclusion
   * @since 0.1.0
   */
  public Conclusion conclusion() {
    return Conclusion.valueOf(name());
  }

  /**
   * Whether a failure with this outcome may be allowed (continue-on-error): failures and timeouts,
   * never cancellations.
   *
   * @return {@code true} for {@link #FAILURE} and {@link #TIMED_OUT}
   * @since 0.1.0
   */
  public boolean canBeAllowed() {
    return this == FAILURE || this == TIMED_OUT;
  }
}
