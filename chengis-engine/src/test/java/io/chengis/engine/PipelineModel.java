package io.chengis.engine;

import static io.chengis.dsl.Steps.shell;

import io.chengis.api.Pipeline;
import io.chengis.api.StageOrder;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.StageBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small pipeline of shell steps whose outcome is known in advance (each step exits with a chosen
 * code after an optional short sleep), with the results DESIGN.md §4 prescribes for it. The
 * scheduler properties generate these and compare the real engine's results with the model's.
 *
 * @param name the pipeline name
 * @param stages the stages in declaration order
 * @param order how the stages are ordered
 */
record PipelineModel(String name, List<StageModel> stages, StageOrder order) {

  PipelineModel {
    stages = List.copyOf(stages);
  }

  PipelineModel(String name, List<StageModel> stages) {
    this(name, stages, StageOrder.DECLARATION);
  }

  /**
   * One step: {@code sleep 0.0<sleep>} (when {@code sleep > 0}), then {@code true} or {@code exit
   * <code>}.
   */
  record StepModel(String name, int exitCode, boolean allowed, int sleep) {
    String command() {
      String exit = exitCode == 0 ? "true" : "exit " + exitCode;
      return sleep > 0 ? "sleep 0.0" + sleep + "; " + exit : exit;
    }

    /** Whether this step, once run, fails its stage (a non-allowed failure). */
    boolean failsStage() {
      return exitCode != 0 && !allowed;
    }

    @Override
    public String toString() {
      return name + "(" + command() + (allowed ? ", continueOnError" : "") + ")";
    }
  }

  record StageModel(String name, List<StepModel> steps, boolean parallel, List<String> dependsOn) {
    StageModel {
      steps = List.copyOf(steps);
      dependsOn = List.copyOf(dependsOn);
    }

    /** Whether the stage fails once it runs. */
    boolean fails() {
      return steps.stream().anyMatch(StepModel::failsStage);
    }

    /**
     * The first failing step of a sequential stage: the steps after it are skipped. Parallel stages
     * run every step.
     */
    Optional<StepModel> stopsAt() {
      return parallel ? Optional.empty() : steps.stream().filter(StepModel::failsStage).findFirst();
    }

    /** Whether the step runs when the stage runs. */
    boolean runs(StepModel step) {
      Optional<StepModel> stop = stopsAt();
      return stop.isEmpty() || steps.indexOf(step) <= steps.indexOf(stop.get());
    }

    void declare(StageBuilder stage) {
      if (parallel) {
        stage.parallel();
      }
      if (!dependsOn.isEmpty()) {
        stage.dependsOn(dependsOn.toArray(String[]::new));
      }
      steps.forEach(step -> declareStep(stage, step));
    }

    static void declareStep(StageBuilder stage, StepModel step) {
      stage.step(
          step.name(),
          shell(step.command()),
          options -> {
            if (step.allowed()) {
              options.continueOnError();
            }
          });
    }

    @Override
    public String toString() {
      return name
          + (parallel ? " parallel" : "")
          + (dependsOn.isEmpty() ? "" : " dependsOn" + dependsOn)
          + " "
          + steps;
    }
  }

  boolean isDag() {
    return order == StageOrder.DEPENDENCIES
        || stages.stream().anyMatch(stage -> !stage.dependsOn().isEmpty());
  }

  Pipeline toPipeline() {
    return Chengis.pipeline(
            name, p -> stages.forEach(stage -> p.stage(stage.name(), stage::declare)))
        .withStageOrder(order);
  }

  StageModel stage(String stageName) {
    return stages.stream()
        .filter(stage -> stage.name().equals(stageName))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no stage " + stageName + " in " + this));
  }

  /** Whether any stage that runs fails, which makes the build fail. */
  boolean fails() {
    return stages.stream().anyMatch(stage -> runs(stage) && stage.fails());
  }

  /** Whether the stage runs: no stage it waits for (transitively) failed. */
  boolean runs(StageModel stage) {
    return failedPredecessors(stage).isEmpty();
  }

  /**
   * The stages that ran, failed and keep this one from running: in a DAG its failed transitive
   * dependencies, in sequential mode the first failed stage before it.
   */
  Set<String> failedPredecessors(StageModel stage) {
    Set<String> failed = new LinkedHashSet<>();
    if (isDag()) {
      Map<String, Boolean> ran = new HashMap<>();
      for (StageModel each : stages) {
        ran.put(
            each.name(), each.dependsOn().stream().allMatch(d -> ran.get(d) && !stage(d).fails()));
      }
      for (String dependency : transitiveDependencies(stage)) {
        if (ran.get(dependency) && stage(dependency).fails()) {
          failed.add(dependency);
        }
      }
    } else {
      for (StageModel before : stages.subList(0, stages.indexOf(stage))) {
        if (before.fails()) {
          failed.add(before.name());
          break;
        }
      }
    }
    return failed;
  }

  Set<String> transitiveDependencies(StageModel stage) {
    Set<String> all = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(stage.dependsOn());
    while (!todo.isEmpty()) {
      String next = todo.removeFirst();
      if (all.add(next)) {
        todo.addAll(stage(next).dependsOn());
      }
    }
    return all;
  }

  @Override
  public String toString() {
    return name + (isDag() ? " (dag, " + order + ")" : " (sequential)") + " " + stages;
  }
}
