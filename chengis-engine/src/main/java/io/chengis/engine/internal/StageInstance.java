package io.chengis.engine.internal;

import io.chengis.api.Matrix;
import io.chengis.api.Pipeline;
import io.chengis.api.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stage as it runs: a declared stage, or one matrix combination of it ({@code Build [os=linux,
 * jdk=21]}), with the instances it waits for.
 *
 * @param name the instance name
 * @param stage the declared stage
 * @param combination the matrix values, empty without a matrix
 * @param waitsFor the names of the instances that must end first
 */
record StageInstance(
    String name, Stage stage, Map<String, String> combination, List<String> waitsFor) {

  /**
   * Expands a pipeline's stages into instances. Without {@code dependsOn} every instance waits for
   * all instances of the previous stage; in a DAG an instance waits for the same combination of
   * each stage it depends on.
   */
  static List<StageInstance> expand(Pipeline pipeline) {
    List<Map<String, String>> combinations =
        pipeline.matrix().map(Matrix::combinations).orElse(List.of(Map.of()));
    boolean dag = pipeline.isDag();
    List<StageInstance> instances = new ArrayList<>();
    List<String> previous = List.of();
    for (Stage stage : pipeline.stages()) {
      List<String> these = new ArrayList<>();
      for (Map<String, String> combination : combinations) {
        String name = Matrix.stageName(stage.name(), combination);
        List<String> waitsFor;
        if (dag) {
          waitsFor =
              stage.dependsOn().stream()
                  .map(dependency -> Matrix.stageName(dependency, combination))
                  .toList();
        } else {
          waitsFor = previous;
        }
        instances.add(new StageInstance(name, stage, new LinkedHashMap<>(combination), waitsFor));
        these.add(name);
      }
      previous = List.copyOf(these);
    }
    return instances;
  }
}
