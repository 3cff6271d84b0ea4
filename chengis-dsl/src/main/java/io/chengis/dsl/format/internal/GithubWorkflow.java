package io.chengis.dsl.format.internal;

import io.chengis.api.ArtifactSpec;
import io.chengis.api.CacheSpec;
import io.chengis.api.Concurrency;
import io.chengis.api.Condition;
import io.chengis.api.ContainerSpec;
import io.chengis.api.Matrix;
import io.chengis.api.Parameter;
import io.chengis.api.Pipeline;
import io.chengis.api.PostActions;
import io.chengis.api.ResourceLimits;
import io.chengis.api.RetryPolicy;
import io.chengis.api.ServiceSpec;
import io.chengis.api.Stage;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import io.chengis.api.Trigger;
import io.chengis.api.spi.PipelineSource;
import io.chengis.dsl.format.internal.YamlFile.Entry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads a GitHub Actions workflow: jobs become stages, {@code needs} dependencies, steps shell or
 * {@code uses} plugin steps. {@code ${{ }}} text is kept as written.
 */
final class GithubWorkflow {
  static final List<String> TOP =
      List.of("name", "run-name", "on", "permissions", "env", "defaults", "concurrency", "jobs");
  static final List<String> JOB =
      List.of(
          "name",
          "needs",
          "if",
          "runs-on",
          "permissions",
          "environment",
          "concurrency",
          "outputs",
          "env",
          "defaults",
          "timeout-minutes",
          "strategy",
          "continue-on-error",
          "container",
          "services",
          "uses",
          "with",
          "secrets",
          "steps");
  static final List<String> STEP =
      List.of(
          "id",
          "name",
          "if",
          "uses",
          "with",
          "run",
          "shell",
          "working-directory",
          "env",
          "continue-on-error",
          "timeout-minutes");
  static final List<String> STRATEGY = List.of("matrix", "fail-fast", "max-parallel");
  static final List<String> CONTAINER = List.of("image", "env", "volumes", "options");

  /** A service's ports need no mapping: steps reach it by name on the stage's network. */
  static final List<String> SERVICE = List.of("image", "env", "ports", "volumes", "options");

  static final List<String> DEFAULTS = List.of("run");
  static final List<String> DEFAULTS_RUN = List.of("shell", "working-directory");

  /** Keys GitHub knows that the model cannot express yet: a problem, never silently dropped. */
  static final List<String> UNSUPPORTED_TOP = List.of();

  static final List<String> CONCURRENCY = List.of("group", "cancel-in-progress");

  static final List<String> UNSUPPORTED_JOB = List.of("concurrency", "uses", "with", "secrets");
  static final List<String> ENVIRONMENT = List.of("name", "url");

  private final YamlFile yaml;
  private final Actions actions;
  private final List<ArtifactSpec> artifacts = new ArrayList<>();

  private GithubWorkflow(YamlFile yaml, Actions actions) {
    this.yaml = yaml;
    this.actions = actions;
  }

  static Pipeline parse(PipelineSource source, Actions actions) {
    YamlFile yaml = new YamlFile(source.fileName());
    String fallbackName = Blocks.stem(source.fileName());
    Node root = yaml.compose(source.text(), fallbackName);
    return new GithubWorkflow(yaml, actions).pipeline(root, fallbackName);
  }

  private record Defaults(Optional<String> shell, Optional<String> workingDirectory) {}

  private Pipeline pipeline(Node root, String fallbackName) {
    Map<String, Entry> top = yaml.mapping(root, "workflow", TOP);
    // GitHub's name is a display name; the pipeline's name must be an identifier, so it comes from
    // the file name (as GitHub does when name is absent) and the display name becomes the
    // description.
    String name = fallbackName;
    String description =
        Optional.ofNullable(top.get("name"))
            .flatMap(n -> yaml.text(n.value(), "workflow name"))
            .orElse("");
    unsupported(top, UNSUPPORTED_TOP, "workflow");
    Map<String, String> env = Blocks.optionalMap(yaml, top, "env", "workflow");
    Defaults defaults =
        defaults(top.get("defaults"), "workflow", new Defaults(Optional.empty(), Optional.empty()));
    List<Trigger> triggers = new ArrayList<>();
    List<Parameter> parameters = new ArrayList<>();
    if (top.containsKey("on")) {
      Blocks.triggers(yaml, top.get("on").value(), triggers, parameters);
    } else {
      yaml.problem(root, "workflow", "has no on:", "add on: [push] or the events that start it");
    }
    List<Stage> stages = new ArrayList<>();
    Entry jobsEntry = top.get("jobs");
    if (jobsEntry == null) {
      yaml.problem(root, "workflow", "has no jobs", "add jobs: with at least one job");
    } else {
      Map<String, Entry> jobs = yaml.mapping(jobsEntry.value(), "jobs", List.of());
      // Stages are named by job id: needs: and needs.<job>.outputs refer to jobs by id.
      List<String> jobIds = List.copyOf(jobs.keySet());
      for (Entry job : jobs.values()) {
        job(job, jobIds, defaults).ifPresent(stages::add);
      }
    }
    Optional<Concurrency> concurrency =
        Optional.ofNullable(top.get("concurrency")).flatMap(this::concurrency);
    yaml.throwIfProblems(name);
    return new Pipeline(
        name,
        description,
        parameters,
        env,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        stages,
        PostActions.none(),
        artifacts,
        List.of(),
        List.of(),
        triggers,
        Optional.empty(),
        concurrency,
        Set.of(),
        yaml.at(root));
  }

  private void unsupported(Map<String, Entry> keys, List<String> unsupported, String subject) {
    for (String key : unsupported) {
      Entry entry = keys.get(key);
      if (entry != null) {
        yaml.problem(
            entry.keyNode(),
            subject,
            "uses " + key + ", which Chengis does not support yet",
            "remove it to run this workflow on Chengis");
      }
    }
  }

  private Defaults defaults(Entry entry, String subject, Defaults inherited) {
    if (entry == null) {
      return inherited;
    }
    Entry run = yaml.mapping(entry.value(), subject + " defaults", DEFAULTS).get("run");
    if (run == null) {
      return inherited;
    }
    Map<String, Entry> keys = yaml.mapping(run.value(), subject + " defaults.run", DEFAULTS_RUN);
    return new Defaults(
        Blocks.optionalString(yaml, keys, "shell", subject + " defaults.run").or(inherited::shell),
        Blocks.optionalString(yaml, keys, "working-directory", subject + " defaults.run")
            .or(inherited::workingDirectory));
  }

  private Optional<Stage> job(Entry job, List<String> jobIds, Defaults workflowDefaults) {
    String subject = "job \"" + job.key() + "\"";
    Map<String, Entry> keys = yaml.mapping(job.value(), subject, JOB);
    unsupported(keys, UNSUPPORTED_JOB, subject);
    if (keys.containsKey("name")) {
      yaml.text(keys.get("name").value(), subject + " name");
    }
    List<String> dependsOn = new ArrayList<>();
    Entry needs = keys.get("needs");
    if (needs != null) {
      for (String id : yaml.strings(needs.value(), subject + " needs")) {
        if (!jobIds.contains(id)) {
          yaml.problem(
              needs.value(),
              subject,
              "needs unknown job \"" + id + "\"",
              "use a job id; the jobs are: " + String.join(", ", jobIds));
        } else {
          dependsOn.add(id);
        }
      }
    }
    Condition condition =
        Optional.ofNullable(keys.get("if"))
            .flatMap(c -> yaml.string(c.value(), subject + " if"))
            .<Condition>map(Condition.Expression::new)
            .orElse(Condition.ALWAYS);
    Set<String> labels = new LinkedHashSet<>();
    Entry runsOn = keys.get("runs-on");
    if (runsOn == null) {
      if (!keys.containsKey("uses") && job.value() instanceof MappingNode) {
        yaml.problem(job.value(), subject, "has no runs-on", "add runs-on: ubuntu-latest");
      }
    } else if (runsOn.value() instanceof MappingNode) {
      Map<String, Entry> group =
          yaml.mapping(runsOn.value(), subject + " runs-on", List.of("group", "labels"));
      if (group.containsKey("group")) {
        yaml.problem(
            group.get("group").keyNode(),
            subject + " runs-on",
            "uses group, which Chengis does not support yet",
            "list the agent labels instead");
      }
      if (group.containsKey("labels")) {
        labels.addAll(yaml.strings(group.get("labels").value(), subject + " runs-on.labels"));
      }
    } else {
      labels.addAll(yaml.strings(runsOn.value(), subject + " runs-on"));
    }
    Map<String, String> env = Blocks.optionalMap(yaml, keys, "env", subject);
    environment(keys.get("environment"), subject).ifPresent(e -> env.put("CHENGIS_ENVIRONMENT", e));
    Map<String, String> outputs = Blocks.optionalMap(yaml, keys, "outputs", subject);
    Optional<ContainerSpec> container =
        Optional.ofNullable(keys.get("container"))
            .flatMap(
                c -> Blocks.container(yaml, c.value(), subject + " container", CONTAINER, env));
    List<ServiceSpec> services = services(keys.get("services"), subject);
    Optional<Duration> timeout =
        Optional.ofNullable(keys.get("timeout-minutes"))
            .flatMap(t -> yaml.positiveInt(t.value(), subject + " timeout-minutes", "minutes"))
            .map(Duration::ofMinutes);
    // The model has no job-level continue-on-error; every step of the job inherits it instead.
    boolean continueOnError =
        Blocks.optionalBool(yaml, keys, "continue-on-error", subject).orElse(false);
    Optional<Matrix> matrix = Optional.empty();
    Entry strategy = keys.get("strategy");
    if (strategy != null) {
      Map<String, Entry> strategyKeys =
          yaml.mapping(strategy.value(), subject + " strategy", STRATEGY);
      // GitHub's default: a failing instance cancels the rest of the matrix.
      boolean failFast =
          Blocks.optionalBool(yaml, strategyKeys, "fail-fast", subject + " strategy").orElse(true);
      int maxParallel =
          strategyKeys.containsKey("max-parallel")
              ? yaml.positiveInt(
                      strategyKeys.get("max-parallel").value(),
                      subject + " strategy.max-parallel",
                      "jobs")
                  .orElse(0)
              : 0;
      Entry matrixEntry = strategyKeys.get("matrix");
      if (matrixEntry != null) {
        matrix =
            Blocks.matrix(yaml, matrixEntry.value(), subject + " strategy.matrix")
                .map(
                    m ->
                        new Matrix(
                            m.axes(),
                            m.include(),
                            m.exclude(),
                            m.maxCombinations(),
                            m.location(),
                            failFast,
                            maxParallel));
      }
    }
    Defaults defaults = defaults(keys.get("defaults"), subject, workflowDefaults);
    List<Step> steps = new ArrayList<>();
    List<CacheSpec> caches = new ArrayList<>();
    Entry stepsEntry = keys.get("steps");
    if (stepsEntry == null) {
      if (!keys.containsKey("uses") && job.value() instanceof MappingNode) {
        yaml.problem(job.value(), subject, "has no steps", "add steps: with at least one step");
      }
    } else {
      Set<String> names = new HashSet<>();
      int index = 1;
      for (Node node : yaml.sequence(stepsEntry.value(), subject + " steps")) {
        step(node, subject + " step " + index, index, names, defaults, continueOnError, caches)
            .ifPresent(steps::add);
        index++;
      }
    }
    return Optional.of(
        new Stage(
            job.key(),
            dependsOn,
            false,
            false,
            condition,
            container,
            services,
            env,
            steps,
            Optional.empty(),
            caches,
            timeout,
            labels,
            ResourceLimits.none(),
            yaml.at(job.keyNode()),
            matrix,
            outputs));
  }

  /** {@code environment: production} or {@code environment: {name: production, url: ...}}. */
  private Optional<String> environment(Entry entry, String subject) {
    if (entry == null) {
      return Optional.empty();
    }
    if (entry.value() instanceof ScalarNode) {
      return yaml.text(entry.value(), subject + " environment");
    }
    Map<String, Entry> keys = yaml.mapping(entry.value(), subject + " environment", ENVIRONMENT);
    Blocks.optionalString(yaml, keys, "url", subject + " environment");
    Entry name = keys.get("name");
    if (name == null) {
      if (entry.value() instanceof MappingNode) {
        yaml.problem(
            entry.value(), subject + " environment", "has no name", "add name: production");
      }
      return Optional.empty();
    }
    return yaml.text(name.value(), subject + " environment name");
  }

  /** GitHub's {@code services:}: each a container whose environment is its own. */
  private List<ServiceSpec> services(Entry entry, String subject) {
    List<ServiceSpec> services = new ArrayList<>();
    if (entry == null) {
      return services;
    }
    for (Entry service : yaml.mapping(entry.value(), subject + " services", List.of()).values()) {
      Map<String, String> env = new LinkedHashMap<>();
      Blocks.container(
              yaml, service.value(), subject + " service \"" + service.key() + "\"", SERVICE, env)
          .ifPresent(
              spec ->
                  services.add(
                      new ServiceSpec(
                          service.key(),
                          new ContainerSpec(
                              spec.image(),
                              env,
                              spec.volumes(),
                              spec.cacheVolumes(),
                              spec.workdir(),
                              spec.network(),
                              spec.pullPolicy(),
                              spec.extraArgs(),
                              spec.user(),
                              spec.resources(),
                              spec.location()),
                          List.of(),
                          yaml.at(service.keyNode()))));
    }
    return services;
  }

  private Optional<Step> step(
      Node node,
      String subject,
      int index,
      Set<String> names,
      Defaults defaults,
      boolean jobContinuesOnError,
      List<CacheSpec> caches) {
    Map<String, Entry> keys = yaml.mapping(node, subject, STEP);
    Optional<String> id = Blocks.optionalString(yaml, keys, "id", subject);
    Optional<String> displayName = Blocks.optionalString(yaml, keys, "name", subject);
    String name = id.or(() -> displayName).filter(n -> !n.isBlank()).orElse("step-" + index);
    String unique = name;
    for (int n = 2; !names.add(unique); n++) {
      unique = name + "-" + n;
    }
    Entry run = keys.get("run");
    Entry uses = keys.get("uses");
    StepAction action = null;
    if (run != null && uses != null) {
      yaml.problem(uses.keyNode(), subject, "has both run and uses", "split it into two steps");
    } else if (run != null) {
      Optional<String> shell =
          Blocks.optionalString(yaml, keys, "shell", subject).or(defaults::shell);
      action =
          yaml.string(run.value(), subject + " run")
              .map(command -> new StepAction.Shell(command, shell))
              .orElse(null);
    } else if (uses != null) {
      Optional<String> actionName = yaml.text(uses.value(), subject + " uses");
      Map<String, String> with = Blocks.optionalMap(yaml, keys, "with", subject);
      if (keys.containsKey("shell")) {
        yaml.problem(
            keys.get("shell").keyNode(),
            subject,
            "sets shell on a uses step",
            "remove shell; it applies to run steps");
      }
      if (actionName.isPresent()) {
        Actions.Mapped mapped =
            actions.map(yaml, uses.value(), keys.get("with"), subject, actionName.get(), with);
        caches.addAll(mapped.caches());
        artifacts.addAll(mapped.artifacts());
        action = mapped.action().orElse(null);
      }
    } else if (node instanceof MappingNode) {
      yaml.problem(
          node,
          subject,
          "has neither run nor uses",
          "add run: ./mvnw -B verify or uses: actions/checkout@v4");
    }
    if (run != null && keys.containsKey("with")) {
      yaml.problem(
          keys.get("with").keyNode(),
          subject,
          "sets with on a run step",
          "remove with; it passes inputs to uses steps");
    }
    Map<String, String> env = Blocks.optionalMap(yaml, keys, "env", subject);
    Optional<String> workingDir =
        Blocks.optionalString(yaml, keys, "working-directory", subject)
            .or(() -> run != null ? defaults.workingDirectory() : Optional.empty());
    Optional<Duration> timeout =
        Optional.ofNullable(keys.get("timeout-minutes"))
            .flatMap(t -> yaml.positiveInt(t.value(), subject + " timeout-minutes", "minutes"))
            .map(Duration::ofMinutes);
    boolean continueOnError =
        Blocks.optionalBool(yaml, keys, "continue-on-error", subject).orElse(jobContinuesOnError);
    Condition condition =
        Optional.ofNullable(keys.get("if"))
            .flatMap(c -> yaml.string(c.value(), subject + " if"))
            .<Condition>map(Condition.Expression::new)
            .orElse(Condition.ALWAYS);
    if (action == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Step(
            unique,
            action,
            env,
            workingDir,
            timeout,
            condition,
            RetryPolicy.none(),
            continueOnError,
            List.of(),
            yaml.at(node)));
  }

  private Optional<Concurrency> concurrency(Entry entry) {
    String subject = "workflow concurrency";
    if (entry.value() instanceof ScalarNode) {
      return yaml.text(entry.value(), subject)
          .map(group -> new Concurrency(group, Concurrency.OnConflict.QUEUE));
    }
    Map<String, Entry> keys = yaml.mapping(entry.value(), subject, CONCURRENCY);
    boolean cancel = Blocks.optionalBool(yaml, keys, "cancel-in-progress", subject).orElse(false);
    Entry group = keys.get("group");
    if (group == null) {
      if (entry.value() instanceof MappingNode) {
        yaml.problem(entry.value(), subject, "has no group", "add group: ${{ github.ref }}");
      }
      return Optional.empty();
    }
    return yaml.text(group.value(), subject + " group")
        .map(
            key ->
                new Concurrency(
                    key,
                    cancel ? Concurrency.OnConflict.CANCEL_RUNNING : Concurrency.OnConflict.QUEUE));
  }
}
