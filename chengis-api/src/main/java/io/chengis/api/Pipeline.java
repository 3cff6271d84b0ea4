package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import io.chengis.api.internal.PipelineRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A pipeline: the aggregate root of the model, produced by every front-end and run by the engine.
 *
 * <p>Building a pipeline checks the whole definition at once (names, dependencies and cycles,
 * timeouts, matrix limits, parameters, approvals, images, workspace paths, cron expressions) and
 * throws one {@link PipelineDefinitionException} listing every problem with its location. A {@code
 * Pipeline} instance is therefore always valid. Immutable and thread-safe.
 *
 * @param name the pipeline (job) name: letters, digits, {@code .}, {@code _} and {@code -}
 * @param description what the pipeline does
 * @param parameters build parameters, in order
 * @param env environment variables for every step
 * @param source the git repository to check out first, if any
 * @param container the default container for every stage, if any
 * @param matrix the build matrix, if any
 * @param stages the stages, in declaration order
 * @param post steps run after the stages
 * @param artifacts files kept after the build
 * @param caches dependency caches for the whole build
 * @param notifications notifications sent after the build
 * @param triggers schedules and events that start builds
 * @param timeout the whole-build timeout, if any
 * @param concurrency the concurrency group, if any
 * @param labels agent labels the build needs, in order
 * @param location where the pipeline was declared
 * @param stageOrder whether stages follow declaration order or only their dependencies
 * @param onCrash what happens to a build whose engine process stops while it runs
 * @since 0.1.0
 */
public record Pipeline(
    String name,
    String description,
    List<Parameter> parameters,
    Map<String, String> env,
    Optional<SourceSpec> source,
    Optional<ContainerSpec> container,
    Optional<Matrix> matrix,
    List<Stage> stages,
    PostActions post,
    List<ArtifactSpec> artifacts,
    List<CacheSpec> caches,
    List<Notification> notifications,
    List<Trigger> triggers,
    Optional<Duration> timeout,
    Optional<Concurrency> concurrency,
    Set<String> labels,
    SourceLocation location,
    StageOrder stageOrder,
    CrashPolicy onCrash) {

  /**
   * Checks and copies the components, then checks the whole definition.
   *
   * @throws PipelineDefinitionException listing every problem found
   */
  public Pipeline {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    parameters = OrderedCopies.list(parameters, "parameters");
    env = OrderedCopies.map(env, "env");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(matrix, "matrix");
    stages = OrderedCopies.list(stages, "stages");
    Objects.requireNonNull(post, "post");
    artifacts = OrderedCopies.list(artifacts, "artifacts");
    caches = OrderedCopies.list(caches, "caches");
    notifications = OrderedCopies.list(notifications, "notifications");
    triggers = OrderedCopies.list(triggers, "triggers");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(concurrency, "concurrency");
    labels = OrderedCopies.set(labels, "labels");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(stageOrder, "stageOrder");
    Objects.requireNonNull(onCrash, "onCrash");
    List<Problem> problems =
        PipelineRules.check(
            name,
            parameters,
            env,
            source,
            container,
            matrix,
            stages,
            post,
            artifacts,
            caches,
            notifications,
            triggers,
            timeout,
            concurrency,
            labels,
            location);
    if (!problems.isEmpty()) {
      throw new PipelineDefinitionException(name, problems);
    }
  }

  /**
   * A pipeline whose stages run in {@link StageOrder#DECLARATION declaration order} unless some
   * stage declares {@code dependsOn}, and whose builds fail when their engine process stops ({@link
   * CrashPolicy#fail()}).
   *
   * @param name the pipeline (job) name
   * @param description what the pipeline does
   * @param parameters build parameters, in order
   * @param env environment variables for every step
   * @param source the git repository to check out first, if any
   * @param container the default container for every stage, if any
   * @param matrix the build matrix, if any
   * @param stages the stages, in declaration order
   * @param post steps run after the stages
   * @param artifacts files kept after the build
   * @param caches dependency caches for the whole build
   * @param notifications notifications sent after the build
   * @param triggers schedules and events that start builds
   * @param timeout the whole-build timeout, if any
   * @param concurrency the concurrency group, if any
   * @param labels agent labels the build needs, in order
   * @param location where the pipeline was declared
   * @throws PipelineDefinitionException listing every problem found
   * @since 0.1.0
   */
  public Pipeline(
      String name,
      String description,
      List<Parameter> parameters,
      Map<String, String> env,
      Optional<SourceSpec> source,
      Optional<ContainerSpec> container,
      Optional<Matrix> matrix,
      List<Stage> stages,
      PostActions post,
      List<ArtifactSpec> artifacts,
      List<CacheSpec> caches,
      List<Notification> notifications,
      List<Trigger> triggers,
      Optional<Duration> timeout,
      Optional<Concurrency> concurrency,
      Set<String> labels,
      SourceLocation location) {
    this(
        name,
        description,
        parameters,
        env,
        source,
        container,
        matrix,
        stages,
        post,
        artifacts,
        caches,
        notifications,
        triggers,
        timeout,
        concurrency,
        labels,
        location,
        StageOrder.DECLARATION,
        CrashPolicy.fail());
  }

  /**
   * This pipeline with another crash policy.
   *
   * @param policy what happens to a build whose engine process stops
   * @return the copy
   */
  public Pipeline withOnCrash(CrashPolicy policy) {
    return new Pipeline(
        name,
        description,
        parameters,
        env,
        source,
        container,
        matrix,
        stages,
        post,
        artifacts,
        caches,
        notifications,
        triggers,
        timeout,
        concurrency,
        labels,
        location,
        stageOrder,
        policy);
  }

  /**
   * Whether the stages form a DAG (the stage order is {@link StageOrder#DEPENDENCIES}, or some
   * stage declares {@code dependsOn}) rather than running in declaration order.
   *
   * @return {@code true} in DAG mode
   */
  public boolean isDag() {
    return stageOrder == StageOrder.DEPENDENCIES
        || stages.stream().anyMatch(stage -> !stage.dependsOn().isEmpty());
  }

  /**
   * This pipeline with another stage order.
   *
   * @param order the stage order
   * @return a copy with {@code order}
   */
  public Pipeline withStageOrder(StageOrder order) {
    return new Pipeline(
        name,
        description,
        parameters,
        env,
        source,
        container,
        matrix,
        stages,
        post,
        artifacts,
        caches,
        notifications,
        triggers,
        timeout,
        concurrency,
        labels,
        location,
        order,
        onCrash);
  }

  /**
   * The stage with this name.
   *
   * @param stageName a stage name
   * @return the stage, or empty when there is none
   */
  public Optional<Stage> stage(String stageName) {
    return stages.stream().filter(stage -> stage.name().equals(stageName)).findFirst();
  }
}
