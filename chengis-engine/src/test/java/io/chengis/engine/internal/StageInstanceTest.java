package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Condition;
import io.chengis.api.Matrix;
import io.chengis.api.Pipeline;
import io.chengis.api.PostActions;
import io.chengis.api.ResourceLimits;
import io.chengis.api.SourceLocation;
import io.chengis.api.Stage;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Expanding stages with the pipeline's matrix and their own (GitHub's per-job matrices). */
class StageInstanceTest {
  static Optional<Matrix> matrix(String axis, int values) {
    if (values == 0) {
      return Optional.empty();
    }
    List<String> list = new ArrayList<>();
    for (int i = 1; i <= values; i++) {
      list.add(Integer.toString(i));
    }
    Map<String, List<String>> axes = new LinkedHashMap<>();
    axes.put(axis, list);
    return Optional.of(new Matrix(axes, List.of(), List.of(), 256, SourceLocation.unknown()));
  }

  static Stage stage(String name, List<String> dependsOn, Optional<Matrix> matrix) {
    return new Stage(
        name,
        dependsOn,
        false,
        false,
        Condition.ALWAYS,
        Optional.empty(),
        Map.of(),
        List.of(Step.of("s", new StepAction.Shell("true", Optional.empty()))),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Set.of(),
        ResourceLimits.none(),
        SourceLocation.unknown(),
        matrix,
        Map.of());
  }

  static Pipeline pipeline(Optional<Matrix> matrix, List<Stage> stages) {
    return new Pipeline(
        "p",
        "",
        List.of(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        matrix,
        stages,
        PostActions.none(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Set.of(),
        SourceLocation.unknown());
  }

  @Property(tries = 200)
  void stageMatrices_expand_multiplyThePipelinesAndWaitForEveryInstanceOfADependency(
      @ForAll @IntRange(max = 3) int pipelineValues,
      @ForAll @IntRange(max = 3) int buildValues,
      @ForAll @IntRange(max = 3) int testValues,
      @ForAll boolean dag) {
    Pipeline pipeline =
        pipeline(
            matrix("os", pipelineValues),
            List.of(
                stage("build", List.of(), matrix("jdk", buildValues)),
                stage("test", dag ? List.of("build") : List.of(), matrix("shard", testValues))));
    int perPipeline = Math.max(1, pipelineValues);

    List<StageInstance> instances = StageInstance.expand(pipeline);

    List<StageInstance> builds =
        instances.stream().filter(i -> i.stage().name().equals("build")).toList();
    List<StageInstance> tests =
        instances.stream().filter(i -> i.stage().name().equals("test")).toList();
    assertThat(builds).hasSize(perPipeline * Math.max(1, buildValues));
    assertThat(tests).hasSize(perPipeline * Math.max(1, testValues));
    assertThat(instances).extracting(StageInstance::name).doesNotHaveDuplicates();
    for (StageInstance test : tests) {
      List<String> expected =
          builds.stream()
              .filter(
                  b ->
                      !dag
                          || pipelineValues == 0
                          || b.combination().get("os").equals(test.combination().get("os")))
              .map(StageInstance::name)
              .toList();
      assertThat(test.waitsFor()).containsExactlyInAnyOrderElementsOf(expected);
      if (testValues > 0) {
        assertThat(test.combination()).containsKey("shard");
      }
      if (pipelineValues > 0) {
        assertThat(test.combination()).containsKey("os");
      }
    }
  }
}
