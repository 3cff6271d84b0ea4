package io.chengis.dsl;

import static io.chengis.dsl.Rejections.ONE_STEP;
import static io.chengis.dsl.Rejections.messagesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The matrix rules of {@code PipelineRules} and the matrix builder's own authoring problems. */
class MatrixRulesTest {

  private static List<String> matrixProblems(Consumer<MatrixBuilder> matrix) {
    return messagesOf(p -> p.matrix(matrix).stage("build", ONE_STEP));
  }

  /** A matrix of {@code axes} axes "a0".."aN", each with {@code values} values "v0".."vM". */
  private static Consumer<MatrixBuilder> cube(int axes, int values) {
    String[] axisValues = IntStream.range(0, values).mapToObj(i -> "v" + i).toArray(String[]::new);
    return m -> IntStream.range(0, axes).forEach(i -> m.axis("a" + i, axisValues));
  }

  @Test
  void axis_withoutValues_isReported() {
    assertThat(matrixProblems(m -> m.axis("os", "linux").axis("jdk")))
        .containsExactly("matrix axis \"jdk\" has no values; add values or remove the axis");
  }

  @Test
  void matrix_withoutAxes_isReported() {
    assertThat(matrixProblems(m -> {}))
        .containsExactly("matrix has no axes; add an axis or remove the matrix");
  }

  @Test
  void matrix_withOnlyIncludes_builds() {
    var pipeline =
        Chengis.pipeline("p", p -> p.matrix(m -> m.include("os", "mac")).stage("build", ONE_STEP));
    assertThat(pipeline.matrix().orElseThrow().combinations()).hasSize(1);
  }

  @Test
  void axis_withInvalidName_isReported() {
    assertThat(matrixProblems(m -> m.axis("9os", "linux")))
        .containsExactly(
            "matrix axis name is invalid (was \"9os\"); start with a letter or '_' and use letters,"
                + " digits, '_', '.' or '-'");
  }

  @Test
  void axis_listingAValueTwice_isReported() {
    assertThat(matrixProblems(m -> m.axis("jdk", "21", "25", "21")))
        .containsExactly("matrix axis \"jdk\" lists a value twice (was \"21\"); list it once");
  }

  @Test
  void exclude_namingUnknownAxis_isReportedWithTheAxes() {
    assertThat(matrixProblems(m -> m.axis("os", "linux").axis("jdk", "21").exclude("arch", "arm")))
        .containsExactly(
            "matrix exclude {arch=arm} names unknown axis \"arch\"; use one of [\"os\", \"jdk\"]");
  }

  @Test
  void matrix_withMoreCombinationsThanItsMax_isReported() {
    assertThat(matrixProblems(m -> m.axis("os", "a", "b", "c").axis("jdk", "1", "2", "3").max(8)))
        .containsExactly(
            "matrix has more combinations than its maximum 8 (was 9); exclude combinations, remove"
                + " axis values or raise the maximum");
  }

  @Test
  void matrix_atItsMaxAfterExcludes_builds() {
    var pipeline =
        Chengis.pipeline(
            "p",
            p ->
                p.matrix(
                        m ->
                            m.axis("os", "a", "b", "c")
                                .axis("jdk", "1", "2", "3")
                                .exclude("os", "a")
                                .max(6))
                    .stage("build", ONE_STEP));
    assertThat(pipeline.matrix().orElseThrow().combinations()).hasSize(6);
  }

  @Test
  void matrix_aboveTheDefaultMax_isReported() {
    assertThat(matrixProblems(cube(2, 17)))
        .containsExactly(
            "matrix has more combinations than its maximum 256 (was 289); exclude combinations,"
                + " remove axis values or raise the maximum");
  }

  @Test
  void matrix_withTwelveLargeAxes_failsFastWithTheExactCount() {
    List<String> problems =
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> matrixProblems(cube(12, 10)));
    assertThat(problems)
        .containsExactly(
            "matrix has more combinations than its maximum 256 (was 1000000000000); exclude"
                + " combinations, remove axis values or raise the maximum");
  }

  @Test
  void matrix_beyondLongRangeWithExcludes_isStillReportedWithTheExactCount() {
    // 40^13 overflows a long, and so does the part removed by the exclude.
    BigInteger count = BigInteger.valueOf(40).pow(13).subtract(BigInteger.valueOf(40).pow(12));
    List<String> problems =
        assertTimeoutPreemptively(
            Duration.ofSeconds(2),
            () -> matrixProblems(cube(13, 40).andThen(m -> m.exclude("a0", "v0"))));
    assertThat(problems)
        .containsExactly(
            "matrix has more combinations than its maximum 256 (was "
                + count
                + "); exclude combinations, remove axis values or raise the maximum");
  }

  @Test
  void matrix_withZeroMax_isReported() {
    assertThat(matrixProblems(m -> m.axis("os", "linux").max(0)))
        .containsExactly(
            "matrix maximum combinations must be positive (was 0); remove it to use the default"
                + " (256)");
  }

  @Test
  void matrix_withNegativeMax_isReported() {
    assertThat(matrixProblems(m -> m.axis("os", "linux").max(-3)))
        .containsExactly(
            "matrix maximum combinations must be positive (was -3); remove it to use the default"
                + " (256)");
  }

  // --- the builder's own problems
  // -----------------------------------------------------------------

  @Test
  void axis_declaredTwice_isReported() {
    assertThat(matrixProblems(m -> m.axis("os", "linux").axis("os", "mac")))
        .containsExactly(
            "matrix axis \"os\" is declared twice; declare every axis once with all its values");
  }

  @Test
  void exclude_withOddArguments_isReported() {
    assertThat(
            matrixProblems(
                m -> m.axis("os", "linux").axis("jdk", "21").exclude("os", "linux", "jdk")))
        .containsExactly(
            "matrix exclude [os, linux, jdk] has an odd number of arguments; pass axis names and"
                + " values in pairs, e.g. exclude(\"os\", \"mac\", \"jdk\", \"17\")");
  }

  @Test
  void include_withOddArguments_isReported() {
    assertThat(matrixProblems(m -> m.axis("os", "linux").include("os")))
        .containsExactly(
            "matrix include [os] has an odd number of arguments; pass axis names and values in"
                + " pairs, e.g. include(\"os\", \"mac\", \"jdk\", \"17\")");
  }
}
