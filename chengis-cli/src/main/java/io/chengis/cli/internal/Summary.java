package io.chengis.cli.internal;

import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.StageResult;
import io.chengis.api.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The lines that end a build's output: conclusion and duration, then what deserves a look. */
final class Summary {
  private Summary() {}

  static List<String> lines(BuildResult result, boolean interrupted, Style style) {
    List<String> lines = new ArrayList<>();
    String took =
        Style.between(result.startedAt(), result.finishedAt())
            .map(duration -> " in " + Style.duration(duration))
            .orElse("");
    String build = result.jobId() + " #" + result.number();
    String headline =
        switch (result.conclusion()) {
          case SUCCESS, SKIPPED -> style.green(style.bold("SUCCESS")) + " " + build + took;
          case FAILURE -> style.red(style.bold("FAILURE")) + " " + build + took;
          case TIMED_OUT -> style.red(style.bold("TIMED OUT")) + " " + build + took;
          case CANCELLED -> style.yellow(style.bold("CANCELLED")) + " " + build + took;
        };
    lines.add(headline + result.reason().map(reason -> ": " + reason).orElse(""));
    if (interrupted && result.conclusion() != Conclusion.CANCELLED) {
      lines.add("  interrupted by Ctrl-C");
    }
    List<String> failed = new ArrayList<>();
    for (StageResult stage : result.stages()) {
      for (StepResult step : stage.steps()) {
        if (step.conclusion().isFailing()) {
          failed.add("    [" + stage.name() + "] " + step.name() + ": " + style.status(step));
        }
      }
    }
    section(lines, failed, "failed step");
    section(
        lines,
        result.allowedFailures().stream()
            .map(
                allowed ->
                    "    ["
                        + allowed.stage().name()
                        + "] "
                        + allowed.step().name()
                        + ": "
                        + style.status(allowed.step()))
            .toList(),
        "allowed failure");
    section(
        lines,
        result.post().stream()
            .map(step -> "    " + step.name() + ": " + style.status(step) + Style.took(step))
            .toList(),
        "post action");
    section(
        lines,
        result.warnings().stream().map(warning -> "    " + style.yellow(warning)).toList(),
        "warning");
    return lines;
  }

  private static void section(List<String> lines, List<String> items, String noun) {
    if (items.isEmpty()) {
      return;
    }
    lines.add(
        String.format(Locale.ROOT, "  %d %s%s:", items.size(), noun, items.size() == 1 ? "" : "s"));
    lines.addAll(items);
  }
}
