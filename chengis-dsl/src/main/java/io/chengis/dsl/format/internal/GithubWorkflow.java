package io.chengis.dsl.format.internal;

import io.chengis.api.ArtifactSpec;
import io.chengis.api.CacheSpec;
import io.chengis.api.Concurrency;
import io.chengis.api.Condition;
import io.chengis.api.ContainerSpec;
import io.chengis.api.CrashPolicy;
import io.chengis.api.Matrix;
import io.chengis.api.Parameter;
import io.chengis.api.Pipeline;
import io.chengis.api.PostActions;
import io.chengis.api.ResourceLimits;
import io.chengis.api.RetryPolicy;
import io.chengis.api.ServiceSpec;
import io.chengis.api.Stage;
import io.chengis.api.StageOrder;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import io.chengis.api.Trigger;
import io.chengis.api.spi.PipelineSource;
import io.chengis.dsl.expression.Contexts;
import io.chengis.dsl.expression.ExpressionException;
import io.chengis.dsl.expression.MatrixExpressions;
import io.chengis.dsl.expression.Templates;
import io.chengis.dsl.expression.Value;
import io.chengis.dsl.expression.internal.ContextRewriter;
import io.chengis.dsl.format.internal.YamlFile.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  static final List<String> UNSUPPORTED_JOB = List.of();

  /** What a job that calls a reusable workflow may set besides {@code uses}. */
  static final List<String> CALLING_JOB =
      List.of("name", "needs", "if", "permissions", "concurrency", "uses", "with", "secrets");

  static final List<String> WORKFLOW_CALL = List.of("inputs", "secrets", "outputs");
  static final List<String> CALL_INPUT = List.of("description", "required", "default", "type");
  static final List<String> CALL_SECRET = List.of("description", "required");
  static final List<String> CALL_OUTPUT = List.of("description", "value");
  static final List<String> ENVIRONMENT = List.of("name", "url");

  private final YamlFile yaml;
  private final Actions actions;
  private final List<ArtifactSpec> artifacts;

  /** The directory that holds {@code .github}, when the file lies in one. */
  private final Optional<Path> repository;

  /** The workflow files being read, the outermost first: a call to one of them is a cycle. */
  private final List<Path> calls;

  /** The workflow's {@code env} and inputs: what a matrix expression may read at parse time. */
  private Map<String, String> workflowEnv = Map.of();

  private List<Parameter> parameters = List.of();

  private GithubWorkflow(
      YamlFile yaml,
      Actions actions,
      List<ArtifactSpec> artifacts,
      Optional<Path> repository,
      List<Path> calls) {
    this.yaml = yaml;
    this.actions = actions;
    this.artifacts = artifacts;
    this.repository = repository;
    this.calls = calls;
  }

  static Pipeline parse(PipelineSource source, Actions actions) {
    YamlFile yaml = new YamlFile(source.fileName());
    String fallbackName = Blocks.stem(source.fileName());
    Node root = yaml.compose(source.text(), fallbackName);
    Path file = Path.of(source.fileName().replace('\\', '/')).toAbsolutePath().normalize();
    Optional<Path> repository = Optional.empty();
    for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
      if (dir.getFileName() != null && dir.getFileName().toString().equals(".github")) {
        repository = Optional.ofNullable(dir.getParent());
        break;
      }
    }
    return new GithubWorkflow(yaml, actions, new ArrayList<>(), repository, List.of(file))
        .pipeline(root, fallbackName);
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
    this.workflowEnv = env;
    this.parameters = parameters;
    List<Stage> stages = new ArrayList<>();
    Entry jobsEntry = top.get("jobs");
    if (jobsEntry == null) {
      yaml.problem(root, "workflow", "has no jobs", "add jobs: with at least one job");
    } else {
      stages.addAll(jobs(jobsEntry, defaults));
    }
    Optional<Concurrency> concurrency =
        Optional.ofNullable(top.get("concurrency"))
            .flatMap(c -> concurrency(c, "workflow concurrency"));
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
        yaml.at(root),
        // GitHub runs jobs without needs side by side.
        StageOrder.DEPENDENCIES,
        CrashPolicy.fail());
  }

  /** Every job of a {@code jobs:} mapping as stages; a job that calls a workflow as several. */
  private List<Stage> jobs(Entry jobsEntry, Defaults defaults) {
    List<Stage> stages = new ArrayList<>();
    Map<String, Entry> jobs = yaml.mapping(jobsEntry.value(), "jobs", List.of());
    // Stages are named by job id: needs: and needs.<job>.outputs refer to jobs by id.
    List<String> jobIds = List.copyOf(jobs.keySet());
    for (Entry job : jobs.values()) {
      if (job.value() instanceof MappingNode mapping
          && mapping.getValue().stream()
              .anyMatch(
                  t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("uses"))) {
        stages.addAll(call(job, jobIds));
      } else {
        job(job, jobIds, defaults).ifPresent(stages::add);
      }
    }
    return stages;
  }

  /** {@code if:} of a job or step, kept as written; without it, always. */
  private Condition condition(Map<String, Entry> keys, String subject) {
    return Optional.ofNullable(keys.get("if"))
        .flatMap(c -> yaml.string(c.value(), subject + " if"))
        .<Condition>map(Condition.Expression::new)
        .orElse(Condition.ALWAYS);
  }

  private List<String> needs(Map<String, Entry> keys, List<String> jobIds, String subject) {
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
    return dependsOn;
  }

  /**
   * A job with {@code uses: ./.github/workflows/x.yml}: the called workflow's jobs inlined as
   * {@code <job>/<called job>} stages, then a stage named after the job that publishes the called
   * workflow's outputs.
   */
  private List<Stage> call(Entry job, List<String> jobIds) {
    String subject = "job \"" + job.key() + "\"";
    Map<String, Entry> keys = yaml.mapping(job.value(), subject, JOB);
    for (Map.Entry<String, Entry> key : keys.entrySet()) {
      if (!CALLING_JOB.contains(key.getKey())) {
        yaml.problem(
            key.getValue().keyNode(),
            subject,
            "sets " + key.getKey() + " beside uses, which a job calling a workflow cannot",
            "move it into the jobs of the called workflow");
      }
    }
    if (keys.containsKey("name")) {
      yaml.text(keys.get("name").value(), subject + " name");
    }
    List<String> dependsOn = needs(keys, jobIds, subject);
    Condition condition = condition(keys, subject);
    Optional<Concurrency> concurrency =
        Optional.ofNullable(keys.get("concurrency"))
            .flatMap(c -> concurrency(c, subject + " concurrency"));
    Map<String, String> with = Blocks.optionalMap(yaml, keys, "with", subject);
    boolean inherit = false;
    Map<String, String> secrets = new LinkedHashMap<>();
    Entry secretsEntry = keys.get("secrets");
    if (secretsEntry != null) {
      if (secretsEntry.value() instanceof ScalarNode scalar
          && scalar.getValue().equals("inherit")) {
        inherit = true;
      } else {
        secrets = yaml.stringMap(secretsEntry.value(), subject + " secrets");
      }
    }
    Entry uses = keys.get("uses");
    Optional<String> target = yaml.text(uses.value(), subject + " uses");
    if (target.isEmpty()) {
      return List.of();
    }
    if (!target.get().startsWith("./")) {
      yaml.problem(
          uses.value(),
          subject,
          "calls the remote workflow \"" + target.get() + "\", which Chengis does not support",
          "copy the workflow into .github/workflows/ of this repository and call it with uses:"
              + " ./.github/workflows/<file>.yml");
      return List.of();
    }
    if (repository.isEmpty()) {
      yaml.problem(
          uses.value(),
          subject,
          "calls \"" + target.get() + "\" from a file outside a .github directory",
          "keep the workflow in .github/workflows/ so that local calls can be found");
      return List.of();
    }
    Path file = repository.get().resolve(target.get().substring(2)).normalize();
    if (!file.startsWith(repository.get())) {
      yaml.problem(
          uses.value(),
          subject,
          "calls \"" + target.get() + "\", which lies outside the repository",
          "call a workflow under .github/workflows/");
      return List.of();
    }
    if (calls.contains(file)) {
      List<String> cycle = new ArrayList<>();
      calls
          .subList(calls.indexOf(file), calls.size())
          .forEach(p -> cycle.add(repository.get().relativize(p).toString()));
      cycle.add(repository.get().relativize(file).toString());
      yaml.problem(
          uses.value(),
          subject,
          "calls workflows in a cycle (" + String.join(" -> ", cycle) + ")",
          "break the cycle; a workflow cannot call itself, directly or through others");
      return List.of();
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException | UncheckedIOException unreadable) {
      yaml.problem(
          uses.value(),
          subject,
          "calls \"" + target.get() + "\", which cannot be read",
          "check the path; it is resolved from the repository root (" + repository.get() + ")");
      return List.of();
    }
    YamlFile calledYaml = new YamlFile(file.toString());
    List<Path> deeper = new ArrayList<>(calls);
    deeper.add(file);
    GithubWorkflow called =
        new GithubWorkflow(calledYaml, actions, artifacts, repository, List.copyOf(deeper));
    Optional<CalledWorkflow> read =
        called.called(calledYaml.compose(text, Blocks.stem(file.toString())));
    yaml.problems().addAll(calledYaml.problems());
    if (read.isEmpty()) {
      return List.of();
    }
    CalledWorkflow workflow = read.get();
    Map<String, String> inputs = new LinkedHashMap<>();
    Entry withEntry = keys.get("with");
    for (String name : with.keySet()) {
      if (workflow.inputs().stream().noneMatch(input -> input.name().equals(name))) {
        yaml.problem(
            withEntry.value(),
            subject + " with",
            "passes input \"" + name + "\", which " + target.get() + " does not declare",
            "declare it under on.workflow_call.inputs or remove it; the inputs are: "
                + String.join(", ", workflow.inputs().stream().map(Parameter::name).toList()));
      }
    }
    for (Parameter input : workflow.inputs()) {
      String value = with.get(input.name());
      if (value == null) {
        if (input.defaultValue().isEmpty()) {
          yaml.problem(
              uses.value(),
              subject,
              "does not pass the required input \"" + input.name() + "\" of " + target.get(),
              "add it under with:");
          continue;
        }
        value = input.defaultValue().get();
      }
      inputs.put(
          input.name(),
          switch (input.type()) {
            case BOOLEAN, NUMBER ->
                value.contains("${{")
                    ? ContextRewriter.asExpression(value)
                    : value.isBlank() ? "null" : "fromJSON(" + ContextRewriter.literal(value) + ")";
            default -> ContextRewriter.asExpression(value);
          });
    }
    Map<String, String> passed = new LinkedHashMap<>();
    secrets.forEach((name, value) -> passed.put(name, ContextRewriter.asExpression(value)));
    for (String name : passed.keySet()) {
      if (!workflow.secrets().contains(name)) {
        yaml.problem(
            secretsEntry.value(),
            subject + " secrets",
            "passes secret \"" + name + "\", which " + target.get() + " does not declare",
            "declare it under on.workflow_call.secrets, remove it, or write secrets: inherit");
      }
    }
    return new WorkflowCall(
            job.key(),
            dependsOn,
            condition,
            concurrency,
            inputs,
            passed,
            inherit,
            workflow.jobs(),
            workflow.env(),
            workflow.outputs(),
            yaml.at(job.keyNode()))
        .inline(workflow.stages());
  }

  /**
   * A matrix written with expressions, expanded now when it reads only literals, {@code inputs}
   * (their defaults) and {@code env}; kept for the engine when it reads {@code needs}.
   */
  private Optional<Matrix> expanded(Matrix matrix, Node at, String subject) {
    if (!matrix.isDeferred()) {
      return Optional.of(matrix);
    }
    Set<String> read = new LinkedHashSet<>();
    for (String template : matrix.expressions().values()) {
      try {
        Templates.expressions(template);
      } catch (ExpressionException broken) {
        yaml.problem(
            at,
            subject,
            "has an expression that does not parse: " + broken.getMessage(),
            "fix the expression");
        return Optional.empty();
      }
      read.addAll(MatrixExpressions.contexts(template));
    }
    Set<String> unknown = new LinkedHashSet<>(read);
    unknown.removeAll(List.of("needs", "stages", "env", "inputs", "params"));
    if (!unknown.isEmpty()) {
      yaml.problem(
          at,
          subject,
          "reads " + String.join(", ", unknown) + ", which is not known when the matrix expands",
          "use literals, inputs, env or needs.<job>.outputs");
      return Optional.empty();
    }
    if (read.contains("needs") || read.contains("stages")) {
      return Optional.of(matrix); // expanded by the engine once the needed jobs have finished
    }
    Map<String, String> defaults = new LinkedHashMap<>();
    parameters.forEach(p -> p.defaultValue().ifPresent(v -> defaults.put(p.name(), v)));
    try {
      return Optional.of(
          MatrixExpressions.resolve(
              matrix,
              Contexts.builder()
                  .env(workflowEnv)
                  .context("inputs", Value.strings(defaults))
                  .build()));
    } catch (ExpressionException broken) {
      yaml.problem(
          at,
          subject,
          "cannot be expanded: " + broken.getMessage(),
          "write the matrix out or fix the expression");
      return Optional.empty();
    }
  }

  /** What a called workflow declares and its jobs, read as stages of its own. */
  private record CalledWorkflow(
      List<Parameter> inputs,
      Set<String> secrets,
      Map<String, String> outputs,
      Map<String, String> env,
      Set<String> jobs,
      List<Stage> stages) {}

  private Optional<CalledWorkflow> called(Node root) {
    Map<String, Entry> top = yaml.mapping(root, "workflow", TOP);
    Entry on = top.get("on");
    Node call = on == null ? null : workflowCall(on.value());
    if (call == null) {
      yaml.problem(
          on == null ? root : on.keyNode(),
          "workflow",
          "is called with uses but has no on: workflow_call",
          "add on: workflow_call: to the called workflow");
      return Optional.empty();
    }
    List<Parameter> inputs = new ArrayList<>();
    Set<String> secrets = new LinkedHashSet<>();
    Map<String, String> outputs = new LinkedHashMap<>();
    workflowCallDeclarations(call, inputs, secrets, outputs);
    Map<String, String> env = Blocks.optionalMap(yaml, top, "env", "workflow");
    this.workflowEnv = env;
    this.parameters = inputs;
    Defaults defaults =
        defaults(top.get("defaults"), "workflow", new Defaults(Optional.empty(), Optional.empty()));
    Entry jobsEntry = top.get("jobs");
    if (jobsEntry == null) {
      yaml.problem(root, "workflow", "has no jobs", "add jobs: with at least one job");
      return Optional.empty();
    }
    Set<String> jobIds =
        new LinkedHashSet<>(yaml.mapping(jobsEntry.value(), "jobs", List.of()).keySet());
    return Optional.of(
        new CalledWorkflow(inputs, secrets, outputs, env, jobIds, jobs(jobsEntry, defaults)));
  }

  /** The {@code workflow_call} node of {@code on:}, an empty mapping when it has no settings. */
  private static Node workflowCall(Node on) {
    if (on instanceof ScalarNode scalar) {
      return scalar.getValue().equals("workflow_call") ? scalar : null;
    }
    if (on instanceof org.snakeyaml.engine.v2.nodes.SequenceNode sequence) {
      return sequence.getValue().stream()
          .filter(n -> n instanceof ScalarNode s && s.getValue().equals("workflow_call"))
          .findFirst()
          .orElse(null);
    }
    if (on instanceof MappingNode mapping) {
      for (var tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key
            && key.getValue().equals("workflow_call")) {
          return tuple.getValueNode();
        }
      }
    }
    return null;
  }

  /** Reads {@code on.workflow_call}: its inputs, secret names and outputs. */
  private void workflowCallDeclarations(
      Node call, List<Parameter> inputs, Set<String> secrets, Map<String, String> outputs) {
    if (!(call instanceof MappingNode)) {
      return;
    }
    Map<String, Entry> keys = yaml.mapping(call, "on.workflow_call", WORKFLOW_CALL);
    if (keys.containsKey("inputs")) {
      for (Entry input :
          yaml.mapping(keys.get("inputs").value(), "on.workflow_call.inputs", List.of()).values()) {
        Blocks.parameter(
                yaml,
                input,
                "workflow_call input \"" + input.key() + "\"",
                "string",
                List.of("string", "boolean", "number"),
                CALL_INPUT)
            .ifPresent(inputs::add);
      }
    }
    if (keys.containsKey("secrets")) {
      for (Entry secret :
          yaml.mapping(keys.get("secrets").value(), "on.workflow_call.secrets", List.of())
              .values()) {
        if (secret.value() instanceof MappingNode) {
          yaml.mapping(
              secret.value(), "workflow_call secret \"" + secret.key() + "\"", CALL_SECRET);
        }
        secrets.add(secret.key());
      }
    }
    if (keys.containsKey("outputs")) {
      for (Entry output :
          yaml.mapping(keys.get("outputs").value(), "on.workflow_call.outputs", List.of())
              .values()) {
        String outputSubject = "workflow_call output \"" + output.key() + "\"";
        Map<String, Entry> outputKeys = yaml.mapping(output.value(), outputSubject, CALL_OUTPUT);
        Entry value = outputKeys.get("value");
        if (value == null) {
          if (output.value() instanceof MappingNode) {
            yaml.problem(
                output.value(),
                outputSubject,
                "has no value",
                "add value: ${{ jobs.<job>.outputs.<name> }}");
          }
        } else {
          yaml.string(value.value(), outputSubject + " value")
              .ifPresent(text -> outputs.put(output.key(), text));
        }
      }
    }
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
    List<String> dependsOn = needs(keys, jobIds, subject);
    Condition condition = condition(keys, subject);
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
            Blocks.matrix(yaml, matrixEntry.value(), subject + " strategy.matrix", true)
                .map(
                    m ->
                        new Matrix(
                            m.axes(),
                            m.include(),
                            m.exclude(),
                            m.maxCombinations(),
                            m.location(),
                            failFast,
                            maxParallel,
                            m.expressions()))
                .flatMap(m -> expanded(m, matrixEntry.value(), subject + " strategy.matrix"));
      }
    }
    Optional<Concurrency> concurrency =
        Optional.ofNullable(keys.get("concurrency"))
            .flatMap(c -> concurrency(c, subject + " concurrency"));
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
            outputs,
            Optional.empty(),
            concurrency));
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
    Condition condition = condition(keys, subject);
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

  private Optional<Concurrency> concurrency(Entry entry, String subject) {
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
