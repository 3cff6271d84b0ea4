package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import io.chengis.api.internal.ResultRules;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened when a step ran (or did not run).
 *
 * <p>The exit code is an {@code Optional<Integer>} rather than an {@code OptionalInt} so that every
 * absent value in the model is an {@link Optional}; it is empty when no process exited (skipped,
 * not started, or stopped without an exit status).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the step name
 * @param outcome what happened
 * @param conclusion what it counts as: {@link Conclusion#SUCCESS} for an allowed failure
 * @param startedAt when the first attempt started; empty when the step did not run
 * @param finishedAt when the last attempt finished; empty when the step did not run
 * @param exitCode the exit code of the last attempt, when a process exited
 * @param attempts how many times the step was tried, 0 when it did not run
 * @param reason why it was skipped or failed, in words; empty on success
 * @param outputs the outputs the step wrote to {@code $CHENGIS_OUTPUT}, in the order written
 * @since 0.1.0
 */
public record StepResult(
    String name,
    Outcome outcome,
    Conclusion conclusion,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    Optional<Integer> exitCode,
    int attempts,
    Optional<String> reason,
    Map<String, String> outputs) {

  /**
   * Checks and copies the components.
   *
   * @throws IllegalArgumentException when the conclusion does not fit the outcome, the step
   *     finished before it started, or attempts is negative
   */
  public StepResult {
    Objects.requireNonNull(name, "name");
    ResultRules.check(
        "step " + ResultRules.quote(name), outcome, conclusion, startedAt, finishedAt);
    Objects.requireNonNull(exitCode, "exitCode");
    if (attempts < 0) {
      throw new IllegalArgumentException(
          "step "
              + ResultRules.quote(name)
              + " attempts must not be negative (was "
              + attempts
              + "); use 0 for a step that did not run");
    }
    Objects.requireNonNull(reason, "reason");
    outputs = OrderedCopies.map(outputs, "outputs");
  }

  /**
   * The result of a step that did not run.
   *
   * @param name the step name
   * @param reason why, e.g. {@code step "build" failed}
   * @return a result with outcome and conclusion {@link Outcome#SKIPPED}
   * @since 0.1.0
   */
  public static StepResult skipped(String name, String reason) {
    return new StepResult(
        name,
        Outcome.SKIPPED,
        Conclusion.SKIPPED,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0,
        Optional.of(reason),
        Map.of());
  }

  /**
   * Whether this is an <em>allowed failure</em>: the step failed or timed out, but
   * continue-on-error made it count as a success.
   *
   * @return {@code true} when the outcome is a failure or timeout and the conclusion is success
   * @since 0.1.0
   */
  public boolean allowedFailure() {
    return outcome.canBeAllowed() && conclusion == Conclusion.SUCCESS;
  }

  /**
   * How long the step ran, over all attempts.
   *
   * @return the time from start to finish; empty unless both are known
   * @since 0.1.0
   */
  public Optional<Duration> duration() {
    return startedAt.flatMap(start -> finishedAt.map(end -> Duration.between(start, end)));
  }
}
