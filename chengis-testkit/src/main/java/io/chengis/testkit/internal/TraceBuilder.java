package io.chengis.testkit.internal;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildResult;
import io.chengis.api.Pipeline;
import io.chengis.api.Stage;
import io.chengis.api.StageResult;
import io.chengis.api.Step;
import io.chengis.api.StepResult;
import io.chengis.testkit.Invocation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a finished build as its trace: stages and steps in declaration order (not in the order
 * concurrent work happened to finish), each attempt with its command and the environment the
 * pipeline gave it, approvals, retries, outcomes and conclusions. Times are offsets from the
 * build's start and appear only under virtual time, where they are deterministic.
 */
public final class TraceBuilder {
  /** Built-ins that differ from build to build, or that every step has. */
  private static final Set<String> BUILT_INS =
      Set.of(
          "CHENGIS",
          "CI",
          "CHENGIS_BUILD_ID",
          "CHENGIS_BUILD_NUMBER",
          "CHENGIS_JOB",
          "CHENGIS_STAGE",
          "CHENGIS_STEP",
          "CHENGIS_WORKSPACE",
          "CHENGIS_OUTPUT",
          "CHENGIS_ENV",
          "CHENGIS_PATH",
          "CHENGIS_STEP_SUMMARY",
          "GITHUB_OUTPUT",
          "GITHUB_ENV",
          "GITHUB_PATH",
          "GITHUB_STEP_SUMMARY");

  private final Pipeline pipeline;
  private final BuildResult result;
  private final List<BuildEvent> events;
  private final List<Invocation> invocations;
  private final Map<String, String> baseEnvironment;
  private final boolean times;
  private final Instant start;
  private final List<String> lines = new ArrayList<>();

  private TraceBuilder(
      Pipeline pipeline,
      BuildResult result,
      List<BuildEvent> events,
      List<Invocation> invocations,
      Map<String, String> baseEnvironment,
      boolean times) {
    this.pipeline = pipeline;
    this.result = result;
    this.events = events;
    this.invocations = invocations;
    this.baseEnvironment = baseEnvironment;
    this.times = times;
    this.start =
        result
            .startedAt()
            .or(() -> events.stream().findFirst().map(BuildEvent::timestamp))
            .orElse(Instant.EPOCH);
  }

  /**
   * The trace's lines, indented by two spaces per level.
   *
   * @param pipeline the pipeline the build ran
   * @param result the build's result
   * @param events the build's events
   * @param invocations the build's step attempts
   * @param baseEnvironment the environment every step starts from, left out of the trace
   * @param times whether to show times (virtual time only)
   * @return the lines
   */
  public static List<String> render(
      Pipeline pipeline,
      BuildResult result,
      List<BuildEvent> events,
      List<Invocation> invocations,
      Map<String, String> baseEnvironment,
      boolean times) {
    TraceBuilder builder =
        new TraceBuilder(pipeline, result, events, invocations, baseEnvironment, times);
    builder.build();
    return List.copyOf(builder.lines);
  }

  private void build() {
    lines.add(
        "build "
            + result.jobId()
            + " #"
            + result.number()
            + ": "
            + result.conclusion()
            + result.reason().map(r -> " (" + r + ")").orElse("")
            + span(result.startedAt(), result.finishedAt()));
    for (StageResult stage : result.stages()) {
      lines.add(
          "  stage "
              + stage.name()
              + ": "
              + status(stage.outcome().name(), stage.conclusion().name())
              + stage.reason().map(r -> " (" + r + ")").orElse("")
              + span(stage.startedAt(), stage.finishedAt()));
      approvals(stage.name());
      Optional<Stage> definition = definition(stage.name());
      for (StepResult step : stage.steps()) {
        step(
            "    ",
            stage.name(),
            step,
            definition.flatMap(
                d -> d.steps().stream().filter(s -> s.name().equals(step.name())).findFirst()),
            definition);
      }
    }
    if (!result.post().isEmpty()) {
      lines.add("  post");
      for (StepResult step : result.post()) {
        step("    ", "post", step, postDefinition(step.name()), Optional.empty());
      }
    }
    for (BuildEvent event : events) {
      if (event instanceof BuildEvent.ArtifactStored stored) {
        lines.add(
            "  artifact "
                + stored.path()
                + " ("
                + stored.size()
                + " bytes, sha256 "
                + stored.sha256().substring(0, 12)
                + ")");
      }
    }
    for (String warning : result.warnings()) {
      lines.add("  warning: " + warning);
    }
  }

  private void approvals(String stage) {
    for (BuildEvent event : events) {
      switch (event) {
        case BuildEvent.ApprovalRequested requested when requested.stage().equals(stage) ->
            lines.add(
                "    approval requested"
                    + at(requested.timestamp())
                    + ": "
                    + requested.message()
                    + " ("
                    + requested.minApprovals()
                    + " of "
                    + (requested.approvers().isEmpty() ? "anyone" : requested.approvers())
                    + ")");
        case BuildEvent.ApprovalDecided decided when decided.stage().equals(stage) ->
            lines.add(
                "    "
                    + (decided.approved() ? "approved" : "rejected")
                    + " by "
                    + decided.approver()
                    + at(decided.timestamp())
                    + decided.comment().map(c -> ": " + c).orElse(""));
        default -> {}
      }
    }
  }

  private void step(
      String indent,
      String stage,
      StepResult step,
      Optional<Step> definition,
      Optional<Stage> stageDefinition) {
    StringBuilder head =
        new StringBuilder(indent)
            .append("step ")
            .append(step.name())
            .append(": ")
            .append(status(step.outcome().name(), step.conclusion().name()));
    step.exitCode().ifPresent(code -> head.append(", exit ").append(code));
    if (step.attempts() > 1) {
      head.append(", ").append(step.attempts()).append(" attempts");
    }
    step.reason()
        .filter(r -> !r.equals(step.exitCode().map(code -> "exit code " + code).orElse("")))
        .ifPresent(r -> head.append(" (").append(r).append(')'));
    lines.add(head.toString());
    List<Invocation> attempts =
        invocations.stream()
            .filter(i -> i.stage().equals(stage) && i.step().equals(step.name()))
            .toList();
    if (!attempts.isEmpty()) {
      env(indent + "  ", attempts.get(0).env(), definition, stageDefinition);
    }
    for (BuildEvent event : events) {
      if (event instanceof BuildEvent.StepStarted started
          && started.stage().equals(stage)
          && started.step().equals(step.name())) {
        String command =
            attempts.stream()
                .filter(i -> i.attempt() == started.attempt())
                .findFirst()
                .map(i -> ": " + i.command())
                .orElse("");
        lines.add(indent + "  attempt " + started.attempt() + at(started.timestamp()) + command);
      }
      if (event instanceof BuildEvent.StepRetrying retrying
          && retrying.stage().equals(stage)
          && retrying.step().equals(step.name())) {
        lines.add(
            indent
                + "  retry "
                + retrying.attempt()
                + " after "
                + duration(retrying.backoff())
                + at(retrying.timestamp()));
      }
    }
    step.outputs().forEach((key, value) -> lines.add(indent + "  output " + key + "=" + value));
  }

  private void env(
      String indent, Map<String, String> env, Optional<Step> step, Optional<Stage> stage) {
    Map<String, String> declared = new LinkedHashMap<>(pipeline.env());
    stage.ifPresent(s -> declared.putAll(s.env()));
    step.ifPresent(s -> declared.putAll(s.env()));
    env.forEach(
        (name, value) -> {
          if (BUILT_INS.contains(name) || value.equals(baseEnvironment.get(name))) {
            return;
          }
          String raw = declared.getOrDefault(name, "");
          boolean secret = raw.contains("${{") && raw.contains("secrets.");
          lines.add(indent + "env " + name + "=" + (secret ? "***" : value));
        });
  }

  private Optional<Stage> definition(String instance) {
    int matrix = instance.indexOf(" [");
    String name = matrix > 0 ? instance.substring(0, matrix) : instance;
    return pipeline.stages().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  private Optional<Step> postDefinition(String name) {
    return java.util.stream.Stream.of(
            pipeline.post().always(),
            pipeline.post().onSuccess(),
            pipeline.post().onFailure(),
            pipeline.post().onCancel())
        .flatMap(List::stream)
        .filter(s -> s.name().equals(name))
        .findFirst();
  }

  private static String status(String outcome, String conclusion) {
    return outcome.equals(conclusion) ? conclusion : conclusion + " (outcome " + outcome + ")";
  }

  private String span(Optional<Instant> from, Optional<Instant> to) {
    if (!times || from.isEmpty()) {
      return "";
    }
    return " [" + offset(from.get()) + to.map(end -> " .. " + offset(end)).orElse("") + "]";
  }

  private String at(Instant instant) {
    return times ? " at " + offset(instant) : "";
  }

  private String offset(Instant instant) {
    return "+" + duration(Duration.between(start, instant));
  }

  /** {@code 1h2m3.5s}, {@code 0s}. */
  public static String duration(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
