package io.chengis.testkit;

import io.chengis.api.BuildEvent;
import io.chengis.api.Conclusion;
import io.chengis.api.Outcome;
import io.chengis.api.StepResult;
import io.chengis.testkit.internal.TraceBuilder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one step of a finished build. Not thread-safe: use it on the test's thread.
 *
 * @since 0.1.0
 */
public final class StepAssert extends AbstractAssert<StepAssert, StepResult> {
  private final String stage;
  private final BuildFacts facts;

  StepAssert(StepResult actual, String stage, BuildFacts facts) {
    super(actual, StepAssert.class);
    this.stage = stage;
    this.facts = facts;
  }

  private String describe() {
    return "step \"" + actual.name() + "\" of stage \"" + stage + "\" of " + facts.describe();
  }

  private String was() {
    return actual.conclusion()
        + (actual.outcome().name().equals(actual.conclusion().name())
            ? ""
            : " (outcome " + actual.outcome() + ")")
        + actual.exitCode().map(code -> ", exit code " + code).orElse("")
        + actual.reason().map(r -> ", reason: " + r).orElse("");
  }

  private StepAssert concluded(Conclusion expected) {
    if (actual.conclusion() != expected) {
      failWithMessage("Expected %s to be %s but it was %s", describe(), expected, was());
    }
    return this;
  }

  /**
   * Assertions on the step's conclusion.
   *
   * @return the assertions
   * @since 0.1.0
   */
  public ConclusionAssert conclusion() {
    return new ConclusionAssert(actual.conclusion(), describe(), " (" + was() + ")");
  }

  /**
   * Checks the step succeeded (exit code 0, or an allowed failure).
   *
   * @return this
   * @since 0.1.0
   */
  public StepAssert succeeded() {
    return concluded(Conclusion.SUCCESS);
  }

  /**
   * Checks the step failed.
   *
   * @return this
   * @since 0.1.0
   */
  public StepAssert failed() {
    return concluded(Conclusion.FAILURE);
  }

  /**
   * Checks the step timed out.
   *
   * @return this
   * @since 0.1.0
   */
  public StepAssert timedOut() {
    return concluded(Conclusion.TIMED_OUT);
  }

  /**
   * Checks the step was cancelled.
   *
   * @return this
   * @since 0.1.0
   */
  public StepAssert wasCancelled() {
    return concluded(Conclusion.CANCELLED);
  }

  /**
   * Checks the step was skipped; follow with {@link #because} to check why.
   *
   * @return this
   * @since 0.1.0
   */
  public StepAssert isSkipped() {
    return concluded(Conclusion.SKIPPED);
  }

  /**
   * Checks the step failed but was allowed to (continue on error).
   *
   * @return this
   * @since 0.1.0
   */
  public StepAssert isAllowedFailure() {
    if (!actual.allowedFailure()) {
      failWithMessage("Expected %s to be an allowed failure but it was %s", describe(), was());
    }
    return this;
  }

  /**
   * Checks the step's reason contains the text.
   *
   * @param text part of the reason
   * @return this
   * @since 0.1.0
   */
  public StepAssert because(String text) {
    if (actual.reason().filter(r -> r.contains(text)).isEmpty()) {
      failWithMessage(
          "Expected the reason of %s to contain \"%s\" but it was %s",
          describe(),
          text,
          actual.reason().map(r -> "\"" + r + "\"").orElse("absent (the step has no reason)"));
    }
    return this;
  }

  /**
   * Checks the step's exit code.
   *
   * @param code the exit code
   * @return this
   * @since 0.1.0
   */
  public StepAssert exitedWith(int code) {
    if (!actual.exitCode().equals(java.util.Optional.of(code))) {
      failWithMessage(
          "Expected %s to exit with %s but it %s",
          describe(),
          code,
          actual
              .exitCode()
              .map(c -> "exited with " + c)
              .orElse("has no exit code (" + was() + ")"));
    }
    return this;
  }

  /**
   * Checks how many attempts the step took.
   *
   * @param count the number of attempts
   * @return this
   * @since 0.1.0
   */
  public StepAssert tookAttempts(int count) {
    if (actual.attempts() != count) {
      failWithMessage(
          "Expected %s to take %s attempts but it took %s (%s)",
          describe(), count, actual.attempts(), was());
    }
    return this;
  }

  /**
   * Checks the step has an output.
   *
   * @param key the output's key
   * @param value its value
   * @return this
   * @since 0.1.0
   */
  public StepAssert hasOutput(String key, String value) {
    if (!value.equals(actual.outputs().get(key))) {
      failWithMessage(
          "Expected %s to have output %s=%s but its outputs were %s",
          describe(), key, value, actual.outputs());
    }
    return this;
  }

  private List<Invocation> attempts() {
    if (!facts.recorded()) {
      failWithMessage(
          "Cannot check what %s ran with: a BuildResult does not record it; assert on the"
              + " TestBuild that TestEngine returned",
          describe());
    }
    return facts.invocations().stream()
        .filter(i -> i.stage().equals(stage) && i.step().equals(actual.name()))
        .toList();
  }

  /**
   * Checks the step ran (every attempt) with an environment variable; the message shows the
   * variable's actual value only, never the others.
   *
   * @param name the variable
   * @param value its expected value
   * @return this
   * @since 0.1.0
   */
  public StepAssert ranWithEnv(String name, String value) {
    List<Invocation> attempts = attempts();
    if (attempts.isEmpty()) {
      failWithMessage(
          "Expected %s to have run with %s=%s but it never ran (%s)",
          describe(), name, value, was());
    }
    for (Invocation attempt : attempts) {
      String actualValue = attempt.env().get(name);
      if (!value.equals(actualValue)) {
        failWithMessage(
            "Expected %s to have run with %s=%s but attempt %s had %s",
            describe(),
            name,
            value,
            attempt.attempt(),
            actualValue == null
                ? "no " + name + " (variables: " + attempt.env().keySet() + ")"
                : name + "=" + actualValue);
      }
    }
    return this;
  }

  /**
   * Checks the step ran this command (its first attempt).
   *
   * @param command the whole command
   * @return this
   * @since 0.1.0
   */
  public StepAssert ranCommand(String command) {
    List<Invocation> attempts = attempts();
    if (attempts.isEmpty()) {
      failWithMessage(
          "Expected %s to have run \"%s\" but it never ran (%s)", describe(), command, was());
    }
    if (!attempts.get(0).command().equals(command)) {
      failWithMessage(
          "Expected %s to have run \"%s\" but it ran \"%s\"",
          describe(), command, attempts.get(0).command());
    }
    return this;
  }

  /**
   * Checks the step never ran (skipped, or its stage never started).
   *
   * @return this
   * @since 0.1.0
   */
  public StepAssert neverRan() {
    List<Invocation> attempts = attempts();
    if (!attempts.isEmpty() || actual.outcome() != Outcome.SKIPPED) {
      failWithMessage(
          "Expected %s never to have run but it ran %s time(s) (%s)",
          describe(), attempts.size(), was());
    }
    return this;
  }

  /**
   * Checks when each attempt started, as offsets from the build's start on the engine's clock:
   * under virtual time this is exact, e.g. {@code attemptsStartedAt(ZERO, ofSeconds(2),
   * ofSeconds(6))} for a backoff of 2 s doubling.
   *
   * @param offsets one offset per attempt, in order
   * @return this
   * @since 0.1.0
   */
  public StepAssert attemptsStartedAt(Duration... offsets) {
    if (!facts.recorded()) {
      attempts();
    }
    List<Duration> started =
        facts.events().stream()
            .filter(
                e ->
                    e instanceof BuildEvent.StepStarted s
                        && s.stage().equals(stage)
                        && s.step().equals(actual.name()))
            .map(e -> Duration.between(facts.start(), e.timestamp()))
            .toList();
    if (!started.equals(Arrays.asList(offsets))) {
      failWithMessage(
          "Expected the attempts of %s to start at %s but they started at %s",
          describe(),
          Arrays.stream(offsets).map(d -> "+" + TraceBuilder.duration(d)).toList(),
          started.stream().map(d -> "+" + TraceBuilder.duration(d)).toList());
    }
    return this;
  }
}
