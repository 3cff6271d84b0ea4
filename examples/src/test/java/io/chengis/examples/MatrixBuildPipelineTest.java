package io.chengis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Matrix;
import io.chengis.api.Pipeline;
import io.chengis.api.Stage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixBuildPipelineTest {
  private final Pipeline pipeline = new MatrixBuildPipeline().define();
  private final Matrix matrix = pipeline.matrix().orElseThrow();

  @Test
  void matrix_withExclude_leavesThreeCombinationsInAxisOrder() {
    assertThat(matrix.axes().keySet()).containsExactly("os", "jdk");
    assertThat(matrix.exclude()).containsExactly(Map.of("os", "macos", "jdk", "17"));
    assertThat(matrix.combinations())
        .containsExactly(
            Map.of("os", "linux", "jdk", "17"),
            Map.of("os", "linux", "jdk", "21"),
            Map.of("os", "macos", "jdk", "21"));
  }

  @Test
  void stageInstances_perCombination_areNamedWithAxesInDeclarationOrder() {
    List<String> instances =
        pipeline.stages().stream()
            .map(Stage::name)
            .flatMap(
                stage ->
                    matrix.combinations().stream()
                        .map(combination -> Matrix.stageName(stage, combination)))
            .toList();

    assertThat(instances)
        .containsExactly(
            "Build [os=linux, jdk=17]",
            "Build [os=linux, jdk=21]",
            "Build [os=macos, jdk=21]",
            "Test [os=linux, jdk=17]",
            "Test [os=linux, jdk=21]",
            "Test [os=macos, jdk=21]");
  }

  @Test
  void matrix_withoutExplicitMaximum_usesTheDefaultLimit() {
    assertThat(matrix.maxCombinations()).isEqualTo(Matrix.DEFAULT_MAX_COMBINATIONS);
    assertThat(matrix.include()).isEmpty();
  }
}
