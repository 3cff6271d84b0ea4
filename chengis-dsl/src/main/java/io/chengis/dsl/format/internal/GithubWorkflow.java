package io.chengis.dsl.format.internal;

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

  static final List<String> UNSUPPORTED_JOB =
      List.of("environment", "concurrency", "outputs", "uses", "with", "secrets");

  private final YamlFile yaml;

  private GithubWorkflow(YamlFile yaml) {
    this.yaml = yaml;
  }

  static Pipeline parse(PipelineSource source) {
    YamlFile yaml = new YamlFile(source.fileName());
    String fallbackName = Blocks.stem(source.fileName());
    Node root = yaml.compose(source.text(), fallbackName);
    return new GithubWorkflow(yaml).pipeline(root, fallbackName);
  }

  private record Defaults(Optional<String> shell, Optional<String> workingDirectory) {}

  private record MatrixUse(Matrix matrix, String job, Node node) {}

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
    List<MatrixUse> matrices = new ArrayList<>();
    List<Entry> jobsWithoutMatrix = new ArrayList<>();
    Entry jobsEntry = top.get("jobs");
    if (jobsEntry == null) {
      yaml.problem(root, "workflow", "has no jobs", "add jobs: with at least one job");
    } else {
      Map<String, Entry> jobs = yaml.mapping(jobsEntry.value(), "jobs", List.of());
      Map<String, String> stageNames = new LinkedHashMap<>();
      for (Entry job : jobs.values()) {
        Map<String, Entry> keys = yaml.mapping(job.value(), "job \"" + job.key() + "\"", List.of());
        String stageName =
            Optional.ofNullable(keys.get("name"))
                .filter(
                    n ->
                        n.value() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode
                            && !YamlFile.isNull(n.value()))
                .map(n -> ((org.snakeyaml.engine.v2.nodes.ScalarNode) n.value()).getValue())
                .filter(n -> !n.isBlank())
                .orElse(job.key());
        stageNames.put(job.key(), stageName);
      }
      for (Entry job : jobs.values()) {
        int before = matrices.size();
        job(job, stageNames, defaults, matrices).ifPresent(stages::add);
        if (matrices.size() == before) {
          jobsWithoutMatrix.add(job);
        }
      }
    }
    Optional<Matrix> matrix = pipelineMatrix(matrices, jobsWithoutMatrix);
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
        matrix,
        stages,
        PostActions.none(),
        List.of(),
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

  private Optional<Stage> job(
      Entry job,
      Map<String, String> stageNames,
      Defaults workflowDefaults,
      List<MatrixUse> matrices) {
    String subject = "job \"" + job.key() + "\"";
    Map<String, Entry> keys = yaml.mapping(job.value(), subject, JOB);
    unsupported(keys, UNSUPPORTED_JOB, subject);
    if (keys.containsKey("name")) {
      yaml.text(keys.get("name").value(), subject + " name");
    }
    List<String> dependsOn = new ArrayList<>();
    Entry needs = keys.get("needs");
    if (needs != null) {
      List<String> jobIds = yaml.strings(needs.value(), subject + " needs");
      for (String id : jobIds) {
        String stageName = stageNames.get(id);
        if (stageName == null) {
          yaml.problem(
              needs.value(),
              subject,
              "needs unknown job \"" + id + "\"",
              "use a job id; the jobs are: " + String.join(", ", stageNames.keySet()));
        } else {
          dependsOn.add(stageName);
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
    Entry strategy = keys.get("strategy");
    if (strategy != null) {
      Map<String, Entry> strategyKeys =
          yaml.mapping(strategy.value(), subject + " strategy", STRATEGY);
      Blocks.optionalBool(yaml, strategyKeys, "fail-fast", subject + " strategy");
      if (strategyKeys.containsKey("max-parallel")) {
        yaml.positiveInt(
            strategyKeys.get("max-parallel").value(), subject + " strategy.max-parallel", "jobs");
      }
      Entry matrixEntry = strategyKeys.get("matrix");
      if (matrixEntry != null) {
        Blocks.matrix(yaml, matrixEntry.value(), subject + " strategy.matrix")
            .ifPresent(m -> matrices.add(new MatrixUse(m, job.key(), matrixEntry.value())));
      }
    }
    Defaults defaults = defaults(keys.get("defaults"), subject, workflowDefaults);
    List<Step> steps = new ArrayList<>();
    Entry stepsEntry = keys.get("steps");
    if (stepsEntry == null) {
      if (!keys.containsKey("uses") && job.value() instanceof MappingNode) {
        yaml.problem(job.value(), subject, "has no steps", "add steps: with at least one step");
      }
    } else {
      Set<String> names = new HashSet<>();
      int index = 1;
      for (Node node : yaml.sequence(stepsEntry.value(), subject + " steps")) {
        step(node, subject + " step " + index, index, names, defaults, continueOnError)
            .ifPresent(steps::add);
        index++;
      }
    }
    return Optional.of(
        new Stage(
            stageNames.get(job.key()),
            dependsOn,
            false,
            false,
            condition,
            container,
            services,
            env,
            steps,
            Optional.empty(),
            List.of(),
            timeout,
            labels,
            ResourceLimits.none(),
            yaml.at(job.keyNode())));
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
      boolean jobContinuesOnError) {
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
      Map<String, String> config = new LinkedHashMap<>();
      Optional<String> actionName = yaml.text(uses.value(), subject + " uses");
      actionName.ifPresent(a -> config.put("action", a));
      Blocks.optionalMap(yaml, keys, "with", subject)
          .forEach((key, value) -> config.put("with." + key, value));
      if (keys.containsKey("shell")) {
        yaml.problem(
            keys.get("shell").keyNode(),
            subject,
            "sets shell on a uses step",
            "remove shell; it applies to run steps");
      }
      action = actionName.isPresent() ? new StepAction.PluginStep("uses", config) : null;
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

  /**
   * One matrix for the whole pipeline, when every job has the same. The engine runs every stage
   * once per combination, so a job without the matrix would silently run several times: a problem.
   */
  private Optional<Matrix> pipelineMatrix(List<MatrixUse> matrices, List<Entry> jobsWithoutMatrix) {
    if (matrices.isEmpty()) {
      return Optional.empty();
    }
    MatrixUse first = matrices.getFirst();
    for (Entry job : jobsWithoutMatrix) {
      yaml.problem(
          job.keyNode(),
          "job \"" + job.key() + "\"",
          "has no strategy.matrix while job \""
              + first.job()
              + "\" has one (at "
              + first.matrix().location()
              + "); the matrix applies to every job, so this job would run once per combination;"
              + " mixing matrix and non-matrix jobs is not supported yet",
          "give it the same matrix, or move it to its own workflow file");
    }
    for (MatrixUse other : matrices.subList(1, matrices.size())) {
      if (!sameMatrix(first.matrix(), other.matrix())) {
        yaml.problem(
            other.node(),
            "job \"" + other.job() + "\" strategy.matrix",
            "differs from the matrix of job \""
                + first.job()
                + "\" (at "
                + first.matrix().location()
                + "); per-job matrices that differ between jobs are not supported yet",
            "give every matrix job the same matrix, or split the workflow into one file per matrix");
      }
    }
    return Optional.of(first.matrix());
  }

  private static boolean sameMatrix(Matrix a, Matrix b) {
    return a.axes().equals(b.axes())
        && a.include().equals(b.include())
        && a.exclude().equals(b.exclude());
  }
}
