package io.chengis.cli.internal;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildResult;
import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.Outcome;
import io.chengis.api.StageResult;
import io.chengis.engine.BuildHandle;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live tree for terminals: stages with their steps, status symbols, durations and a spinner on
 * running steps, redrawn in place with ANSI cursor movement at most ten times a second. Finished
 * successful stages fold into one line so the tree stays short; the last drawing shows everything.
 * With {@code -v}, step output scrolls above the tree.
 */
final class TreeOutput implements BuildOutput {
  private static final Duration FRAME = Duration.ofMillis(100);

  private final PrintWriter out;
  private final Style style;
  private final boolean verbose;
  private final BuildView view;
  private final InstantSource clock;
  private final int width;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<String> pendingLogs = new ArrayList<>();
  private String header = "";
  private int drawnLines;
  private long frame;
  private boolean dirty = true;
  private boolean done;
  private Optional<Thread> ticker = Optional.empty();

  TreeOutput(
      PrintWriter out,
      Style style,
      boolean verbose,
      BuildView view,
      InstantSource clock,
      int width) {
    this.out = out;
    this.style = style;
    this.verbose = verbose;
    this.view = view;
    this.clock = clock;
    this.width = width;
  }

  @Override
  public void started(BuildHandle handle) {
    lock.lock();
    try {
      header = style.bold(view.pipeline + " #" + handle.number()) + style.dim("  " + handle.id());
    } finally {
      lock.unlock();
    }
    Thread thread =
        Thread.ofPlatform()
            .daemon()
            .name("chengis-progress")
            .start(
                () -> {
                  try {
                    while (tick()) {
                      Thread.sleep(FRAME);
                    }
                  } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                  }
                });
    ticker = Optional.of(thread);
  }

  @Override
  public void event(BuildEvent event) {
    lock.lock();
    try {
      view.apply(event);
      dirty = true;
      if (verbose && event instanceof BuildEvent.LogBatch batch) {
        for (LogLine line : batch.lines()) {
          pendingLogs.add(
              style.dim("[" + batch.stage() + "] " + batch.step())
                  + (line.stream() == LogStream.STDERR ? style.red(" ! ") : style.dim(" | "))
                  + line.text());
        }
      } else if (event instanceof BuildEvent.Warning warning) {
        pendingLogs.add(style.yellow("warning: " + warning.message()));
      } else if (event instanceof BuildEvent.ArtifactStored stored) {
        pendingLogs.add(style.dim(Style.artifact(stored)));
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void finished(BuildResult result, boolean interrupted) {
    lock.lock();
    try {
      done = true;
      redraw(true);
      out.println();
      Summary.lines(result, interrupted, style).forEach(out::println);
      out.flush();
    } finally {
      lock.unlock();
    }
    ticker.ifPresent(Thread::interrupt);
  }

  /** Redraws when something changed or a spinner turns; false once the build is over. */
  private boolean tick() {
    lock.lock();
    try {
      if (done) {
        return false;
      }
      frame++;
      redraw(false);
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void redraw(boolean complete) {
    List<String> lines = lines(complete);
    boolean spinning = view.stages().stream().anyMatch(s -> s.state == BuildView.State.RUNNING);
    if (!dirty && !spinning && pendingLogs.isEmpty() && !complete) {
      return;
    }
    StringBuilder text = new StringBuilder();
    if (drawnLines > 0) {
      // Back to the tree's first line, then clear everything below: the tree is drawn anew.
      text.append("\u001b[").append(drawnLines).append('F');
    }
    text.append("\u001b[J");
    pendingLogs.forEach(line -> text.append(line).append('\n'));
    pendingLogs.clear();
    lines.forEach(line -> text.append(line).append('\n'));
    out.print(text);
    out.flush();
    drawnLines = lines.size();
    dirty = false;
  }

  private List<String> lines(boolean complete) {
    Instant now = clock.instant();
    List<String> lines = new ArrayList<>();
    lines.add(header);
    for (BuildView.StageView stage : view.stages()) {
      lines.add(fit(stageLine(stage, now)));
      boolean fold =
          !complete
              && stage.result.map(r -> r.outcome() == Outcome.SUCCESS).orElse(false)
              && stage.result.get().allowedFailures().isEmpty();
      if (fold || stage.result.map(r -> r.startedAt().isEmpty()).orElse(false)) {
        continue;
      }
      for (BuildView.StepView step : stage.steps.values()) {
        lines.add(fit("  " + stepLine(step, now)));
      }
    }
    return lines;
  }

  private String stageLine(BuildView.StageView stage, Instant now) {
    return switch (stage.state) {
      case PENDING -> style.pending() + " " + style.dim(stage.name);
      case RUNNING ->
          style.spinner(frame)
              + " "
              + style.bold(stage.name)
              + stage.startedAt.map(start -> "  " + since(start, now)).orElse("");
      case FINISHED ->
          stage
              .result
              .map(result -> finishedStage(stage.name, result))
              .orElse(style.symbol(Outcome.SUCCESS) + " " + stage.name);
    };
  }

  private String finishedStage(String name, StageResult result) {
    String took =
        Style.between(result.startedAt(), result.finishedAt())
            .map(d -> style.dim("  " + Style.duration(d)))
            .orElse("");
    String reason =
        result.outcome() == Outcome.SUCCESS
            ? ""
            : result.reason().map(r -> style.dim("  " + r)).orElse("");
    return style.symbol(result.outcome()) + " " + name + took + reason;
  }

  private String stepLine(BuildView.StepView step, Instant now) {
    return switch (step.state) {
      case PENDING -> style.pending() + " " + style.dim(step.name);
      case RUNNING ->
          style.spinner(frame)
              + " "
              + step.name
              + step.startedAt.map(start -> "  " + since(start, now)).orElse("")
              + (step.attempt > 1 ? style.dim("  attempt " + step.attempt) : "");
      case FINISHED ->
          step.result
              .map(
                  result ->
                      style.symbol(result)
                          + " "
                          + result.name()
                          + style.dim(Style.took(result).replace("(", "").replace(")", ""))
                          + (result.outcome() == Outcome.SUCCESS
                              ? ""
                              : "  " + style.status(result)))
              .orElse(style.symbol(Outcome.SUCCESS) + " " + step.name);
    };
  }

  private String since(Instant start, Instant now) {
    return style.dim(Style.duration(Duration.between(start, now)));
  }

  /** Cuts a line that would wrap, which would break the cursor arithmetic of the redraw. */
  private String fit(String line) {
    int visible = line.replaceAll("\u001b\\[[0-9;]*m", "").length();
    if (visible <= width) {
      return line;
    }
    String plain = line.replaceAll("\u001b\\[[0-9;]*m", "");
    return plain.substring(0, Math.max(0, width - 1)) + "…";
  }
}
