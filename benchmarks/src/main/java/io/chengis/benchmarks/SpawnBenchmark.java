package io.chengis.benchmarks;

import static io.chengis.dsl.Steps.shell;

import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.Pipeline;
import io.chengis.api.StepResult;
import io.chengis.dsl.Chengis;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.TriggerRequest;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spawn overhead: {@code true} run as engine steps against {@code true} started directly.
 *
 * <p>The headline engine figure is one build whose single stage runs the steps in sequence: that is
 * the per-step cost (events, step log, timers, environment, process with piped output and reader
 * threads) with the build's own set-up spread over all steps. A simple command such as {@code true}
 * is started without the shell; the same steps written {@code true;} need {@code sh -c} and show
 * what a step the shell must run costs. One-step builds are measured too, to show what a build
 * costs on top. The raw baselines discard output, as asked; {@code sh -c} and {@code setsid --wait
 * sh -c} show how much of the gap is the shell and the session wrapper the engine puts around every
 * step.
 */
final class SpawnBenchmark {
  private static final String STEPS_IN_ONE_BUILD = "engine: 1 build of N steps";
  private static final String STEPS_THROUGH_SHELL = "engine: 1 build of N steps `true;` (sh -c)";
  private static final String ONE_STEP_BUILDS = "engine: N 1-step builds";
  private static final String RAW = "raw: true";
  private static final String RAW_SHELL = "raw: sh -c true";
  private static final String RAW_SESSION = "raw: setsid --wait sh -c true";

  private final Settings settings;
  private final Path workspaces;

  SpawnBenchmark(Settings settings, Path workspaces) {
    this.settings = settings;
    this.workspaces = workspaces;
  }

  List<Row> run() throws Exception {
    int steps = settings.steps();
    Pipeline manySteps = sequential("spawn", "true", steps);
    Pipeline shellSteps = sequential("spawn-shell", "true;", steps);
    Pipeline oneStep =
        Chengis.pipeline("spawn-one", p -> p.stage("step", s -> s.step("true", shell("true"))));
    Map<String, List<Long>> nanos;
    try (ChengisEngine engine = ChengisEngine.builder().workspaceRoot(workspaces).build()) {
      nanos =
          new Rounds()
              .add(STEPS_IN_ONE_BUILD, () -> timed(() -> build(engine, manySteps, steps)))
              .add(STEPS_THROUGH_SHELL, () -> timed(() -> build(engine, shellSteps, steps)))
              .add(
                  ONE_STEP_BUILDS,
                  () ->
                      timed(
                          () -> {
                            for (int i = 0; i < steps; i++) {
                              build(engine, oneStep, 1);
                            }
                          }))
              .add(RAW, () -> timed(() -> spawn(steps, "true")))
              .add(RAW_SHELL, () -> timed(() -> spawn(steps, "sh", "-c", "true")))
              .add(
                  RAW_SESSION,
                  () -> timed(() -> spawn(steps, "setsid", "--wait", "sh", "-c", "true")))
              .run("spawn", settings.spawnWarmup(), settings.rounds());
    }
    long raw = Rounds.median(nanos.get(RAW));
    List<Row> rows = new ArrayList<>();
    nanos.forEach(
        (variant, figures) -> {
          long total = Rounds.median(figures);
          double ratio = (double) total / raw;
          String target =
              variant.equals(STEPS_IN_ONE_BUILD)
                  ? "<= 1.15 x raw: " + (ratio <= 1.15 ? "met" : "MISSED")
                  : "";
          rows.add(
              new Row(
                  "spawn x" + steps,
                  variant,
                  String.format(
                      Locale.ROOT, "%.1f ms total, %.3f ms/step", total / 1e6, total / 1e6 / steps),
                  String.format(Locale.ROOT, "%.2f", ratio),
                  target));
        });
    return rows;
  }

  /** One stage of {@code steps} steps running {@code command} one after the other. */
  static Pipeline sequential(String name, String command, int steps) {
    return Chengis.pipeline(
        name,
        p ->
            p.stage(
                "steps",
                s -> {
                  for (int i = 1; i <= steps; i++) {
                    s.step("step-" + i, shell(command));
                  }
                }));
  }

  private static void build(ChengisEngine engine, Pipeline pipeline, int steps) throws Exception {
    BuildResult result = engine.trigger(pipeline, TriggerRequest.manual()).await();
    List<StepResult> ran = result.stages().stream().flatMap(s -> s.steps().stream()).toList();
    if (result.conclusion() != Conclusion.SUCCESS
        || ran.size() != steps
        || ran.stream().anyMatch(step -> step.conclusion() != Conclusion.SUCCESS)) {
      throw new AssertionError(
          "build of \""
              + pipeline.name()
              + "\" did not succeed with "
              + steps
              + " successful steps: "
              + result);
    }
  }

  /**
   * Starts the command {@code times} times in a row, output discarded; fails on a non-zero exit.
   */
  static void spawn(int times, String... command) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    for (int i = 0; i < times; i++) {
      int exit = builder.start().waitFor();
      if (exit != 0) {
        throw new AssertionError(String.join(" ", command) + " exited with " + exit);
      }
    }
  }

  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  /** The nanoseconds {@code body} takes. */
  static long timed(Body body) throws Exception {
    long start = System.nanoTime();
    body.run();
    return System.nanoTime() - start;
  }
}
