package io.chengis.testkit;

import io.chengis.api.Conclusion;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the conclusion of a build, stage or step: what it counts as. Not thread-safe: use
 * it on the test's thread.
 *
 * @since 0.1.0
 */
public final class ConclusionAssert extends AbstractAssert<ConclusionAssert, Conclusion> {
  private final String subject;
  private final String details;

  ConclusionAssert(Conclusion actual, String subject, String details) {
    super(actual, ConclusionAssert.class);
    this.subject = subject;
    this.details = details;
  }

  private ConclusionAssert is(Conclusion expected) {
    isNotNull();
    if (actual != expected) {
      failWithMessage(
          "Expected %s to conclude %s but it concluded %s%s", subject, expected, actual, details);
    }
    return this;
  }

  /**
   * Checks the conclusion is {@link Conclusion#SUCCESS} (allowed failures included).
   *
   * @return this
   * @since 0.1.0
   */
  public ConclusionAssert isSuccess() {
    return is(Conclusion.SUCCESS);
  }

  /**
   * Checks the conclusion is {@link Conclusion#FAILURE}.
   *
   * @return this
   * @since 0.1.0
   */
  public ConclusionAssert isFailure() {
    return is(Conclusion.FAILURE);
  }

  /**
   * Checks the conclusion is {@link Conclusion#TIMED_OUT}.
   *
   * @return this
   * @since 0.1.0
   */
  public ConclusionAssert isTimedOut() {
    return is(Conclusion.TIMED_OUT);
  }

  /**
   * Checks the conclusion is {@link Conclusion#CANCELLED}.
   *
   * @return this
   * @since 0.1.0
   */
  public ConclusionAssert isCancelled() {
    return is(Conclusion.CANCELLED);
  }

  /**
   * Checks the conclusion is {@link Conclusion#SKIPPED}.
   *
   * @return this
   * @since 0.1.0
   */
  public ConclusionAssert isSkipped() {
    return is(Conclusion.SKIPPED);
  }
}
