package io.chengis.dsl.format.internal;

import io.chengis.api.Concurrency;
import io.chengis.api.Condition;
import io.chengis.api.Matrix;
import io.chengis.api.ResourceLimits;
import io.chengis.api.SourceLocation;
import io.chengis.api.Stage;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import io.chengis.dsl.expression.internal.ContextRewriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Inlines the jobs of a called reusable workflow into its caller: each called job becomes a stage
 * {@code <caller>/<job>}, its expressions read the call's {@code with:} and {@code secrets:}
 * instead of {@code inputs} and {@code secrets}, and a stage named after the calling job joins them
 * and publishes the called workflow's {@code outputs}, so {@code needs.<caller>.outputs} works.
 *
 * @param caller the calling job's id
 * @param needs the calling job's dependencies
 * @param condition the calling job's {@code if:}
 * @param concurrency the calling job's group
 * @param inputs input name to the expression text it reads as
 * @param secrets secret name to the expression text it reads as; empty with {@code inherit}
 * @param inherit whether the caller's secrets pass through unchanged
 * @param jobs the called workflow's job ids
 * @param env the called workflow's own {@code env}
 * @param outputs the called workflow's outputs, name to template over {@code jobs}
 * @param location where the call is written
 */
record WorkflowCall(
    String caller,
    List<String> needs,
    Condition condition,
    Optional<Concurrency> concurrency,
    Map<String, String> inputs,
    Map<String, String> secrets,
    boolean inherit,
    Set<String> jobs,
    Map<String, String> env,
    Map<String, String> outputs,
    SourceLocation location) {

  /** The stages of the call: the called jobs renamed and rewritten, then the joining stage. */
  List<Stage> inline(List<Stage> called) {
    List<Stage> stages = new ArrayList<>();
    for (Stage stage : called) {
      stages.add(inlined(stage));
    }
    Map<String, String> published = new LinkedHashMap<>();
    outputs.forEach((name, template) -> published.put(name, rewrite(template)));
    stages.add(
        new Stage(
            caller,
            stages.stream().map(Stage::name).toList(),
            false,
            false,
            condition,
            Optional.empty(),
            List.of(),
            Map.of(),
            // The stage exists to publish outputs and to be needed; one no-op step keeps the
            // model's rule that a stage has steps.
            List.of(
                new Step(
                    "workflow-call",
                    new StepAction.Shell("true", Optional.of("sh")),
                    Map.of(),
                    Optional.empty(),
                    Optional.empty(),
                    Condition.ALWAYS,
                    io.chengis.api.RetryPolicy.none(),
                    false,
                    List.of(),
                    location)),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Set.of(),
            ResourceLimits.none(),
            location,
            Optional.empty(),
            published));
    return stages;
  }

  private Stage inlined(Stage stage) {
    List<String> dependsOn =
        stage.dependsOn().isEmpty()
            ? needs
            : stage.dependsOn().stream().map(this::renamed).toList();
    Condition own = rewrite(stage.condition());
    Condition combined;
    if (condition.equals(Condition.ALWAYS)) {
      combined = own;
    } else if (own.equals(Condition.ALWAYS)) {
      combined = condition;
    } else {
      combined = new Condition.AllOf(List.of(condition, own));
    }
    Map<String, String> stageEnv = new LinkedHashMap<>();
    env.forEach((name, value) -> stageEnv.put(name, rewrite(value)));
    stage.env().forEach((name, value) -> stageEnv.put(name, rewrite(value)));
    Map<String, String> stageOutputs = new LinkedHashMap<>();
    stage.outputs().forEach((name, value) -> stageOutputs.put(name, rewrite(value)));
    Set<String> labels = new LinkedHashSet<>();
    stage.labels().forEach(label -> labels.add(rewrite(label)));
    Optional<Concurrency> group =
        stage
            .concurrency()
            .map(c -> new Concurrency(rewrite(c.key()), c.onConflict()))
            .or(this::concurrency);
    return new Stage(
        renamed(stage.name()),
        dependsOn,
        stage.parallel(),
        stage.failFast(),
        combined,
        stage.container(),
        stage.services(),
        stageEnv,
        stage.steps().stream().map(this::rewrite).toList(),
        stage.approval(),
        stage.caches(),
        stage.timeout(),
        labels,
        stage.resources(),
        stage.location(),
        stage.matrix().map(this::rewrite),
        stageOutputs,
        stage.resultCache(),
        group);
  }

  /** A matrix that expands at run time reads the caller's names ({@code needs['<caller>/x']}). */
  private Matrix rewrite(Matrix matrix) {
    Map<String, String> expressions = new LinkedHashMap<>();
    matrix.expressions().forEach((key, template) -> expressions.put(key, rewrite(template)));
    return new Matrix(
        matrix.axes(),
        matrix.include(),
        matrix.exclude(),
        matrix.maxCombinations(),
        matrix.location(),
        matrix.failFast(),
        matrix.maxParallel(),
        expressions);
  }

  private String renamed(String job) {
    return caller + "/" + job;
  }

  private Step rewrite(Step step) {
    Map<String, String> stepEnv = new LinkedHashMap<>();
    step.env().forEach((name, value) -> stepEnv.put(name, rewrite(value)));
    StepAction action =
        switch (step.action()) {
          case StepAction.Shell shell ->
              new StepAction.Shell(rewrite(shell.command()), shell.shell());
          case StepAction.Container container ->
              new StepAction.Container(container.container(), rewrite(container.command()));
          case StepAction.Compose compose ->
              new StepAction.Compose(compose.service(), compose.file(), rewrite(compose.command()));
          case StepAction.PluginStep plugin -> {
            Map<String, String> config = new LinkedHashMap<>();
            plugin.config().forEach((key, value) -> config.put(key, rewrite(value)));
            yield new StepAction.PluginStep(plugin.type(), config);
          }
        };
    return new Step(
        step.name(),
        action,
        stepEnv,
        step.workingDir().map(this::rewrite),
        step.timeout(),
        rewrite(step.condition()),
        step.retry(),
        step.continueOnError(),
        step.outputs(),
        step.location());
  }

  private Condition rewrite(Condition condition) {
    return switch (condition) {
      case Condition.Expression expression ->
          new Condition.Expression(
              expression.source().contains("${{")
                  ? rewrite(expression.source())
                  : ContextRewriter.rewriteExpression(expression.source(), this::substitute));
      case Condition.AllOf all ->
          new Condition.AllOf(all.conditions().stream().map(this::rewrite).toList());
      case Condition.AnyOf any ->
          new Condition.AnyOf(any.conditions().stream().map(this::rewrite).toList());
      case Condition.Not not -> new Condition.Not(rewrite(not.condition()));
      default -> condition;
    };
  }

  private String rewrite(String template) {
    return ContextRewriter.rewrite(template, this::substitute);
  }

  /** What a reference of the called workflow reads in the caller. */
  private Optional<String> substitute(String context, String member) {
    return switch (context) {
      case "inputs" -> Optional.ofNullable(inputs.get(member));
      case "secrets" ->
          inherit
              ? Optional.empty()
              : Optional.of(secrets.getOrDefault(member, ContextRewriter.literal("")));
      case "needs", "stages", "jobs" ->
          jobs.contains(member)
              ? Optional.of("needs[" + ContextRewriter.literal(renamed(member)) + "]")
              : Optional.empty();
      default -> Optional.empty();
    };
  }
}
