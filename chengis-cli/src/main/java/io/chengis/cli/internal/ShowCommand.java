package io.chengis.cli.internal;

import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.Outcome;
import io.chengis.api.StageResult;
import io.chengis.api.StepResult;
import io.chengis.api.spi.ArtifactRecord;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildRef;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code chengis show BUILD}: one stored build with its stages, steps and reasons. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Shows a stored build: its state, stages, steps, reasons and warnings.")
public final class ShowCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

  @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

  @Parameters(index = "0", paramLabel = "BUILD", description = "a build id or JOB#NUMBER")
  String build = "";

  /** Used by picocli. */
  public ShowCommand() {}

  @Override
  public Integer call() {
    return Commands.run(
        spec,
        database,
        (stores, org) -> {
          PrintWriter out = spec.commandLine().getOut();
          BuildRecord record =
              BuildRefs.find(spec.commandLine(), stores.builds(), org, build, stores.description());
          out.println(
              record.jobId()
                  + " #"
                  + record.number()
                  + "  "
                  + record.buildId()
                  + "  attempt "
                  + record.attempt());
          record.rootBuildId().ifPresent(root -> out.println("retry of " + root));
          if (!record.parameters().isEmpty()) {
            out.println("parameters: " + record.parameters());
          }
          Optional<BuildResult> result = record.result();
          if (result.isEmpty()) {
            out.println("state: " + record.state());
            return ExitCodes.SUCCESS;
          }
          BuildResult finished = result.get();
          out.println(
              "conclusion: "
                  + finished.conclusion()
                  + took(finished.startedAt(), finished.finishedAt())
                  + finished.reason().map(r -> " — " + r).orElse(""));
          for (StageResult stage : finished.stages()) {
            out.println(
                "  "
                    + stage.name()
                    + "  "
                    + status(stage.outcome(), stage.conclusion())
                    + took(stage.startedAt(), stage.finishedAt())
                    + stage.reason().map(r -> " — " + r).orElse(""));
            for (StepResult step : stage.steps()) {
              out.println("    " + step(step));
            }
          }
          if (!finished.post().isEmpty()) {
            out.println("  post");
            finished.post().forEach(step -> out.println("    " + step(step)));
          }
          List<ArtifactRecord> artifacts =
              stores.artifactCatalog().list(new BuildRef(org, record.buildId()));
          if (!artifacts.isEmpty()) {
            out.println("artifacts:");
            artifacts.forEach(
                artifact ->
                    out.println(
                        "  "
                            + Style.artifact(artifact.path(), artifact.size(), artifact.sha256())));
          }
          finished.warnings().forEach(warning -> out.println("warning: " + warning));
          return ExitCodes.SUCCESS;
        });
  }

  private static String step(StepResult step) {
    return step.name()
        + "  "
        + status(step.outcome(), step.conclusion())
        + step.exitCode().map(code -> " (exit " + code + ")").orElse("")
        + took(step.startedAt(), step.finishedAt())
        + step.reason().map(r -> " — " + r).orElse("");
  }

  /** The conclusion, and the outcome when it differs: an allowed failure shows as such. */
  private static String status(Outcome outcome, Conclusion conclusion) {
    return outcome.name().equals(conclusion.name())
        ? conclusion.name()
        : outcome + " (allowed, concluded " + conclusion + ")";
  }

  private static String took(
      Optional<java.time.Instant> started, Optional<java.time.Instant> finished) {
    return started
        .flatMap(s -> finished.map(f -> "  " + BuildsCommand.duration(Duration.between(s, f))))
        .orElse("");
  }
}
