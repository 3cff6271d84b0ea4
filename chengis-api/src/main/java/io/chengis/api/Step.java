package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a stage: an action plus how to run it.
 *
 * <p>Immutable and thread-safe. Checked when its pipeline is built.
 *
 * @param name the step name, unique within its stage
 * @param action what the step does
 * @param env environment variables for this step (they win over every other layer)
 * @param workingDir the workspace-relative directory to run in; the workspace root when empty
 * @param timeout the step timeout; inherited (stage, pipeline, engine default) when empty
 * @param condition when the step runs
 * @param retry how a failure is retried
 * @param continueOnError whether a failure is an <em>allowed failure</em> that does not fail the
 *     stage
 * @param outputs the output keys this step declares it writes to {@code $CHENGIS_OUTPUT}
 * @param location where this step was declared
 * @since 0.1.0
 */
public record Step(
    String name,
    StepAction action,
    Map<String, String> env,
    Optional<String> workingDir,
    Optional<Duration> timeout,
    Condition condition,
    RetryPolicy retry,
    boolean continueOnError,
    List<String> outputs,
    SourceLocation location) {

  /** Checks and copies the components. */
  public Step {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(action, "action");
    env = OrderedCopies.map(env, "env");
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(retry, "retry");
    outputs = OrderedCopies.list(outputs, "outputs");
    Objects.requireNonNull(location, "location");
  }

  /**
   * A step with an action and defaults for everything else.
   *
   * @param name the step name
   * @param action what it does
   * @return the step
   */
  public static Step of(String name, StepAction action) {
    return new Step(
        name,
        action,
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Condition.ALWAYS,
        RetryPolicy.none(),
        false,
        List.of(),
        SourceLocation.unknown());
  }
}
