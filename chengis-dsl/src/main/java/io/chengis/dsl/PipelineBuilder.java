package io.chengis.dsl;

import io.chengis.api.ArtifactSpec;
import io.chengis.api.CacheSpec;
import io.chengis.api.Concurrency;
import io.chengis.api.ContainerSpec;
import io.chengis.api.CrashPolicy;
import io.chengis.api.Matrix;
import io.chengis.api.Notification;
import io.chengis.api.Parameter;
import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Problem;
import io.chengis.api.SourceLocation;
import io.chengis.api.SourceSpec;
import io.chengis.api.Stage;
import io.chengis.api.StageOrder;
import io.chengis.api.Trigger;
import io.chengis.dsl.internal.CallSite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The scope of a pipeline: everything a {@link Pipeline} holds, declared in the order authors think
 * of it. Obtained from {@link Chengis#pipeline(String, Consumer)} or {@link
 * Chengis#define(String)}.
 *
 * <p>Not thread-safe: use it only on the thread that created it.
 *
 * @since 0.1.0
 */
public final class PipelineBuilder {
  private final String name;
  private final SourceLocation location;
  private final Authoring authoring = new Authoring();
  private String description = "";
  private final List<Parameter> parameters = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private Optional<SourceSpec> source = Optional.empty();
  private Optional<ContainerSpec> container = Optional.empty();
  private Optional<Matrix> matrix = Optional.empty();
  private final List<StageBuilder> stages = new ArrayList<>();
  private final PostBuilder post = new PostBuilder();
  private final List<ArtifactSpec> artifacts = new ArrayList<>();
  private final List<CacheSpec> caches = new ArrayList<>();
  private final List<Notification> notifications = new ArrayList<>();
  private final List<Trigger> triggers = new ArrayList<>();
  private Optional<Duration> timeout = Optional.empty();
  private Optional<Concurrency> concurrency = Optional.empty();
  private final Set<String> labels = new LinkedHashSet<>();
  private CrashPolicy onCrash = CrashPolicy.fail();

  PipelineBuilder(String name, SourceLocation location) {
    this.name = Objects.requireNonNull(name, "pipeline name");
    this.location = location;
  }

  /**
   * Describes what the pipeline does.
   *
   * @param text the description
   * @return this scope
   */
  public PipelineBuilder description(String text) {
    this.description = Objects.requireNonNull(text, "description");
    return this;
  }

  /**
   * Declares a build parameter.
   *
   * @param parameter the parameter, from {@link Parameters}
   * @return this scope
   */
  public PipelineBuilder parameter(ParameterBuilder parameter) {
    parameters.add(parameter.build());
    return this;
  }

  /**
   * Sets an environment variable for every step.
   *
   * @param variable the variable name
   * @param value the value
   * @return this scope
   */
  public PipelineBuilder env(String variable, String value) {
    env.put(Objects.requireNonNull(variable, "variable"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Sets environment variables for every step, in the map's order.
   *
   * @param variables variable names to values
   * @return this scope
   */
  public PipelineBuilder env(Map<String, String> variables) {
    variables.forEach(this::env);
    return this;
  }

  /**
   * Checks out this git repository's default branch before the first stage.
   *
   * @param url the clone URL
   * @return this scope
   */
  public PipelineBuilder source(String url) {
    return setSource(new SourceBuilder(url, CallSite.capture()));
  }

  /**
   * Checks out this git repository before the first stage.
   *
   * @param url the clone URL
   * @param options configures ref, depth, submodules and credentials
   * @return this scope
   */
  public PipelineBuilder source(String url, Consumer<SourceBuilder> options) {
    SourceBuilder builder = new SourceBuilder(url, CallSite.capture());
    options.accept(builder);
    return setSource(builder);
  }

  private PipelineBuilder setSource(SourceBuilder builder) {
    SourceSpec spec = builder.build();
    if (source.isPresent()) {
      twice(spec.location(), "a source", "source(...)");
    }
    this.source = Optional.of(spec);
    return this;
  }

  /**
   * Runs every stage's shell steps in a container of this image, unless a stage names its own.
   *
   * @param image the image reference
   * @return this scope
   */
  public PipelineBuilder container(String image) {
    return container(new ContainerBuilder(image, CallSite.capture()));
  }

  /**
   * Runs every stage's shell steps in this container, unless a stage names its own.
   *
   * @param spec the container, from {@link Containers#image(String)}
   * @return this scope
   */
  public PipelineBuilder container(ContainerBuilder spec) {
    ContainerSpec built = spec.build();
    if (container.isPresent()) {
      twice(CallSite.capture(), "a container", "container(...)");
    }
    this.container = Optional.of(built);
    return this;
  }

  /**
   * Runs every stage once per combination of the matrix.
   *
   * @param spec configures axes, excludes, includes and the maximum
   * @return this scope
   */
  public PipelineBuilder matrix(Consumer<MatrixBuilder> spec) {
    MatrixBuilder builder = new MatrixBuilder(CallSite.capture(), authoring);
    spec.accept(builder);
    Matrix built = builder.build();
    if (matrix.isPresent()) {
      twice(built.location(), "a matrix", "matrix(...)");
    }
    this.matrix = Optional.of(built);
    return this;
  }

  /**
   * Adds a stage.
   *
   * @param stageName the stage name, unique within the pipeline
   * @param spec configures the stage's steps and options
   * @return this scope
   */
  public PipelineBuilder stage(String stageName, Consumer<StageBuilder> spec) {
    StageBuilder stage = new StageBuilder(stageName, CallSite.capture(), authoring);
    spec.accept(stage);
    stages.add(stage);
    return this;
  }

  /**
   * Adds post actions; several calls add to the same groups.
   *
   * @param spec configures always/onSuccess/onFailure/onCancel steps
   * @return this scope
   */
  public PipelineBuilder post(Consumer<PostBuilder> spec) {
    spec.accept(post);
    return this;
  }

  /**
   * Keeps the files matching these globs after the build (also after failures).
   *
   * @param globs workspace-relative globs
   * @return this scope
   */
  public PipelineBuilder artifacts(String... globs) {
    artifacts.add(new ArtifactsBuilder(CallSite.capture()).glob(globs).build());
    return this;
  }

  /**
   * Keeps files after the build.
   *
   * @param spec configures globs, excludes and whether failed builds keep them
   * @return this scope
   */
  public PipelineBuilder artifacts(Consumer<ArtifactsBuilder> spec) {
    ArtifactsBuilder builder = new ArtifactsBuilder(CallSite.capture());
    spec.accept(builder);
    artifacts.add(builder.build());
    return this;
  }

  /**
   * Restores a dependency cache before the first stage and saves it after a successful build.
   *
   * @param spec configures key, paths and restore keys
   * @return this scope
   */
  public PipelineBuilder cache(Consumer<CacheBuilder> spec) {
    CacheBuilder builder = new CacheBuilder(CallSite.capture());
    spec.accept(builder);
    caches.add(builder.build());
    return this;
  }

  /**
   * Sends a notification after every build.
   *
   * @param type the notifier type, e.g. {@code slack}
   * @return this scope
   */
  public PipelineBuilder notify(String type) {
    notifications.add(new NotificationBuilder(type, CallSite.capture()).build());
    return this;
  }

  /**
   * Sends a notification.
   *
   * @param type the notifier type, e.g. {@code slack}
   * @param spec configures when and the notifier's settings
   * @return this scope
   */
  public PipelineBuilder notify(String type, Consumer<NotificationBuilder> spec) {
    NotificationBuilder builder = new NotificationBuilder(type, CallSite.capture());
    spec.accept(builder);
    notifications.add(builder.build());
    return this;
  }

  /**
   * Starts builds on a schedule.
   *
   * @param expression a five-field cron expression or macro such as {@code @daily}
   * @return this scope
   */
  public PipelineBuilder cron(String expression) {
    triggers.add(new Trigger.Cron(expression, CallSite.capture()));
    return this;
  }

  /**
   * Starts builds on pushes to matching branches (any branch when none are given).
   *
   * @param branchGlobs branch globs
   * @return this scope
   */
  public PipelineBuilder onPush(String... branchGlobs) {
    triggers.add(new Trigger.Push(List.of(branchGlobs), CallSite.capture()));
    return this;
  }

  /**
   * Starts builds on pull requests targeting matching branches (any when none are given).
   *
   * @param branchGlobs target branch globs
   * @return this scope
   */
  public PipelineBuilder onPullRequest(String... branchGlobs) {
    triggers.add(new Trigger.PullRequest(List.of(branchGlobs), CallSite.capture()));
    return this;
  }

  /**
   * Limits how long the whole build may run.
   *
   * @param limit a positive duration
   * @return this scope
   */
  public PipelineBuilder timeout(Duration limit) {
    this.timeout = Optional.of(Objects.requireNonNull(limit, "limit"));
    return this;
  }

  /**
   * Lets at most one build of this key run at a time; later builds wait.
   *
   * @param key the group key, e.g. {@code deploy-prod}
   * @return this scope
   */
  public PipelineBuilder concurrency(String key) {
    return concurrency(key, Concurrency.OnConflict.QUEUE);
  }

  /**
   * Lets at most one build of this key run at a time.
   *
   * @param key the group key
   * @param onConflict whether later builds wait or cancel the running one
   * @return this scope
   */
  public PipelineBuilder concurrency(String key, Concurrency.OnConflict onConflict) {
    this.concurrency = Optional.of(new Concurrency(key, onConflict));
    return this;
  }

  /**
   * Requires agents with these labels for the whole build.
   *
   * @param agentLabels the labels
   * @return this scope
   */
  public PipelineBuilder labels(String... agentLabels) {
    labels.addAll(List.of(agentLabels));
    return this;
  }

  /**
   * Says what happens to a build whose engine process stops while it runs (default: it fails with
   * the reason); {@code CrashPolicy.requeue(3)} puts it back in the queue of a shared store, at
   * most three runs in all.
   *
   * @param policy the policy
   * @return this builder
   */
  public PipelineBuilder onCrash(CrashPolicy policy) {
    this.onCrash = java.util.Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Builds the pipeline, checking the whole definition.
   *
   * @return the immutable pipeline
   * @throws PipelineDefinitionException listing every problem found, each with the author's call
   *     site
   */
  public Pipeline build() {
    List<Problem> problems = new ArrayList<>(authoring.problems());
    List<Stage> builtStages = stages.stream().map(StageBuilder::build).toList();
    try {
      Pipeline pipeline =
          new Pipeline(
              name,
              description,
              parameters,
              env,
              source,
              container,
              matrix,
              builtStages,
              post.build(),
              artifacts,
              caches,
              notifications,
              triggers,
              timeout,
              concurrency,
              labels,
              location,
              StageOrder.DECLARATION,
              onCrash);
      if (problems.isEmpty()) {
        return pipeline;
      }
    } catch (PipelineDefinitionException invalid) {
      problems.addAll(invalid.problems());
    }
    throw new PipelineDefinitionException(name, problems);
  }

  private void twice(SourceLocation where, String what, String call) {
    authoring.problem(
        where,
        "pipeline \"" + name + "\"",
        "declares " + what + " twice",
        "keep one " + call + " call");
  }
}
