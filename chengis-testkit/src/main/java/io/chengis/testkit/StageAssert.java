package io.chengis.testkit;

import io.chengis.api.Conclusion;
import io.chengis.api.StageResult;
import io.chengis.api.StepResult;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one stage of a finished build. Not thread-safe: use it on the test's thread.
 *
 * @since 0.1.0
 */
public final class StageAssert extends AbstractAssert<StageAssert, StageResult> {
  private final BuildFacts facts;

  StageAssert(StageResult actual, BuildFacts facts) {
    super(actual, StageAssert.class);
    this.facts = facts;
  }

  private String describe() {
    return "stage \"" + actual.name() + "\" of " + facts.describe();
  }

  private String was() {
    return actual.conclusion()
        + (actual.outcome().name().equals(actual.conclusion().name())
            ? ""
            : " (outcome " + actual.outcome() + ")")
        + actual.reason().map(r -> ", reason: " + r).orElse(", no reason");
  }

  private StageAssert concluded(Conclusion expected) {
    if (actual.conclusion() != expected) {
      failWithMessage("Expected %s to be %s but it was %s", describe(), expected, was());
    }
    return this;
  }

  /**
   * Assertions on the stage's conclusion.
   *
   * @return the assertions
   * @since 0.1.0
   */
  public ConclusionAssert conclusion() {
    return new ConclusionAssert(
        actual.conclusion(), describe(), actual.reason().map(r -> " (" + r + ")").orElse(""));
  }

  /**
   * Checks the stage was skipped; follow with {@link #because} to check why.
   *
   * @return this
   * @since 0.1.0
   */
  public StageAssert isSkipped() {
    return concluded(Conclusion.SKIPPED);
  }

  /**
   * Checks the stage succeeded.
   *
   * @return this
   * @since 0.1.0
   */
  public StageAssert succeeded() {
    return concluded(Conclusion.SUCCESS);
  }

  /**
   * Checks the stage failed.
   *
   * @return this
   * @since 0.1.0
   */
  public StageAssert failed() {
    return concluded(Conclusion.FAILURE);
  }

  /**
   * Checks the stage timed out.
   *
   * @return this
   * @since 0.1.0
   */
  public StageAssert timedOut() {
    return concluded(Conclusion.TIMED_OUT);
  }

  /**
   * Checks the stage was cancelled.
   *
   * @return this
   * @since 0.1.0
   */
  public StageAssert wasCancelled() {
    return concluded(Conclusion.CANCELLED);
  }

  /**
   * Checks the stage's reason (why it was skipped, failed, timed out) contains the text.
   *
   * @param text part of the reason, e.g. {@code branch}
   * @return this
   * @since 0.1.0
   */
  public StageAssert because(String text) {
    if (actual.reason().filter(r -> r.contains(text)).isEmpty()) {
      failWithMessage(
          "Expected the reason of %s to contain \"%s\" but it was %s",
          describe(),
          text,
          actual.reason().map(r -> "\"" + r + "\"").orElse("absent (the stage has no reason)"));
    }
    return this;
  }

  /**
   * Checks the stage has an output.
   *
   * @param key the output's key
   * @param value its value
   * @return this
   * @since 0.1.0
   */
  public StageAssert hasOutput(String key, String value) {
    if (!value.equals(actual.outputs().get(key))) {
      failWithMessage(
          "Expected %s to have output %s=%s but its outputs were %s",
          describe(), key, value, actual.outputs());
    }
    return this;
  }

  /**
   * Assertions on one of the stage's steps.
   *
   * @param name the step
   * @return the assertions
   * @since 0.1.0
   */
  public StepAssert step(String name) {
    Optional<StepResult> step =
        actual.steps().stream().filter(s -> s.name().equals(name)).findFirst();
    if (step.isEmpty()) {
      failWithMessage(
          "Expected %s to have a step \"%s\" but its steps were %s",
          describe(), name, actual.steps().stream().map(StepResult::name).toList());
    }
    return new StepAssert(step.orElseThrow(), actual.name(), facts);
  }
}
