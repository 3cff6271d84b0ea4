package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import io.chengis.api.internal.ResultRules;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened when a stage (or one matrix instance of it) ran.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the stage name; for a matrix instance the instance name, e.g. {@code Build [os=linux,
 *     jdk=21]}
 * @param matrix the matrix combination of this instance, in axis order; empty when there is none
 * @param outcome what happened
 * @param conclusion what it counts as
 * @param startedAt when the stage started; empty when it did not run
 * @param finishedAt when the stage finished; empty when it did not run
 * @param reason why it was skipped or failed, in words, e.g. {@code dependency "build" failed}
 * @param steps the step results, in declaration order (also for parallel stages)
 * @param outputs the stage's outputs, readable as {@code stages.<name>.outputs.<key>}
 * @since 0.1.0
 */
public record StageResult(
    String name,
    Map<String, String> matrix,
    Outcome outcome,
    Conclusion conclusion,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    Optional<String> reason,
    List<StepResult> steps,
    Map<String, String> outputs) {

  /**
   * Checks and copies the components.
   *
   * @throws IllegalArgumentException when the conclusion does not fit the outcome or the stage
   *     finished before it started
   */
  public StageResult {
    Objects.requireNonNull(name, "name");
    matrix = OrderedCopies.map(matrix, "matrix");
    ResultRules.check(
        "stage " + ResultRules.quote(name), outcome, conclusion, startedAt, finishedAt);
    Objects.requireNonNull(reason, "reason");
    steps = OrderedCopies.list(steps, "steps");
    outputs = OrderedCopies.map(outputs, "outputs");
  }

  /**
   * The steps that failed but were allowed to (continue-on-error).
   *
   * @return those step results, in declaration order
   * @since 0.1.0
   */
  public List<StepResult> allowedFailures() {
    return steps.stream().filter(StepResult::allowedFailure).toList();
  }
}
