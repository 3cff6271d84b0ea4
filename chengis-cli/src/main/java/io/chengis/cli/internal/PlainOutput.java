package io.chengis.cli.internal;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildResult;
import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.Outcome;
import io.chengis.api.StageResult;
import io.chengis.api.StepResult;
import io.chengis.engine.BuildHandle;
import java.io.PrintWriter;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Append-only lines for logs and pipes: one line per finished step ({@code [stage] step ... ok
 * (1.2s)}), skipped stages, retries, warnings, step output with {@code -v}, then the summary.
 */
final class PlainOutput implements BuildOutput {
  private final PrintWriter out;
  private final Style style;
  private final boolean verbose;
  private final String pipeline;
  private final ReentrantLock lock = new ReentrantLock();

  PlainOutput(PrintWriter out, Style style, boolean verbose, String pipeline) {
    this.out = out;
    this.style = style;
    this.verbose = verbose;
    this.pipeline = pipeline;
  }

  @Override
  public void started(BuildHandle handle) {
    print(style.bold("Build " + pipeline + " #" + handle.number()) + " (" + handle.id() + ")");
  }

  @Override
  public void event(BuildEvent event) {
    switch (event) {
      case BuildEvent.StepStarted started when verbose ->
          print(prefix(started.stage(), started.step()) + "started");
      case BuildEvent.StepFinished finished -> print(finishedLine(finished));
      case BuildEvent.StepRetrying retrying ->
          print(
              prefix(retrying.stage(), retrying.step())
                  + style.yellow("retrying")
                  + ": attempt "
                  + retrying.attempt()
                  + " in "
                  + Style.duration(retrying.backoff()));
      case BuildEvent.StageFinished finished
          when finished.result().outcome() == Outcome.SKIPPED
              && finished.result().startedAt().isEmpty() ->
          print(skippedStage(finished.result()));
      case BuildEvent.LogBatch batch when verbose -> {
        for (LogLine line : batch.lines()) {
          print(
              prefix(batch.stage(), batch.step())
                  + (line.stream() == LogStream.STDERR ? "! " : "| ")
                  + line.text());
        }
      }
      case BuildEvent.BuildWaiting waiting ->
          print("[" + waiting.stage() + "] waiting for approval: " + waiting.message());
      case BuildEvent.Warning warning -> print(style.yellow("warning: ") + warning.message());
      case BuildEvent.ArtifactStored stored -> print(Style.artifact(stored));
      default -> {
        // Queued, started and finished are in the header and summary; approvals come later.
      }
    }
  }

  @Override
  public void finished(BuildResult result, boolean interrupted) {
    Summary.lines(result, interrupted, style).forEach(this::print);
  }

  private String finishedLine(BuildEvent.StepFinished finished) {
    StepResult step = finished.result();
    return prefix(finished.stage(), step.name()) + "... " + style.status(step) + Style.took(step);
  }

  private String skippedStage(StageResult stage) {
    return "["
        + stage.name()
        + "] "
        + style.dim("skipped")
        + stage.reason().map(reason -> ": " + reason).orElse("");
  }

  private static String prefix(String stage, String step) {
    return "[" + stage + "] " + step + " ";
  }

  private void print(String line) {
    lock.lock();
    try {
      out.println(line);
      out.flush();
    } finally {
      lock.unlock();
    }
  }
}
