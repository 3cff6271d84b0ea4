package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A stage: named steps run in order (or concurrently when {@code parallel}), optionally gated,
 * conditioned, containerised and ordered by dependencies.
 *
 * <p>When no stage of a pipeline declares {@code dependsOn}, stages run in declaration order; as
 * soon as one does, the stages form a DAG. Immutable and thread-safe.
 *
 * @param name the stage name, unique within the pipeline
 * @param dependsOn names of the stages this one waits for, in order
 * @param parallel whether the steps run concurrently
 * @param failFast whether a failing parallel step cancels its running siblings
 * @param condition when the stage runs
 * @param container the container its shell steps run in; the pipeline's when empty
 * @param services service containers started before the first step and stopped after the last, in
 *     order
 * @param env environment variables for this stage's steps
 * @param steps the steps, in order
 * @param approval the approval gate before the stage, if any
 * @param caches dependency caches restored before and saved after the stage
 * @param timeout the stage timeout; the pipeline's when empty
 * @param labels agent labels this stage needs, in order
 * @param resources CPU and memory the stage needs from an agent
 * @param location where this stage was declared
 * @param matrix this stage's own matrix (a GitHub Actions job's {@code strategy.matrix}): the stage
 *     runs once per combination (times the pipeline's combinations); stages that depend on it wait
 *     for all of its instances
 * @param outputs the outputs this stage publishes, name to a {@code ${{ }}} template evaluated
 *     after its steps (with {@code steps}, {@code matrix}, {@code env}); when empty, every output
 *     of its steps is published
 * @param resultCache the stage's opt-in result cache; when present, a run with the same fingerprint
 *     as an earlier successful one is replaced by that run's results
 * @param concurrency this stage's concurrency group across all builds of the engine (a GitHub
 *     Actions job's {@code concurrency}), if any; its key may use {@code ${{ }}} expressions
 * @since 0.1.0
 */
public record Stage(
    String name,
    List<String> dependsOn,
    boolean parallel,
    boolean failFast,
    Condition condition,
    Optional<ContainerSpec> container,
    List<ServiceSpec> services,
    Map<String, String> env,
    List<Step> steps,
    Optional<ApprovalGate> approval,
    List<CacheSpec> caches,
    Optional<Duration> timeout,
    Set<String> labels,
    ResourceLimits resources,
    SourceLocation location,
    Optional<Matrix> matrix,
    Map<String, String> outputs,
    Optional<ResultCacheSpec> resultCache,
    Optional<Concurrency> concurrency) {

  /** Checks and copies the components. */
  public Stage {
    Objects.requireNonNull(name, "name");
    dependsOn = OrderedCopies.list(dependsOn, "dependsOn");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(container, "container");
    services = OrderedCopies.list(services, "services");
    env = OrderedCopies.map(env, "env");
    steps = OrderedCopies.list(steps, "steps");
    Objects.requireNonNull(approval, "approval");
    caches = OrderedCopies.list(caches, "caches");
    Objects.requireNonNull(timeout, "timeout");
    labels = OrderedCopies.set(labels, "labels");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(matrix, "matrix");
    outputs = OrderedCopies.map(outputs, "outputs");
    Objects.requireNonNull(resultCache, "resultCache");
    Objects.requireNonNull(concurrency, "concurrency");
  }

  /**
   * A stage without a result cache or concurrency group; kept for code written before they existed.
   *
   * @param name the stage name
   * @param dependsOn names of the stages this one waits for
   * @param parallel whether the steps run concurrently
   * @param failFast whether a failing parallel step cancels its running siblings
   * @param condition when the stage runs
   * @param container the container its shell steps run in
   * @param services the service containers started before the steps
   * @param env environment variables for this stage's steps
   * @param steps the steps
   * @param approval the approval gate before the stage
   * @param caches dependency caches
   * @param timeout the stage timeout
   * @param labels agent labels this stage needs
   * @param resources CPU and memory the stage needs from an agent
   * @param location where this stage was declared
   * @param matrix the stage's own matrix
   * @param outputs the stage's declared outputs
   * @since 0.1.0
   */
  public Stage(
      String name,
      List<String> dependsOn,
      boolean parallel,
      boolean failFast,
      Condition condition,
      Optional<ContainerSpec> container,
      List<ServiceSpec> services,
      Map<String, String> env,
      List<Step> steps,
      Optional<ApprovalGate> approval,
      List<CacheSpec> caches,
      Optional<Duration> timeout,
      Set<String> labels,
      ResourceLimits resources,
      SourceLocation location,
      Optional<Matrix> matrix,
      Map<String, String> outputs) {
    this(
        name,
        dependsOn,
        parallel,
        failFast,
        condition,
        container,
        services,
        env,
        steps,
        approval,
        caches,
        timeout,
        labels,
        resources,
        location,
        matrix,
        outputs,
        Optional.empty(),
        Optional.empty());
  }

  /**
   * This stage with a result cache.
   *
   * @param spec the result cache
   * @return a copy of this stage
   * @since 0.1.0
   */
  public Stage withResultCache(ResultCacheSpec spec) {
    return new Stage(
        name,
        dependsOn,
        parallel,
        failFast,
        condition,
        container,
        services,
        env,
        steps,
        approval,
        caches,
        timeout,
        labels,
        resources,
        location,
        matrix,
        outputs,
        Optional.of(spec),
        concurrency);
  }

  /**
   * A stage without a matrix of its own and publishing every output of its steps.
   *
   * @param name the stage name
   * @param dependsOn names of the stages this one waits for
   * @param parallel whether the steps run concurrently
   * @param failFast whether a failing parallel step cancels its siblings
   * @param condition when the stage runs
   * @param container the container its shell steps run in
   * @param env environment variables for this stage's steps
   * @param steps the steps
   * @param approval the approval gate, if any
   * @param caches dependency caches
   * @param timeout the stage timeout
   * @param labels agent labels
   * @param resources CPU and memory
   * @param location where this stage was declared
   * @since 0.1.0
   */
  public Stage(
      String name,
      List<String> dependsOn,
      boolean parallel,
      boolean failFast,
      Condition condition,
      Optional<ContainerSpec> container,
      Map<String, String> env,
      List<Step> steps,
      Optional<ApprovalGate> approval,
      List<CacheSpec> caches,
      Optional<Duration> timeout,
      Set<String> labels,
      ResourceLimits resources,
      SourceLocation location) {
    this(
        name,
        dependsOn,
        parallel,
        failFast,
        condition,
        container,
        env,
        steps,
        approval,
        caches,
        timeout,
        labels,
        resources,
        location,
        Optional.empty(),
        Map.of());
  }

  /**
   * A stage with services but no per-stage matrix or outputs; kept for code written before {@link
   * #matrix()} and {@link #outputs()} existed.
   *
   * @param name the stage name
   * @param dependsOn names of the stages this one waits for
   * @param parallel whether the steps run concurrently
   * @param failFast whether a failing parallel step cancels its running siblings
   * @param condition when the stage runs
   * @param container the container its shell steps run in
   * @param services the service containers started before the steps
   * @param env environment variables for this stage's steps
   * @param steps the steps
   * @param approval the approval gate before the stage
   * @param caches dependency caches
   * @param timeout the stage timeout
   * @param labels agent labels this stage needs
   * @param resources CPU and memory the stage needs from an agent
   * @param location where this stage was declared
   * @since 0.1.0
   */
  public Stage(
      String name,
      List<String> dependsOn,
      boolean parallel,
      boolean failFast,
      Condition condition,
      Optional<ContainerSpec> container,
      List<ServiceSpec> services,
      Map<String, String> env,
      List<Step> steps,
      Optional<ApprovalGate> approval,
      List<CacheSpec> caches,
      Optional<Duration> timeout,
      Set<String> labels,
      ResourceLimits resources,
      SourceLocation location) {
    this(
        name,
        dependsOn,
        parallel,
        failFast,
        condition,
        container,
        services,
        env,
        steps,
        approval,
        caches,
        timeout,
        labels,
        resources,
        location,
        Optional.empty(),
        Map.of());
  }

  /**
   * A stage without services, with a per-stage matrix and outputs.
   *
   * @param name the stage name
   * @param dependsOn names of the stages this one waits for
   * @param parallel whether the steps run concurrently
   * @param failFast whether a failing parallel step cancels its running siblings
   * @param condition when the stage runs
   * @param container the container its shell steps run in
   * @param env environment variables for this stage's steps
   * @param steps the steps
   * @param approval the approval gate before the stage
   * @param caches dependency caches
   * @param timeout the stage timeout
   * @param labels agent labels this stage needs
   * @param resources CPU and memory the stage needs from an agent
   * @param location where this stage was declared
   * @param matrix the stage's own matrix
   * @param outputs the stage's declared outputs
   * @since 0.1.0
   */
  public Stage(
      String name,
      List<String> dependsOn,
      boolean parallel,
      boolean failFast,
      Condition condition,
      Optional<ContainerSpec> container,
      Map<String, String> env,
      List<Step> steps,
      Optional<ApprovalGate> approval,
      List<CacheSpec> caches,
      Optional<Duration> timeout,
      Set<String> labels,
      ResourceLimits resources,
      SourceLocation location,
      Optional<Matrix> matrix,
      Map<String, String> outputs) {
    this(
        name, dependsOn, parallel, failFast, condition, container, List.of(), env, steps, approval,
        caches, timeout, labels, resources, location, matrix, outputs);
  }

  /**
   * A sequential stage of these steps with defaults for everything else.
   *
   * @param name the stage name
   * @param steps the steps
   * @return the stage
   */
  public static Stage of(String name, List<Step> steps) {
    return new Stage(
        name,
        List.of(),
        false,
        false,
        Condition.ALWAYS,
        Optional.empty(),
        List.of(),
        Map.of(),
        steps,
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Set.of(),
        ResourceLimits.none(),
        SourceLocation.unknown());
  }
}
