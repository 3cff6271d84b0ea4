package io.chengis.dsl;

import io.chengis.api.Condition;
import io.chengis.api.RetryPolicy;
import io.chengis.api.SourceLocation;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The scope of one step: {@code s.step("test", shell("mvn verify"), st ->
 * st.timeout(ofMinutes(20)))}.
 *
 * <p>Not thread-safe: use it only inside the lambda that received it.
 *
 * @since 0.1.0
 */
public final class StepBuilder {
  private final String name;
  private final StepAction action;
  private final SourceLocation location;
  private final Map<String, String> env = new LinkedHashMap<>();
  private Optional<String> workingDir = Optional.empty();
  private Optional<Duration> timeout = Optional.empty();
  private Condition condition = Condition.ALWAYS;
  private RetryPolicy retry = RetryPolicy.none();
  private boolean continueOnError;
  private final List<String> outputs = new ArrayList<>();

  StepBuilder(String name, StepAction action, SourceLocation location) {
    this.name = Objects.requireNonNull(name, "step name");
    this.action = Objects.requireNonNull(action, "step action");
    this.location = location;
  }

  /**
   * Sets an environment variable for this step; it wins over every other layer.
   *
   * @param variable the variable name
   * @param value the value
   * @return this scope
   */
  public StepBuilder env(String variable, String value) {
    env.put(Objects.requireNonNull(variable, "variable"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Sets environment variables for this step, in the map's order.
   *
   * @param variables variable names to values
   * @return this scope
   */
  public StepBuilder env(Map<String, String> variables) {
    variables.forEach(this::env);
    return this;
  }

  /**
   * Runs the step in a workspace-relative directory.
   *
   * @param directory the directory, relative to the workspace
   * @return this scope
   */
  public StepBuilder workingDir(String directory) {
    this.workingDir = Optional.of(Objects.requireNonNull(directory, "directory"));
    return this;
  }

  /**
   * Limits how long the step may run.
   *
   * @param limit a positive duration
   * @return this scope
   */
  public StepBuilder timeout(Duration limit) {
    this.timeout = Optional.of(Objects.requireNonNull(limit, "limit"));
    return this;
  }

  /**
   * Runs the step only when the condition holds.
   *
   * @param when the condition, e.g. {@code onBranch("main")}
   * @return this scope
   */
  public StepBuilder when(Condition when) {
    this.condition = Objects.requireNonNull(when, "condition");
    return this;
  }

  /**
   * Tries the step up to {@code maxAttempts} times without waiting between tries.
   *
   * @param maxAttempts the total number of tries
   * @return this scope
   */
  public StepBuilder retry(int maxAttempts) {
    return retry(r -> r.maxAttempts(maxAttempts));
  }

  /**
   * Tries the step up to {@code maxAttempts} times, waiting {@code backoff} between tries.
   *
   * @param maxAttempts the total number of tries
   * @param backoff the wait between tries
   * @return this scope
   */
  public StepBuilder retry(int maxAttempts, Duration backoff) {
    return retry(r -> r.maxAttempts(maxAttempts).backoff(backoff));
  }

  /**
   * Configures the retry policy in full.
   *
   * @param spec configures the policy
   * @return this scope
   */
  public StepBuilder retry(Consumer<RetryBuilder> spec) {
    RetryBuilder builder = new RetryBuilder();
    spec.accept(builder);
    this.retry = builder.build();
    return this;
  }

  /**
   * Makes a failure of this step an <em>allowed failure</em>: it stays visible but does not fail
   * the stage.
   *
   * @return this scope
   */
  public StepBuilder continueOnError() {
    this.continueOnError = true;
    return this;
  }

  /**
   * Declares the outputs this step writes to {@code $CHENGIS_OUTPUT}.
   *
   * @param keys the output keys
   * @return this scope
   */
  public StepBuilder outputs(String... keys) {
    outputs.addAll(List.of(keys));
    return this;
  }

  Step build() {
    return new Step(
        name,
        action,
        env,
        workingDir,
        timeout,
        condition,
        retry,
        continueOnError,
        outputs,
        location);
  }
}
