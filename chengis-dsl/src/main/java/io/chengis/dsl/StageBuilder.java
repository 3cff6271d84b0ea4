package io.chengis.dsl;

import io.chengis.api.ApprovalGate;
import io.chengis.api.CacheSpec;
import io.chengis.api.Condition;
import io.chengis.api.ContainerSpec;
import io.chengis.api.ResourceLimits;
import io.chengis.api.ResultCacheSpec;
import io.chengis.api.ServiceSpec;
import io.chengis.api.SourceLocation;
import io.chengis.api.Stage;
import io.chengis.api.StepAction;
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
 * The scope of one stage: {@code p.stage("verify", s -> s.step("test", shell("mvn verify")))}.
 *
 * <p>Not thread-safe: use it only inside the lambda that received it.
 *
 * @since 0.1.0
 */
public final class StageBuilder {
  private final String name;
  private final SourceLocation location;
  private final Authoring authoring;
  private final List<String> dependsOn = new ArrayList<>();
  private boolean parallel;
  private boolean failFast;
  private Condition condition = Condition.ALWAYS;
  private final List<String> paths = new ArrayList<>();
  private final List<String> pathsIgnore = new ArrayList<>();
  private Optional<ContainerSpec> container = Optional.empty();
  private final List<ServiceSpec> services = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<StepBuilder> steps = new ArrayList<>();
  private Optional<ApprovalGate> approval = Optional.empty();
  private final List<CacheSpec> caches = new ArrayList<>();
  private Optional<Duration> timeout = Optional.empty();
  private final Set<String> labels = new LinkedHashSet<>();
  private ResourceLimits resources = ResourceLimits.none();
  private Optional<ResultCacheSpec> resultCache = Optional.empty();

  StageBuilder(String name, SourceLocation location, Authoring authoring) {
    this.name = Objects.requireNonNull(name, "stage name");
    this.location = location;
    this.authoring = authoring;
  }

  /**
   * Adds a step.
   *
   * @param stepName the step name, unique within the stage
   * @param action what it does, e.g. {@code shell("mvn verify")}
   * @return this scope
   */
  public StageBuilder step(String stepName, StepAction action) {
    steps.add(new StepBuilder(stepName, action, CallSite.capture()));
    return this;
  }

  /**
   * Adds a step with options.
   *
   * @param stepName the step name, unique within the stage
   * @param action what it does
   * @param options configures timeout, env, condition, retry, ...
   * @return this scope
   */
  public StageBuilder step(String stepName, StepAction action, Consumer<StepBuilder> options) {
    StepBuilder step = new StepBuilder(stepName, action, CallSite.capture());
    options.accept(step);
    steps.add(step);
    return this;
  }

  /**
   * Runs this stage after the named stages (turns the pipeline into a DAG).
   *
   * @param stages the names of the stages to wait for
   * @return this scope
   */
  public StageBuilder dependsOn(String... stages) {
    dependsOn.addAll(List.of(stages));
    return this;
  }

  /**
   * Runs the steps concurrently (results are still reported in declaration order).
   *
   * @return this scope
   */
  public StageBuilder parallel() {
    this.parallel = true;
    return this;
  }

  /**
   * With {@link #parallel()}: a failing step cancels its running siblings.
   *
   * @return this scope
   */
  public StageBuilder failFast() {
    this.failFast = true;
    return this;
  }

  /**
   * Runs the stage only when the condition holds.
   *
   * @param when the condition, e.g. {@code onBranch("main")}
   * @return this scope
   */
  public StageBuilder when(Condition when) {
    this.condition = Objects.requireNonNull(when, "condition");
    return this;
  }

  /**
   * Monorepo filter: runs the stage only when a changed file matches one of these globs (and, with
   * {@link #pathsIgnore}, none of those); otherwise it is skipped with that reason. Combined with
   * {@link #when} by "and".
   *
   * @param globs workspace-relative globs, e.g. {@code "services/api/**"}
   * @return this scope
   */
  public StageBuilder paths(String... globs) {
    paths.addAll(List.of(globs));
    return this;
  }

  /**
   * Monorepo filter: changed files matching these globs do not make the stage run.
   *
   * @param globs workspace-relative globs, e.g. {@code "**}{@code /*.md"}
   * @return this scope
   */
  public StageBuilder pathsIgnore(String... globs) {
    pathsIgnore.addAll(List.of(globs));
    return this;
  }

  /**
   * Runs the stage's shell steps in a container of this image.
   *
   * @param image the image reference
   * @return this scope
   */
  public StageBuilder container(String image) {
    return container(new ContainerBuilder(image, CallSite.capture()));
  }

  /**
   * Runs the stage's shell steps in this container.
   *
   * @param spec the container, from {@link Containers#image(String)}
   * @return this scope
   */
  public StageBuilder container(ContainerBuilder spec) {
    if (container.isPresent()) {
      authoring.problem(
          CallSite.capture(),
          "stage \"" + name + "\"",
          "declares a container twice",
          "keep one container(...) call");
    }
    this.container = Optional.of(spec.build());
    return this;
  }

  /**
   * Runs a service container beside the stage's steps, e.g. a database: started before the first
   * step, reachable from the stage's container steps as host {@code name}, stopped after the last
   * step. The service sees only its container's environment.
   *
   * <pre>{@code
   * s.service("db", image("postgres:17").env("POSTGRES_PASSWORD", "test"))
   *     .container("maven:3.9")
   *     .step("it", shell("./mvnw -B verify -Ddb.host=db"))
   * }</pre>
   *
   * @param serviceName the host name the steps reach it by (lower-case letters, digits, '-')
   * @param spec the container, from {@link Containers#image(String)}
   * @param command the command as separate arguments (never through a shell); none to run the
   *     image's default command
   * @return this scope
   */
  public StageBuilder service(String serviceName, ContainerBuilder spec, String... command) {
    services.add(
        new ServiceSpec(
            Objects.requireNonNull(serviceName, "serviceName"),
            spec.build(),
            List.of(command),
            CallSite.capture()));
    return this;
  }

  /**
   * Sets an environment variable for the stage's steps.
   *
   * @param variable the variable name
   * @param value the value
   * @return this scope
   */
  public StageBuilder env(String variable, String value) {
    env.put(Objects.requireNonNull(variable, "variable"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Sets environment variables for the stage's steps, in the map's order.
   *
   * @param variables variable names to values
   * @return this scope
   */
  public StageBuilder env(Map<String, String> variables) {
    variables.forEach(this::env);
    return this;
  }

  /**
   * Waits for a manual approval before the stage runs.
   *
   * @param spec configures the message, approvers and minimum approvals
   * @return this scope
   */
  public StageBuilder approval(Consumer<ApprovalBuilder> spec) {
    ApprovalBuilder builder = new ApprovalBuilder(CallSite.capture());
    spec.accept(builder);
    if (approval.isPresent()) {
      authoring.problem(
          builder.location(),
          "stage \"" + name + "\"",
          "declares an approval twice",
          "keep one approval(...) call");
    }
    this.approval = Optional.of(builder.build());
    return this;
  }

  /**
   * Restores a dependency cache before the stage and saves it after a successful run.
   *
   * @param key the key template, e.g. {@code maven-${{ hashFiles('**&#47;pom.xml') }}}
   * @param paths workspace-relative paths to cache
   * @return this scope
   */
  public StageBuilder cache(String key, String... paths) {
    return cache(c -> c.key(key).paths(paths));
  }

  /**
   * Restores a dependency cache before the stage and saves it after a successful run.
   *
   * @param spec configures key, paths and restore keys
   * @return this scope
   */
  public StageBuilder cache(Consumer<CacheBuilder> spec) {
    CacheBuilder builder = new CacheBuilder(CallSite.capture());
    spec.accept(builder);
    caches.add(builder.build());
    return this;
  }

  /**
   * Caches this stage's result: when an earlier successful run had the same commit, definition,
   * environment and input files, the stage does not run and its outputs are restored, e.g. {@code
   * s.cacheResult(r -> r.inputs("src/**", "pom.xml").outputs("target/app.jar"))}.
   *
   * @param spec configures the input globs and output paths
   * @return this scope
   */
  public StageBuilder cacheResult(Consumer<ResultCacheBuilder> spec) {
    ResultCacheBuilder builder = new ResultCacheBuilder(CallSite.capture());
    spec.accept(builder);
    this.resultCache = Optional.of(builder.build());
    return this;
  }

  /**
   * Limits how long the whole stage may run.
   *
   * @param limit a positive duration
   * @return this scope
   */
  public StageBuilder timeout(Duration limit) {
    this.timeout = Optional.of(Objects.requireNonNull(limit, "limit"));
    return this;
  }

  /**
   * Requires agents with these labels.
   *
   * @param agentLabels the labels
   * @return this scope
   */
  public StageBuilder labels(String... agentLabels) {
    labels.addAll(List.of(agentLabels));
    return this;
  }

  /**
   * Requires this much CPU and memory from the agent.
   *
   * @param cpus CPUs, fractions allowed, or 0
   * @param memoryBytes memory in bytes, or 0
   * @return this scope
   */
  public StageBuilder resources(double cpus, long memoryBytes) {
    this.resources = new ResourceLimits(cpus, memoryBytes);
    return this;
  }

  Stage build() {
    return new Stage(
        name,
        dependsOn,
        parallel,
        failFast,
        paths.isEmpty() && pathsIgnore.isEmpty()
            ? condition
            : condition instanceof Condition.Always
                ? new Condition.ChangedFiles(paths, pathsIgnore)
                : new Condition.AllOf(
                    List.of(condition, new Condition.ChangedFiles(paths, pathsIgnore))),
        container,
        services,
        env,
        steps.stream().map(StepBuilder::build).toList(),
        approval,
        caches,
        timeout,
        labels,
        resources,
        location,
        Optional.empty(),
        Map.of(),
        resultCache,
        Optional.empty());
  }
}
