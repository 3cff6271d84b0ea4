package io.chengis.engine.internal;

import io.chengis.api.Matrix;
import io.chengis.api.Pipeline;
import io.chengis.api.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stage as it runs: a declared stage, or one matrix combination of it ({@code Build [os=linux,
 * jdk=21]}), with the instances it waits for.
 *
 * @param name the instance name
 * @param stage the declared stage
 * @param combination the matrix values (the pipeline's, then the stage's own), empty without a
 *     matrix
 * @param waitsFor the names of the instances that must end first
 */
record StageInstance(
    String name, Stage stage, Map<String, String> combination, List<String> waitsFor) {

  /**
   * Expands a pipeline's stages into instances: one per combination of the pipeline's matrix times
   * the combinations of the stage's own matrix. Without {@code dependsOn} every instance waits for
   * all instances of the previous stage; in a DAG an instance waits for the instances of each stage
   * it depends on that share its pipeline combination (all of them when that stage has a matrix of
   * its own, as a GitHub Actions job waits for every job of a matrix it needs).
   */
  static List<StageInstance> expand(Pipeline pipeline) {
    List<Map<String, String>> combinations =
        pipeline.matrix().map(Matrix::combinations).orElse(List.of(Map.of()));
    boolean dag = pipeline.isDag();
    List<StageInstance> instances = new ArrayList<>();
    // Declared stage -> pipeline combination -> its instances.
    Map<String, Map<Map<String, String>, List<String>>> byStage = new HashMap<>();
    List<String> previous = List.of();
    for (Stage stage : pipeline.stages()) {
      List<String> these = new ArrayList<>();
      // A matrix that reads finished stages is one placeholder until then (LateMatrix).
      List<Map<String, String>> own =
          stage
              .matrix()
              .filter(matrix -> !matrix.isDeferred())
              .map(Matrix::combinations)
              .orElse(List.of());
      Map<Map<String, String>, List<String>> mine = new HashMap<>();
      for (Map<String, String> combination : combinations) {
        List<String> waitsFor;
        if (dag) {
          waitsFor =
              stage.dependsOn().stream()
                  .flatMap(
                      dependency ->
                          byStage
                              .getOrDefault(dependency, Map.of())
                              .getOrDefault(
                                  combination, List.of(Matrix.stageName(dependency, combination)))
                              .stream())
                  .toList();
        } else {
          waitsFor = previous;
        }
        List<Map<String, String>> expanded = new ArrayList<>();
        if (own.isEmpty()) {
          expanded.add(combination);
        } else {
          for (Map<String, String> stageCombination : own) {
            Map<String, String> merged = new LinkedHashMap<>(combination);
            merged.putAll(stageCombination);
            expanded.add(merged);
          }
        }
        for (Map<String, String> full : expanded) {
          String name = Matrix.stageName(stage.name(), full);
          instances.add(new StageInstance(name, stage, new LinkedHashMap<>(full), waitsFor));
          these.add(name);
          mine.computeIfAbsent(combination, c -> new ArrayList<>()).add(name);
        }
      }
      byStage.put(stage.name(), mine);
      previous = List.copyOf(these);
    }
    return instances;
  }
}
