package io.chengis.cli.internal;

import io.chengis.api.BuildEvent;
import io.chengis.api.Matrix;
import io.chengis.api.Pipeline;
import io.chengis.api.Stage;
import io.chengis.api.StageResult;
import io.chengis.api.Step;
import io.chengis.api.StepResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the CLI knows about a running build: its stages (matrix instances included) and their steps
 * in declaration order, each pending, running or finished. Seeded from the pipeline so that the
 * tree shows what is still to come; stages and steps only events name (post actions) are added as
 * they appear. Not thread-safe: the outputs guard it.
 */
final class BuildView {
  /** Where a stage or step is. */
  enum State {
    PENDING,
    RUNNING,
    FINISHED
  }

  /** One step of a stage. */
  static final class StepView {
    final String name;
    State state = State.PENDING;
    Optional<Instant> startedAt = Optional.empty();
    int attempt;
    Optional<StepResult> result = Optional.empty();

    StepView(String name) {
      this.name = name;
    }
  }

  /** One stage (or matrix instance) with its steps. */
  static final class StageView {
    final String name;
    final Map<String, StepView> steps = new LinkedHashMap<>();
    State state = State.PENDING;
    Optional<Instant> startedAt = Optional.empty();
    Optional<StageResult> result = Optional.empty();

    StageView(String name) {
      this.name = name;
    }

    StepView step(String name) {
      return steps.computeIfAbsent(name, StepView::new);
    }
  }

  final String pipeline;
  private final Map<String, StageView> stages = new LinkedHashMap<>();

  BuildView(Pipeline pipeline) {
    this.pipeline = pipeline.name();
    List<Map<String, String>> combinations =
        pipeline.matrix().map(Matrix::combinations).orElse(List.of(Map.of()));
    for (Stage stage : pipeline.stages()) {
      List<Map<String, String>> own = stage.matrix().map(Matrix::combinations).orElse(List.of());
      for (Map<String, String> pipelineCombination : combinations) {
        // A stage's own matrix (a GitHub job's strategy.matrix) multiplies the pipeline's.
        List<Map<String, String>> expanded = new ArrayList<>();
        if (own.isEmpty()) {
          expanded.add(pipelineCombination);
        }
        for (Map<String, String> stageCombination : own) {
          Map<String, String> merged = new LinkedHashMap<>(pipelineCombination);
          merged.putAll(stageCombination);
          expanded.add(merged);
        }
        for (Map<String, String> combination : expanded) {
          StageView view = stage(Matrix.stageName(stage.name(), combination));
          stage.steps().stream().map(Step::name).forEach(view::step);
        }
      }
    }
  }

  List<StageView> stages() {
    return new ArrayList<>(stages.values());
  }

  StageView stage(String name) {
    return stages.computeIfAbsent(name, StageView::new);
  }

  /** Applies an event; events that change no stage or step are ignored. */
  void apply(BuildEvent event) {
    switch (event) {
      case BuildEvent.StageStarted started -> {
        StageView stage = stage(started.stage());
        stage.state = State.RUNNING;
        stage.startedAt = Optional.of(started.timestamp());
      }
      case BuildEvent.StageFinished finished -> {
        StageView stage = stage(finished.result().name());
        stage.state = State.FINISHED;
        stage.result = Optional.of(finished.result());
        for (StepResult step : finished.result().steps()) {
          StepView view = stage.step(step.name());
          view.state = State.FINISHED;
          view.result = Optional.of(step);
        }
      }
      case BuildEvent.StepStarted started -> {
        StageView stage = stage(started.stage());
        if (stage.state == State.PENDING) {
          // Post actions run in a stage of their own that has no StageStarted event.
          stage.state = State.RUNNING;
          stage.startedAt = Optional.of(started.timestamp());
        }
        StepView step = stage.step(started.step());
        step.state = State.RUNNING;
        step.attempt = started.attempt();
        if (step.startedAt.isEmpty()) {
          step.startedAt = Optional.of(started.timestamp());
        }
      }
      case BuildEvent.StepFinished finished -> {
        StepView step = stage(finished.stage()).step(finished.result().name());
        step.state = State.FINISHED;
        step.result = Optional.of(finished.result());
      }
      case BuildEvent.BuildFinished finished -> {
        // The post "stage" never gets a StageFinished; it is over when the build is.
        stages.values().stream()
            .filter(stage -> stage.state == State.RUNNING && stage.result.isEmpty())
            .forEach(stage -> stage.state = State.FINISHED);
      }
      default -> {
        // Queued, started, retries, logs, approvals and warnings do not change the tree.
      }
    }
  }
}
