package io.chengis.dsl.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.Matrix;
import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.spi.PipelineSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code strategy.matrix} written as expressions: expanded at parse time or kept for the engine.
 */
class MatrixExpressionsFormatTest {
  static Pipeline read(String text) {
    return PipelineFormats.githubActions()
        .parse(new PipelineSource(".github/workflows/ci.yml", text));
  }

  static Matrix matrixOf(String strategy) {
    return read("""
            on:
              workflow_dispatch:
                inputs:
                  jdks:
                    default: '["17", "21"]'
            env:
              OSES: '["linux", "mac"]'
            jobs:
              setup:
                runs-on: ubuntu-latest
                steps:
                  - run: make
              test:
                needs: setup
                runs-on: ubuntu-latest
                strategy:
            %s
                steps:
                  - run: make test
            """
            .formatted(strategy.indent(6).stripTrailing()))
        .stage("test")
        .orElseThrow()
        .matrix()
        .orElseThrow();
  }

  @Test
  void wholeMatrixFromLiteralJson_read_isExpandedAtParseTime() {
    Matrix matrix =
        matrixOf(
            """
            fail-fast: false
            matrix: ${{ fromJSON('{"jdk":[17,21],"include":[{"jdk":25,"experimental":true}]}') }}
            """);

    assertThat(matrix.isDeferred()).isFalse();
    assertThat(matrix.axes()).containsExactly(Map.entry("jdk", List.of("17", "21")));
    assertThat(matrix.include()).containsExactly(Map.of("jdk", "25", "experimental", "true"));
    assertThat(matrix.failFast()).isFalse();
  }

  @Test
  void axesFromEnvAndInputDefaults_read_areExpandedBesideWrittenAxes() {
    Matrix matrix =
        matrixOf(
            """
            matrix:
              os: ${{ fromJSON(env.OSES) }}
              jdk: ${{ fromJSON(inputs.jdks) }}
              arch: [x64]
              exclude: ${{ fromJSON('[{"os":"mac","jdk":"17"}]') }}
            """);

    assertThat(matrix.axes())
        .containsExactly(
            Map.entry("arch", List.of("x64")),
            Map.entry("os", List.of("linux", "mac")),
            Map.entry("jdk", List.of("17", "21")));
    assertThat(matrix.combinations()).hasSize(3);
  }

  @Test
  void axisFromNeedsOutputs_read_isKeptForTheEngine() {
    Matrix matrix =
        matrixOf(
            """
            matrix:
              os: ${{ fromJSON(needs.setup.outputs.oses) }}
              jdk: [21]
            """);

    assertThat(matrix.isDeferred()).isTrue();
    assertThat(matrix.expressions())
        .containsExactly(Map.entry("os", "${{ fromJSON(needs.setup.outputs.oses) }}"));
    assertThat(matrix.axes()).containsExactly(Map.entry("jdk", List.of("21")));
  }

  @Test
  void badMatrixExpressions_read_areLocatedProblems() {
    assertThatThrownBy(
            () ->
                matrixOf(
                    """
                    matrix:
                      os: ${{ fromJSON('{"a":{"b":1}}') }}
                    """))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining(
            "ci.yml:18:9: job \"test\" strategy.matrix cannot be expanded: axis \"os\" must be an"
                + " array of scalars (was Object { \"a\": { \"b\": 1 } }); write the matrix out or"
                + " fix the expression");
    assertThatThrownBy(() -> matrixOf("matrix: ${{ fromJSON(github.event.matrix) }}"))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining(
            "ci.yml:17:15: job \"test\" strategy.matrix reads github, which is not known when the"
                + " matrix expands; use literals, inputs, env or needs.<job>.outputs");
    assertThatThrownBy(() -> matrixOf("matrix: ${{ fromJSON('[1, 2]') }}"))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining("the matrix must be an object of axes (was Array [");
    assertThatThrownBy(() -> matrixOf("matrix: ${{ fromJSON('{\"n\":[1,2]') }} trailing"))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining("must be exactly one ${{ }}");
  }

  @Test
  void tooManyValues_read_isAProblemNamingTheLimit() {
    String many =
        java.util.stream.IntStream.range(0, MatrixLimit.VALUES + 1)
            .mapToObj(Integer::toString)
            .collect(java.util.stream.Collectors.joining(",", "[", "]"));

    assertThatThrownBy(() -> matrixOf("matrix:\n  n: ${{ fromJSON('" + many + "') }}"))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining("the matrix gives more than 256 values");
  }

  /** The documented limit, spelled out so the test fails if it changes silently. */
  static final class MatrixLimit {
    static final int VALUES = io.chengis.dsl.expression.MatrixExpressions.MAX_VALUES;

    private MatrixLimit() {}
  }
}
