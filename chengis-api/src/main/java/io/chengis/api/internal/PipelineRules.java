package io.chengis.api.internal;

import io.chengis.api.ApprovalGate;
import io.chengis.api.ArtifactSpec;
import io.chengis.api.CacheSpec;
import io.chengis.api.Concurrency;
import io.chengis.api.Condition;
import io.chengis.api.ContainerSpec;
import io.chengis.api.CronSchedule;
import io.chengis.api.ImageReference;
import io.chengis.api.Matrix;
import io.chengis.api.Notification;
import io.chengis.api.Parameter;
import io.chengis.api.ParameterType;
import io.chengis.api.PostActions;
import io.chengis.api.Problem;
import io.chengis.api.ResourceLimits;
import io.chengis.api.ResultCacheSpec;
import io.chengis.api.RetryPolicy;
import io.chengis.api.SourceLocation;
import io.chengis.api.SourceSpec;
import io.chengis.api.Stage;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import io.chengis.api.Trigger;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The semantic rules of a pipeline definition, checked all at once. Each rule adds a {@link
 * Problem} in the house shape; nothing here throws for a user mistake.
 */
public final class PipelineRules {
  private static final int MAX_NAME_LENGTH = 100;
  private static final Pattern PIPELINE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern OUTPUT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final Pattern TYPE_KEY = Pattern.compile("[a-z][a-z0-9._-]*");
  private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern NETWORK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private static final Pattern USER =
      Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?");

  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, Parameter> parametersByName = new LinkedHashMap<>();

  private PipelineRules() {}

  /**
   * Checks a pipeline's components.
   *
   * @return every problem found, in declaration order; empty when the definition is valid
   */
  public static List<Problem> check(
      String name,
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
    PipelineRules rules = new PipelineRules();
    String subject = "pipeline " + quote(name);
    if (!PIPELINE_NAME.matcher(name).matches() || name.length() > MAX_NAME_LENGTH) {
      rules.add(
          Problem.of(
              location,
              "pipeline",
              "name is invalid",
              quote(name),
              "use 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"));
    }
    rules.checkParameters(parameters);
    rules.checkEnv(location, subject, env);
    source.ifPresent(rules::checkSource);
    container.ifPresent(spec -> rules.checkContainer(spec, subject));
    matrix.ifPresent(rules::checkMatrix);
    rules.checkTimeout(location, subject, timeout);
    rules.checkLabels(location, subject, labels);
    if (stages.isEmpty()) {
      rules.add(
          Problem.of(
              location,
              subject,
              "has no stages",
              "add at least one stage with steps, or remove the pipeline"));
    }
    rules.checkStages(stages);
    rules.checkPost(post);
    for (ArtifactSpec artifact : artifacts) {
      rules.checkArtifacts(artifact);
    }
    for (CacheSpec cache : caches) {
      rules.checkCache(cache, subject);
    }
    for (Notification notification : notifications) {
      rules.checkNotification(notification);
    }
    for (Trigger trigger : triggers) {
      rules.checkTrigger(trigger);
    }
    concurrency.ifPresent(
        group -> {
          if (group.key().isBlank()) {
            rules.add(
                Problem.of(
                    location,
                    subject,
                    "concurrency key is blank",
                    quote(group.key()),
                    "name the group, e.g. \"deploy-prod\", or remove the concurrency setting"));
          }
        });
    return List.copyOf(rules.problems);
  }

  private void add(Problem problem) {
    problems.add(problem);
  }

  // --- parameters -------------------------------------------------------------------------------

  private void checkParameters(List<Parameter> parameters) {
    Map<String, Parameter> byEnvName = new HashMap<>();
    for (Parameter parameter : parameters) {
      String subject = "parameter " + quote(parameter.name());
      SourceLocation where = parameter.location();
      if (!PARAMETER_NAME.matcher(parameter.name()).matches()
          || parameter.name().length() > MAX_NAME_LENGTH) {
        add(
            Problem.of(
                where,
                "parameter",
                "name is invalid",
                quote(parameter.name()),
                "start with a letter or '_' and use letters, digits, '_', '.' or '-'"));
      }
      Parameter previous = parametersByName.putIfAbsent(parameter.name(), parameter);
      if (previous != null) {
        add(
            Problem.of(
                where,
                subject,
                "is declared twice (first at " + previous.location() + ")",
                "remove or rename one of them"));
        continue;
      }
      Parameter clash = byEnvName.putIfAbsent(parameter.envName(), parameter);
      if (clash != null) {
        add(
            Problem.of(
                where,
                subject,
                "collides with parameter "
                    + quote(clash.name())
                    + " (declared at "
                    + clash.location()
                    + "): both become "
                    + parameter.envName(),
                "rename one of them so their PARAM_ variables differ"));
      }
      checkParameterValues(parameter, subject, where);
    }
  }

  private void checkParameterValues(Parameter parameter, String subject, SourceLocation where) {
    if (parameter.type() == ParameterType.CHOICE) {
      if (parameter.choices().isEmpty()) {
        add(
            Problem.of(
                where,
                subject,
                "is a choice without choices",
                "list the allowed values, e.g. choice(\"env\", \"dev\", \"prod\")"));
      }
      Set<String> seen = new HashSet<>();
      for (String choice : parameter.choices()) {
        if (!seen.add(choice)) {
          add(
              Problem.of(
                  where, subject, "lists a choice twice", quote(choice), "list each value once"));
        }
      }
    } else if (!parameter.choices().isEmpty()) {
      add(
          Problem.of(
              where,
              subject,
              "has choices but is of type " + parameter.type(),
              parameter.choices(),
              "make it a choice parameter or remove the choices"));
    }
    parameter
        .defaultValue()
        .ifPresent(
            value ->
                parameter
                    .check(value)
                    .ifPresent(
                        problem ->
                            add(
                                Problem.of(
                                    where,
                                    subject,
                                    "default " + problem,
                                    quote(value),
                                    "change the default to an allowed value or remove it"))));
  }

  // --- stages and steps
  // ---------------------------------------------------------------------------

  private void checkStages(List<Stage> stages) {
    Map<String, Stage> byName = new LinkedHashMap<>();
    for (Stage stage : stages) {
      Stage previous = byName.putIfAbsent(stage.name(), stage);
      if (previous != null) {
        add(
            Problem.of(
                stage.location(),
                "stage " + quote(stage.name()),
                "is declared twice (first at " + previous.location() + ")",
                "give every stage a unique name"));
      }
    }
    for (Stage stage : stages) {
      checkStage(stage, byName);
    }
    checkCycles(stages, byName);
  }

  private void checkStage(Stage stage, Map<String, Stage> byName) {
    String subject = "stage " + quote(stage.name());
    SourceLocation where = stage.location();
    checkName(where, "stage", stage.name());
    stage.matrix().ifPresent(this::checkMatrix);
    for (String output : stage.outputs().keySet()) {
      if (output.isBlank()) {
        add(Problem.of(where, subject, "has an output with a blank name", "name the output"));
      }
    }
    if (stage.steps().isEmpty()) {
      add(Problem.of(where, subject, "has no steps", "add at least one step or remove the stage"));
    }
    Set<String> seen = new HashSet<>();
    for (String dependency : stage.dependsOn()) {
      if (!seen.add(dependency)) {
        add(
            Problem.of(
                where,
                subject,
                "lists dependency " + quote(dependency) + " twice",
                "list each dependency once"));
      } else if (dependency.equals(stage.name())) {
        add(
            Problem.of(
                where,
                subject,
                "depends on itself",
                quote(dependency),
                "remove it from dependsOn"));
      } else if (!byName.containsKey(dependency)) {
        add(
            Problem.of(
                where,
                subject,
                "depends on unknown stage " + quote(dependency),
                otherStages(byName.keySet(), stage.name())));
      }
    }
    checkCondition(where, subject, stage.condition());
    stage.container().ifPresent(container -> checkContainer(container, subject));
    checkServices(subject, stage);
    checkEnv(where, subject, stage.env());
    checkSteps(subject, stage.steps());
    stage.approval().ifPresent(approval -> checkApproval(approval, subject));
    for (CacheSpec cache : stage.caches()) {
      checkCache(cache, subject);
    }
    stage.resultCache().ifPresent(spec -> checkResultCache(spec, subject));
    checkTimeout(where, subject, stage.timeout());
    checkLabels(where, subject, stage.labels());
    checkResources(where, subject, stage.resources());
  }

  private void checkResources(SourceLocation where, String subject, ResourceLimits resources) {
    if (!(resources.cpus() >= 0) || Double.isInfinite(resources.cpus())) {
      add(
          Problem.of(
              where,
              subject,
              "CPU limit must be zero (no limit) or positive",
              resources.cpus(),
              "give a positive number of CPUs, e.g. 1.5"));
    }
    if (resources.memoryBytes() < 0) {
      add(
          Problem.of(
              where,
              subject,
              "memory limit must be zero (no limit) or positive",
              resources.memoryBytes(),
              "give the limit in bytes, e.g. 2147483648 for 2 GiB"));
    }
  }

  private void checkSteps(String owner, List<Step> steps) {
    Map<String, Step> byName = new HashMap<>();
    for (Step step : steps) {
      Step previous = byName.putIfAbsent(step.name(), step);
      if (previous != null) {
        add(
            Problem.of(
                step.location(),
                owner + " step " + quote(step.name()),
                "is declared twice (first at " + previous.location() + ")",
                "give every step of a stage a unique name"));
      }
      checkStep(owner, step);
    }
  }

  private void checkStep(String owner, Step step) {
    String subject = owner + " step " + quote(step.name());
    SourceLocation where = step.location();
    checkName(where, owner + " step", step.name());
    switch (step.action()) {
      case StepAction.Shell shell -> {
        if (shell.command().isBlank()) {
          add(Problem.of(where, subject, "has an empty command", "give the command to run"));
        }
        shell
            .shell()
            .filter(String::isBlank)
            .ifPresent(
                blank ->
                    add(
                        Problem.of(
                            where,
                            subject,
                            "names a blank shell",
                            quote(blank),
                            "name a shell such as \"bash\", or leave it out to use the default")));
      }
      case StepAction.Container container -> checkContainer(container.container(), subject);
      case StepAction.Compose compose -> {
        if (compose.service().isBlank()) {
          add(Problem.of(where, subject, "names no Compose service", "name the service to run in"));
        }
        checkWorkspacePath(where, subject, "Compose file", compose.file());
      }
      case StepAction.PluginStep plugin -> {
        if (!TYPE_KEY.matcher(plugin.type()).matches()) {
          add(
              Problem.of(
                  where,
                  subject,
                  "has an invalid plugin type",
                  quote(plugin.type()),
                  "use the lower-case type key the plugin registers, e.g. \"slack\""));
        }
      }
    }
    checkEnv(where, subject, step.env());
    step.workingDir()
        .ifPresent(dir -> checkWorkspacePath(where, subject, "working directory", dir));
    checkTimeout(where, subject, step.timeout());
    checkCondition(where, subject, step.condition());
    checkRetry(where, subject, step.retry());
    Set<String> outputs = new HashSet<>();
    for (String output : step.outputs()) {
      if (!OUTPUT_NAME.matcher(output).matches()) {
        add(
            Problem.of(
                where,
                subject,
                "declares an invalid output name",
                quote(output),
                "start with a letter or '_' and use letters, digits, '_' or '-'"));
      } else if (!outputs.add(output)) {
        add(
            Problem.of(
                where,
                subject,
                "declares output " + quote(output) + " twice",
                "declare each output once"));
      }
    }
  }

  private void checkPost(PostActions post) {
    checkSteps("post always", post.always());
    checkSteps("post onSuccess", post.onSuccess());
    checkSteps("post onFailure", post.onFailure());
    checkSteps("post onCancel", post.onCancel());
  }

  private void checkName(SourceLocation where, String what, String name) {
    if (name.isBlank()) {
      add(Problem.of(where, what, "name is blank", quote(name), "give it a name"));
    } else if (name.length() > MAX_NAME_LENGTH) {
      add(
          Problem.of(
              where,
              what,
              "name is longer than " + MAX_NAME_LENGTH + " characters",
              quote(name),
              "shorten it"));
    } else if (!name.equals(name.strip()) || name.chars().anyMatch(Character::isISOControl)) {
      add(
          Problem.of(
              where,
              what + " " + quote(name),
              "name has surrounding blanks or control characters",
              quote(name),
              "use " + quote(name.strip().replaceAll("\\p{Cntrl}", " "))));
    }
  }

  // --- dependency cycles
  // --------------------------------------------------------------------------

  private void checkCycles(List<Stage> stages, Map<String, Stage> byName) {
    Map<String, Integer> state = new HashMap<>(); // absent = unvisited, 1 = on path, 2 = done
    Set<Set<String>> reported = new HashSet<>();
    for (Stage stage : stages) {
      if (!state.containsKey(stage.name())) {
        visit(stage.name(), byName, state, new ArrayList<>(), reported);
      }
    }
  }

  private void visit(
      String name,
      Map<String, Stage> byName,
      Map<String, Integer> state,
      List<String> path,
      Set<Set<String>> reported) {
    state.put(name, 1);
    path.add(name);
    for (String dependency : byName.get(name).dependsOn()) {
      if (!byName.containsKey(dependency) || dependency.equals(name)) {
        continue; // reported as unknown dependency or self-dependency
      }
      Integer seen = state.get(dependency);
      if (seen == null) {
        visit(dependency, byName, state, path, reported);
      } else if (seen == 1) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(dependency), path.size()));
        if (reported.add(Set.copyOf(cycle))) {
          cycle.add(dependency);
          Stage first = byName.get(dependency);
          add(
              Problem.of(
                  first.location(),
                  "stages "
                      + String.join(" -> ", cycle.stream().map(PipelineRules::quote).toList()),
                  "form a dependency cycle",
                  "remove one of these dependsOn entries so the stages can be ordered"));
        }
      }
    }
    path.remove(path.size() - 1);
    state.put(name, 2);
  }

  // --- conditions, retry, timeouts, env, labels --------------------------------------------------

  private void checkCondition(SourceLocation where, String subject, Condition condition) {
    switch (condition) {
      case Condition.Always always -> {}
      case Condition.Never never -> {}
      case Condition.OnBranch branch -> {
        if (branch.glob().isBlank()) {
          add(
              Problem.of(
                  where,
                  subject,
                  "has a branch condition with a blank glob",
                  quote(branch.glob()),
                  "name a branch or glob, e.g. \"main\" or \"release/**\""));
        }
      }
      case Condition.ParamEquals param -> {
        Parameter parameter = parametersByName.get(param.name());
        if (parameter == null) {
          add(
              Problem.of(
                  where,
                  subject,
                  "has a condition on unknown parameter " + quote(param.name()),
                  parametersByName.isEmpty()
                      ? "declare the parameter in the pipeline"
                      : "declare it or use one of " + quoteAll(parametersByName.keySet())));
        } else {
          parameter
              .check(param.value())
              .ifPresent(
                  problem ->
                      add(
                          Problem.of(
                              where,
                              subject,
                              "compares parameter "
                                  + quote(param.name())
                                  + " to a value that "
                                  + problem,
                              quote(param.value()),
                              "compare to a value the parameter can take")));
        }
      }
      case Condition.Expression expression -> {
        if (expression.source().isBlank()) {
          add(
              Problem.of(
                  where,
                  subject,
                  "has an empty expression condition",
                  "write the expression, e.g. github.event_name == 'push'"));
        }
      }
      case Condition.AllOf all -> all.conditions().forEach(c -> checkCondition(where, subject, c));
      case Condition.AnyOf any -> any.conditions().forEach(c -> checkCondition(where, subject, c));
      case Condition.Not not -> checkCondition(where, subject, not.condition());
      case Condition.ChangedFiles changed -> {
        for (String glob : changed.paths()) {
          checkWorkspacePath(where, subject, "paths glob", glob);
        }
        for (String glob : changed.pathsIgnore()) {
          checkWorkspacePath(where, subject, "pathsIgnore glob", glob);
        }
      }
    }
  }

  private void checkRetry(SourceLocation where, String subject, RetryPolicy retry) {
    if (retry.maxAttempts() < 1) {
      add(
          Problem.of(
              where,
              subject,
              "retry needs at least 1 attempt",
              retry.maxAttempts(),
              "use 1 for no retry, or more"));
    }
    if (retry.initialBackoff().isNegative() || retry.maxBackoff().isNegative()) {
      add(
          Problem.of(
              where,
              subject,
              "retry backoff must not be negative",
              retry.initialBackoff() + "/" + retry.maxBackoff(),
              "use zero or a positive duration"));
    } else if (retry.maxBackoff().compareTo(retry.initialBackoff()) < 0) {
      add(
          Problem.of(
              where,
              subject,
              "retry maximum backoff is shorter than the initial backoff",
              retry.maxBackoff(),
              "make it at least " + retry.initialBackoff()));
    }
    if (!(retry.multiplier() >= 1) || Double.isInfinite(retry.multiplier())) {
      add(
          Problem.of(
              where,
              subject,
              "retry backoff multiplier must be at least 1",
              retry.multiplier(),
              "use 1 for a constant backoff or 2 to double it each time"));
    }
  }

  private void checkTimeout(SourceLocation where, String subject, Optional<Duration> timeout) {
    timeout
        .filter(value -> value.isZero() || value.isNegative())
        .ifPresent(
            value ->
                add(
                    Problem.of(
                        where,
                        subject,
                        "timeout must be positive",
                        value,
                        "remove it to use the default (PT1H for steps) or give a positive"
                            + " duration")));
  }

  private void checkEnv(SourceLocation where, String subject, Map<String, String> env) {
    for (String name : env.keySet()) {
      if (!ENV_NAME.matcher(name).matches()) {
        add(
            Problem.of(
                where,
                subject,
                "has an invalid environment variable name",
                quote(name),
                "use letters, digits and '_', not starting with a digit"));
      }
    }
  }

  private void checkLabels(SourceLocation where, String subject, Set<String> labels) {
    for (String label : labels) {
      if (label.isBlank()) {
        add(Problem.of(where, subject, "has a blank agent label", quote(label), "remove it"));
      }
    }
  }

  // --- containers, approvals, matrix ---------------------------------------------------------

  private void checkContainer(ContainerSpec container, String owner) {
    SourceLocation where = container.location();
    String subject = owner + " container";
    ImageReference.problem(container.image())
        .ifPresent(
            problem ->
                add(
                    Problem.of(
                        where,
                        subject + " image",
                        problem,
                        quote(container.image()),
                        "use a reference such as \"eclipse-temurin:21\" or"
                            + " \"registry.example.com/team/app:1.2\"")));
    checkEnv(where, subject, container.env());
    for (String mount : container.volumes()) {
      mountProblem(mount)
          .ifPresent(
              problem ->
                  add(
                      Problem.of(
                          where,
                          subject,
                          "volume " + problem,
                          quote(mount),
                          "write host:container[:ro|rw], e.g. \"build/cache:/cache:ro\", with an"
                              + " absolute container path")));
    }
    container
        .cacheVolumes()
        .forEach(
            (name, path) -> {
              if (!VOLUME_NAME.matcher(name).matches()) {
                add(
                    Problem.of(
                        where,
                        subject,
                        "cache volume name is invalid",
                        quote(name),
                        "use 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or"
                            + " digit"));
              }
              if (!isContainerPath(path)) {
                add(
                    Problem.of(
                        where,
                        subject,
                        "cache volume " + quote(name) + " mount path must be absolute",
                        quote(path),
                        "give an absolute path inside the container, e.g. \"/root/.m2\""));
              }
            });
    container
        .workdir()
        .filter(dir -> !isContainerPath(dir))
        .ifPresent(
            dir ->
                add(
                    Problem.of(
                        where,
                        subject,
                        "working directory must be an absolute container path",
                        quote(dir),
                        "give an absolute path, e.g. \"/workspace\", or remove it to use the"
                            + " default (/workspace)")));
    container
        .network()
        .filter(network -> !NETWORK_NAME.matcher(network).matches())
        .ifPresent(
            network ->
                add(
                    Problem.of(
                        where,
                        subject,
                        "network name is invalid",
                        quote(network),
                        "use letters, digits, '_', '.' or '-', starting with a letter or digit")));
    container
        .user()
        .filter(user -> !USER.matcher(user).matches())
        .ifPresent(
            user ->
                add(
                    Problem.of(
                        where,
                        subject,
                        "user is invalid",
                        quote(user),
                        "give a user name or uid, optionally with :group or :gid, e.g."
                            + " \"1000:1000\"")));
    checkResources(where, subject, container.resources());
  }

  /** What is wrong with a bind mount {@code host:container[:ro|rw]}, or empty when it is valid. */
  private static Optional<String> mountProblem(String mount) {
    if (mount.chars().anyMatch(Character::isISOControl)) {
      return Optional.of("contains a control character");
    }
    String[] parts = mount.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      return Optional.of("is not host:container[:options]");
    }
    if (parts[0].isBlank()) {
      return Optional.of("has no host path");
    }
    if (!isContainerPath(parts[1])) {
      return Optional.of("container path must be absolute");
    }
    if (parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw")) {
      return Optional.of("option " + quote(parts[2]) + " is not ro or rw");
    }
    return Optional.empty();
  }

  private static boolean isContainerPath(String path) {
    return path.startsWith("/") && !path.contains("\u0000") && !path.contains(":");
  }

  private void checkServices(String owner, Stage stage) {
    Set<String> seen = new HashSet<>();
    for (io.chengis.api.ServiceSpec service : stage.services()) {
      String subject = owner + " service " + quote(service.name());
      if (!SERVICE_NAME.matcher(service.name()).matches()) {
        add(
            Problem.of(
                service.location(),
                subject,
                "name is not a valid host name",
                quote(service.name()),
                "use 1 to 63 lower-case letters, digits and '-', starting with a letter"));
      } else if (!seen.add(service.name())) {
        add(
            Problem.of(
                service.location(),
                subject,
                "is declared twice",
                "give each service of a stage its own name"));
      }
      checkContainer(service.container(), subject);
    }
  }

  private void checkApproval(ApprovalGate approval, String owner) {
    String subject = owner + " approval";
    SourceLocation where = approval.location();
    if (approval.minApprovals() < 1) {
      add(
          Problem.of(
              where,
              subject,
              "needs at least 1 approval",
              approval.minApprovals(),
              "require 1 or more approvals"));
    } else if (approval.roles().isEmpty()
        && !approval.approvers().isEmpty()
        && approval.minApprovals() > approval.approvers().size()) {
      add(
          Problem.of(
              where,
              subject,
              "needs more approvals than it lists approvers " + approval.approvers(),
              approval.minApprovals(),
              "require at most " + approval.approvers().size() + " or list more approvers"));
    }
    checkTimeout(where, subject, approval.timeout());
  }

  private void checkMatrix(Matrix matrix) {
    SourceLocation where = matrix.location();
    if (matrix.maxParallel() < 0) {
      add(
          Problem.of(
              where,
              "matrix",
              "max-parallel must not be negative",
              matrix.maxParallel(),
              "give a positive number, or leave it out for no limit"));
    }
    if (matrix.axes().isEmpty() && matrix.include().isEmpty() && !matrix.isDeferred()) {
      add(Problem.of(where, "matrix", "has no axes", "add an axis or remove the matrix"));
    }
    for (Map.Entry<String, List<String>> axis : matrix.axes().entrySet()) {
      String subject = "matrix axis " + quote(axis.getKey());
      if (!PARAMETER_NAME.matcher(axis.getKey()).matches()) {
        add(
            Problem.of(
                where,
                "matrix axis",
                "name is invalid",
                quote(axis.getKey()),
                "start with a letter or '_' and use letters, digits, '_', '.' or '-'"));
      }
      if (axis.getValue().isEmpty()) {
        add(Problem.of(where, subject, "has no values", "add values or remove the axis"));
      }
      Set<String> seen = new HashSet<>();
      for (String value : axis.getValue()) {
        if (!seen.add(value)) {
          add(Problem.of(where, subject, "lists a value twice", quote(value), "list it once"));
        }
      }
    }
    for (Map<String, String> rule : matrix.exclude()) {
      for (String key : rule.keySet()) {
        if (!matrix.axes().containsKey(key) && !matrix.isDeferred()) {
          add(
              Problem.of(
                  where,
                  "matrix exclude " + rule,
                  "names unknown axis " + quote(key),
                  "use one of " + quoteAll(matrix.axes().keySet())));
        }
      }
    }
    if (matrix.maxCombinations() < 1) {
      add(
          Problem.of(
              where,
              "matrix",
              "maximum combinations must be positive",
              matrix.maxCombinations(),
              "remove it to use the default (" + Matrix.DEFAULT_MAX_COMBINATIONS + ")"));
    } else if (matrix.axes().values().stream().noneMatch(List::isEmpty)) {
      BigInteger count = MatrixSize.count(matrix);
      if (count.compareTo(BigInteger.valueOf(matrix.maxCombinations())) > 0) {
        add(
            Problem.of(
                where,
                "matrix",
                "has more combinations than its maximum " + matrix.maxCombinations(),
                count,
                "exclude combinations, remove axis values or raise the maximum"));
      }
    }
  }

  // --- source, caches, artifacts, notifications, triggers ------------------------------------

  private void checkSource(SourceSpec source) {
    SourceLocation where = source.location();
    if (source.url().isBlank()) {
      add(Problem.of(where, "source", "has a blank URL", "give the repository's clone URL"));
    }
    if (source.depth() < 0) {
      add(
          Problem.of(
              where,
              "source",
              "depth must not be negative",
              source.depth(),
              "use 0 for the full history or a positive depth for a shallow clone"));
    }
    source
        .ref()
        .filter(String::isBlank)
        .ifPresent(
            ref ->
                add(
                    Problem.of(
                        where,
                        "source",
                        "ref is blank",
                        quote(ref),
                        "name a branch, tag or commit, or leave it out for the default branch")));
    source
        .credentials()
        .filter(secret -> !ENV_NAME.matcher(secret.name()).matches())
        .ifPresent(
            secret ->
                add(
                    Problem.of(
                        where,
                        "source credentials",
                        "name an invalid secret",
                        quote(secret.name()),
                        "use the secret's name: letters, digits and '_'")));
    for (String glob : source.paths()) {
      checkWorkspacePath(where, "source", "paths glob", glob);
    }
    for (String glob : source.pathsIgnore()) {
      checkWorkspacePath(where, "source", "pathsIgnore glob", glob);
    }
  }

  private void checkCache(CacheSpec cache, String owner) {
    SourceLocation where = cache.location();
    String subject = owner + " cache " + quote(cache.key());
    if (cache.key().isBlank()) {
      add(
          Problem.of(
              where,
              owner + " cache",
              "key is blank",
              "give a key, e.g. \"maven-${{ hashFiles('**/pom.xml') }}\""));
    }
    if (cache.paths().isEmpty()) {
      add(Problem.of(where, subject, "has no paths", "list the paths to cache"));
    }
    for (String path : cache.paths()) {
      checkWorkspacePath(where, subject, "path", path);
    }
  }

  private void checkResultCache(ResultCacheSpec spec, String owner) {
    String subject = owner + " result cache";
    for (String input : spec.inputs()) {
      checkWorkspacePath(spec.location(), subject, "input", input);
    }
    for (String output : spec.outputs()) {
      checkWorkspacePath(spec.location(), subject, "output", output);
    }
  }

  private void checkArtifacts(ArtifactSpec artifacts) {
    SourceLocation where = artifacts.location();
    if (artifacts.globs().isEmpty()) {
      add(
          Problem.of(
              where, "artifacts", "list no globs", "list the files to keep, e.g. target/*.jar"));
    }
    for (String glob : artifacts.globs()) {
      checkWorkspacePath(where, "artifacts", "glob", glob);
    }
    for (String glob : artifacts.excludes()) {
      checkWorkspacePath(where, "artifacts", "exclude", glob);
    }
  }

  private void checkNotification(Notification notification) {
    if (!TYPE_KEY.matcher(notification.type()).matches()) {
      add(
          Problem.of(
              notification.location(),
              "notification",
              "type is invalid",
              quote(notification.type()),
              "use the notifier's lower-case type key, e.g. \"slack\" or \"email\""));
    }
  }

  private void checkTrigger(Trigger trigger) {
    switch (trigger) {
      case Trigger.Cron cron ->
          CronSchedule.problem(cron.expression())
              .ifPresent(
                  problem ->
                      add(
                          Problem.of(
                              cron.location(),
                              "cron trigger",
                              problem,
                              quote(cron.expression()),
                              "use five fields (minute hour day-of-month month day-of-week),"
                                  + " e.g. \"0 2 * * 1-5\", or a macro such as \"@daily\"")));
      case Trigger.Push push -> {
        checkGlobs(push.location(), "push trigger", push.branches());
        checkGlobs(push.location(), "push trigger", push.branchesIgnore());
        checkGlobs(push.location(), "push trigger", push.tags());
        checkGlobs(push.location(), "push trigger", push.tagsIgnore());
        checkGlobs(push.location(), "push trigger", push.paths());
        checkGlobs(push.location(), "push trigger", push.pathsIgnore());
        checkExclusive(
            push.location(), "push trigger", "branches", push.branches(), push.branchesIgnore());
        checkExclusive(push.location(), "push trigger", "tags", push.tags(), push.tagsIgnore());
        checkExclusive(push.location(), "push trigger", "paths", push.paths(), push.pathsIgnore());
      }
      case Trigger.PullRequest pr -> {
        checkGlobs(pr.location(), "pull request trigger", pr.branches());
        checkGlobs(pr.location(), "pull request trigger", pr.branchesIgnore());
        checkGlobs(pr.location(), "pull request trigger", pr.paths());
        checkGlobs(pr.location(), "pull request trigger", pr.pathsIgnore());
        checkExclusive(
            pr.location(), "pull request trigger", "branches", pr.branches(), pr.branchesIgnore());
        checkExclusive(
            pr.location(), "pull request trigger", "paths", pr.paths(), pr.pathsIgnore());
      }
    }
  }

  /** GitHub Actions refuses a filter and its -ignore form together; so do we. */
  private void checkExclusive(
      SourceLocation where,
      String subject,
      String filter,
      List<String> include,
      List<String> ignore) {
    if (!include.isEmpty() && !ignore.isEmpty()) {
      add(
          Problem.of(
              where,
              subject,
              "has both " + filter + " and " + filter + "-ignore filters",
              "keep one; to leave some out of " + filter + ", add patterns starting with '!'"));
    }
  }

  private void checkGlobs(SourceLocation where, String subject, List<String> globs) {
    for (String glob : globs) {
      if (glob.isBlank()) {
        add(Problem.of(where, subject, "has a blank filter pattern", quote(glob), "remove it"));
      }
    }
  }

  /** Refuses absolute paths, home-relative paths and {@code ..} segments. */
  private void checkWorkspacePath(SourceLocation where, String subject, String what, String path) {
    boolean absolute =
        path.startsWith("/")
            || path.startsWith("\\")
            || path.startsWith("~")
            || path.matches("^[A-Za-z]:.*");
    boolean parent = false;
    for (String segment : path.split("[/\\\\]")) {
      parent |= segment.equals("..");
    }
    if (path.isBlank()) {
      add(Problem.of(where, subject, what + " is blank", quote(path), "give a workspace path"));
    } else if (absolute || parent) {
      add(
          Problem.of(
              where,
              subject,
              what + " leaves the workspace",
              quote(path),
              "use a path relative to the workspace without \"..\""));
    }
  }

  // --- text ----------------------------------------------------------------------------------

  static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        case '\r' -> quoted.append("\\r");
        default -> {
          if (Character.isISOControl(c)) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }

  private static String otherStages(Set<String> names, String self) {
    Set<String> others = new java.util.LinkedHashSet<>(names);
    others.remove(self);
    return others.isEmpty()
        ? "declare that stage, or remove the dependency (this is the only stage)"
        : "use one of " + quoteAll(others);
  }

  private static String quoteAll(Set<String> names) {
    return names.stream().map(PipelineRules::quote).toList().toString();
  }
}
