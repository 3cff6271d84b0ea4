package io.chengis.examples;

import io.chengis.api.ApprovalGate;
import io.chengis.api.ArtifactSpec;
import io.chengis.api.CacheSpec;
import io.chengis.api.Concurrency;
import io.chengis.api.Condition;
import io.chengis.api.ContainerSpec;
import io.chengis.api.Matrix;
import io.chengis.api.Notification;
import io.chengis.api.Parameter;
import io.chengis.api.Pipeline;
import io.chengis.api.SourceSpec;
import io.chengis.api.Stage;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import io.chengis.api.Trigger;
import io.chengis.dsl.PipelineDefinition;
import io.chengis.dsl.PipelineDefinitions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints a plain-text outline of pipelines: name, description, parameters, and the stages in order
 * with their dependencies, parallelism, conditions, containers, approvals and steps.
 *
 * <p>Without arguments it describes every pipeline registered as a {@link PipelineDefinition}
 * service; with arguments, the definitions with those class names. Run it from the repository root
 * with {@code ./mvnw -B -q -pl examples -am compile exec:java}.
 */
public final class Describe {
  private static final String INDENT = "  ";

  private Describe() {}

  /**
   * Prints the outlines to standard output.
   *
   * @param args fully qualified {@link PipelineDefinition} class names; none for all registered
   */
  public static void main(String[] args) {
    ClassLoader loader = Describe.class.getClassLoader();
    List<Pipeline> pipelines = new ArrayList<>();
    if (args.length == 0) {
      PipelineDefinitions.discover(loader).forEach(d -> pipelines.add(d.define()));
    } else {
      for (String className : args) {
        pipelines.add(PipelineDefinitions.load(className, loader));
      }
    }
    PrintStream out = System.out;
    out.print(pipelines.stream().map(Describe::outline).collect(Collectors.joining("\n")));
    out.flush();
  }

  /**
   * The outline of one pipeline, each line ending with a line feed.
   *
   * @param pipeline the pipeline to describe
   * @return the outline
   */
  public static String outline(Pipeline pipeline) {
    Lines lines = new Lines();
    lines.add(0, "pipeline " + pipeline.name());
    if (!pipeline.description().isEmpty()) {
      lines.add(1, pipeline.description());
    }
    pipeline.source().ifPresent(source -> lines.add(1, "source: " + source(source)));
    pipeline.container().ifPresent(container -> lines.add(1, "container: " + container(container)));
    pipeline.matrix().ifPresent(matrix -> lines.add(1, "matrix: " + matrix(matrix)));
    if (!pipeline.parameters().isEmpty()) {
      lines.add(1, "parameters:");
      pipeline.parameters().forEach(parameter -> lines.add(2, "- " + parameter(parameter)));
    }
    if (!pipeline.env().isEmpty()) {
      lines.add(1, "env: " + env(pipeline.env()));
    }
    pipeline.timeout().ifPresent(timeout -> lines.add(1, "timeout: " + duration(timeout)));
    pipeline
        .concurrency()
        .ifPresent(
            group -> lines.add(1, "concurrency: " + group.key() + " (" + onConflict(group) + ")"));
    pipeline.triggers().forEach(trigger -> lines.add(1, "trigger: " + trigger(trigger)));
    if (!pipeline.labels().isEmpty()) {
      lines.add(1, "agent labels: " + String.join(", ", pipeline.labels()));
    }
    pipeline.caches().forEach(cache -> lines.add(1, "cache: " + cache(cache)));
    lines.add(1, pipeline.isDag() ? "stages (by dependencies):" : "stages (in order):");
    int number = 1;
    for (Stage stage : pipeline.stages()) {
      stage(lines, number++, stage);
    }
    pipeline.artifacts().forEach(artifacts -> lines.add(1, "artifacts: " + artifacts(artifacts)));
    post(lines, "always", pipeline.post().always());
    post(lines, "on success", pipeline.post().onSuccess());
    post(lines, "on failure", pipeline.post().onFailure());
    post(lines, "on cancel", pipeline.post().onCancel());
    pipeline.notifications().forEach(n -> lines.add(1, "notify: " + notification(n)));
    return lines.toString();
  }

  private static void stage(Lines lines, int number, Stage stage) {
    StringBuilder header = new StringBuilder().append(number).append(". ").append(stage.name());
    if (!stage.dependsOn().isEmpty()) {
      header.append(" (after ").append(String.join(", ", stage.dependsOn())).append(')');
    }
    if (stage.parallel()) {
      header.append(stage.failFast() ? " [parallel, fail fast]" : " [parallel]");
    }
    lines.add(2, header.toString());
    if (!(stage.condition() instanceof Condition.Always)) {
      lines.add(3, "when: " + condition(stage.condition()));
    }
    stage.container().ifPresent(container -> lines.add(3, "container: " + container(container)));
    stage.approval().ifPresent(approval -> lines.add(3, "approval: " + approval(approval)));
    stage.caches().forEach(cache -> lines.add(3, "cache: " + cache(cache)));
    if (!stage.env().isEmpty()) {
      lines.add(3, "env: " + env(stage.env()));
    }
    if (!stage.labels().isEmpty()) {
      lines.add(3, "agent labels: " + String.join(", ", stage.labels()));
    }
    stage.timeout().ifPresent(timeout -> lines.add(3, "timeout: " + duration(timeout)));
    stage.steps().forEach(step -> lines.add(3, "- " + step(step)));
  }

  private static void post(Lines lines, String group, List<Step> steps) {
    if (!steps.isEmpty()) {
      lines.add(1, "post " + group + ":");
      steps.forEach(step -> lines.add(2, "- " + step(step)));
    }
  }

  private static String step(Step step) {
    StringBuilder text = new StringBuilder(step.name()).append(": ").append(action(step.action()));
    List<String> notes = new ArrayList<>();
    step.workingDir().ifPresent(dir -> notes.add("in " + dir));
    if (!(step.condition() instanceof Condition.Always)) {
      notes.add("when " + condition(step.condition()));
    }
    step.timeout().ifPresent(timeout -> notes.add("timeout " + duration(timeout)));
    if (step.retry().retries()) {
      notes.add(step.retry().maxAttempts() + " attempts");
    }
    if (step.continueOnError()) {
      notes.add("allowed to fail");
    }
    if (!notes.isEmpty()) {
      text.append("  (").append(String.join(", ", notes)).append(')');
    }
    return text.toString();
  }

  private static String action(StepAction action) {
    return switch (action) {
      case StepAction.Shell shell ->
          shell.shell().map(program -> program + ": ").orElse("") + "$ " + shell.command();
      case StepAction.Container container ->
          "in " + container.container().image() + " $ " + container.command();
      case StepAction.Compose compose ->
          "compose service "
              + compose.service()
              + " of "
              + compose.file()
              + " $ "
              + compose.command();
      case StepAction.PluginStep plugin -> "plugin " + plugin.type() + " " + plugin.config();
    };
  }

  private static String condition(Condition condition) {
    return switch (condition) {
      case Condition.Always always -> "always";
      case Condition.Never never -> "never";
      case Condition.OnBranch branch -> "branch is " + branch.glob();
      case Condition.ParamEquals param -> "parameter " + param.name() + " = " + param.value();
      case Condition.Expression expression -> "${{ " + expression.source() + " }}";
      case Condition.AllOf all -> joined(all.conditions(), " and ");
      case Condition.AnyOf any -> joined(any.conditions(), " or ");
      case Condition.Not not -> "not " + condition(not.condition());
      case Condition.ChangedFiles changed ->
          "changed files match " + changed.paths() + " except " + changed.pathsIgnore();
    };
  }

  private static String joined(List<Condition> conditions, String operator) {
    return conditions.stream()
        .map(Describe::condition)
        .collect(Collectors.joining(operator, "(", ")"));
  }

  private static String source(SourceSpec source) {
    List<String> notes = new ArrayList<>();
    source.ref().ifPresent(ref -> notes.add("ref " + ref));
    if (source.depth() > 0) {
      notes.add("depth " + source.depth());
    }
    if (source.submodules()) {
      notes.add("with submodules");
    }
    source.credentials().ifPresent(secret -> notes.add("credentials from secret " + secret.name()));
    return source.url() + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")");
  }

  private static String container(ContainerSpec container) {
    List<String> notes = new ArrayList<>();
    container
        .cacheVolumes()
        .forEach((volume, path) -> notes.add("cache volume " + volume + " at " + path));
    container.volumes().forEach(volume -> notes.add("volume " + volume));
    container.workdir().ifPresent(dir -> notes.add("workdir " + dir));
    container.network().ifPresent(network -> notes.add("network " + network));
    container.user().ifPresent(user -> notes.add("user " + user));
    return container.image() + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")");
  }

  private static String matrix(Matrix matrix) {
    StringBuilder text =
        new StringBuilder(
            matrix.axes().entrySet().stream()
                .map(axis -> axis.getKey() + " " + axis.getValue())
                .collect(Collectors.joining(" x ")));
    matrix.exclude().forEach(rule -> text.append(", excluding ").append(Matrix.label(rule)));
    matrix.include().forEach(extra -> text.append(", including ").append(Matrix.label(extra)));
    List<Map<String, String>> combinations = matrix.combinations();
    text.append(" = ").append(combinations.size()).append(" combinations: ");
    text.append(combinations.stream().map(Matrix::label).collect(Collectors.joining(" ")));
    return text.toString();
  }

  private static String parameter(Parameter parameter) {
    StringBuilder text =
        new StringBuilder(parameter.name())
            .append(" (")
            .append(parameter.type().name().toLowerCase(Locale.ROOT));
    if (!parameter.choices().isEmpty()) {
      text.append(' ').append(parameter.choices());
    }
    text.append(
        parameter.defaultValue().map(value -> ", default " + value).orElse(", required") + ")");
    if (!parameter.description().isEmpty()) {
      text.append(": ").append(parameter.description());
    }
    return text.toString();
  }

  private static String approval(ApprovalGate approval) {
    StringBuilder text = new StringBuilder("\"").append(approval.message()).append("\" needs ");
    text.append(approval.minApprovals()).append(" of ");
    List<String> eligible = new ArrayList<>(approval.approvers());
    approval.roles().forEach(role -> eligible.add("role " + role));
    text.append(eligible.isEmpty() ? "anyone" : String.join(", ", eligible));
    approval.timeout().ifPresent(timeout -> text.append(" within ").append(duration(timeout)));
    return text.toString();
  }

  private static String cache(CacheSpec cache) {
    StringBuilder text = new StringBuilder(cache.key()).append(" -> ");
    text.append(String.join(", ", cache.paths()));
    if (!cache.restoreKeys().isEmpty()) {
      text.append(" (restore keys ").append(String.join(", ", cache.restoreKeys())).append(')');
    }
    return text.toString();
  }

  private static String artifacts(ArtifactSpec artifacts) {
    StringBuilder text = new StringBuilder(String.join(", ", artifacts.globs()));
    if (!artifacts.excludes().isEmpty()) {
      text.append(" except ").append(String.join(", ", artifacts.excludes()));
    }
    if (!artifacts.collectOnFailure()) {
      text.append(" (only on success)");
    }
    return text.toString();
  }

  private static String notification(Notification notification) {
    return notification.type()
        + " ("
        + notification.when().name().toLowerCase(Locale.ROOT).replace('_', ' ')
        + ")";
  }

  private static String onConflict(Concurrency group) {
    return switch (group.onConflict()) {
      case QUEUE -> "later builds wait";
      case CANCEL_RUNNING -> "a new build cancels the running one";
    };
  }

  private static String trigger(Trigger trigger) {
    return switch (trigger) {
      case Trigger.Cron cron -> "cron " + cron.expression();
      case Trigger.Push push ->
          "push" + (push.branches().isEmpty() ? "" : " to " + String.join(", ", push.branches()));
      case Trigger.PullRequest pr ->
          "pull request"
              + (pr.branches().isEmpty() ? "" : " to " + String.join(", ", pr.branches()));
    };
  }

  private static String env(Map<String, String> env) {
    return env.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue())
        .collect(Collectors.joining(" "));
  }

  /** Durations as people write them: {@code 4h}, {@code 1h 30m}, {@code 45s}. */
  private static String duration(Duration duration) {
    List<String> parts = new ArrayList<>();
    if (duration.toHours() > 0) {
      parts.add(duration.toHours() + "h");
    }
    if (duration.toMinutesPart() > 0) {
      parts.add(duration.toMinutesPart() + "m");
    }
    if (duration.toSecondsPart() > 0 || duration.toMillisPart() > 0 || parts.isEmpty()) {
      parts.add(
          duration.toMillisPart() > 0
              ? duration.toSecondsPart()
                  + "."
                  + String.format("%03d", duration.toMillisPart())
                  + "s"
              : duration.toSecondsPart() + "s");
    }
    return String.join(" ", parts);
  }

  /** Indented lines, each ending with a line feed. */
  private static final class Lines {
    private final StringBuilder text = new StringBuilder();

    void add(int depth, String line) {
      text.append(INDENT.repeat(depth)).append(line).append('\n');
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
