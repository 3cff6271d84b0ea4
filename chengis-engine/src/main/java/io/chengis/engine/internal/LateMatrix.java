package io.chengis.engine.internal;

import io.chengis.api.Matrix;
import io.chengis.api.Stage;
import io.chengis.dsl.expression.Contexts;
import io.chengis.dsl.expression.ExpressionException;
import io.chengis.dsl.expression.MatrixExpressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stage whose own matrix reads finished stages ({@code ${{ fromJSON(needs.setup.outputs.list)
 * }}}): it is planned as one placeholder instance, and expanded into its instances when the stages
 * it waits for have finished. Stateless.
 */
final class LateMatrix {
  private LateMatrix() {}

  /** Whether this instance stands for instances known only at run time. */
  static boolean isPlaceholder(StageInstance instance) {
    return instance.stage().matrix().map(Matrix::isDeferred).orElse(false);
  }

  /**
   * The instances of a placeholder, each waiting for what the placeholder waited for.
   *
   * @return the instances, or the located reason the matrix cannot be expanded
   */
  static Expansion expand(StageInstance placeholder, Contexts contexts) {
    Matrix written = placeholder.stage().matrix().orElseThrow();
    Matrix matrix;
    List<Map<String, String>> combinations;
    try {
      matrix = MatrixExpressions.resolve(written, contexts);
      combinations = matrix.combinations();
    } catch (ExpressionException broken) {
      return new Expansion(List.of(), Optional.of(reason(written, broken.getMessage())));
    }
    if (combinations.size() > matrix.maxCombinations()) {
      return new Expansion(
          List.of(),
          Optional.of(
              reason(
                  written,
                  "gives "
                      + combinations.size()
                      + " combinations, more than the "
                      + matrix.maxCombinations()
                      + " allowed; shorten the lists it reads")));
    }
    if (combinations.isEmpty()) {
      return new Expansion(
          List.of(), Optional.of(reason(written, "gives no combination; give at least one value")));
    }
    Stage stage = withMatrix(placeholder.stage(), matrix);
    List<StageInstance> instances = new ArrayList<>();
    for (Map<String, String> combination : combinations) {
      Map<String, String> merged = new LinkedHashMap<>(placeholder.combination());
      merged.putAll(combination);
      instances.add(
          new StageInstance(
              Matrix.stageName(stage.name(), merged), stage, merged, placeholder.waitsFor()));
    }
    return new Expansion(instances, Optional.empty());
  }

  /**
   * What a placeholder expands to.
   *
   * @param instances the instances, empty when the matrix cannot be expanded
   * @param failure why it cannot be expanded
   */
  record Expansion(List<StageInstance> instances, Optional<String> failure) {}

  private static String reason(Matrix written, String problem) {
    return written.location() + ": strategy.matrix " + problem;
  }

  private static Stage withMatrix(Stage stage, Matrix matrix) {
    return new Stage(
        stage.name(),
        stage.dependsOn(),
        stage.parallel(),
        stage.failFast(),
        stage.condition(),
        stage.container(),
        stage.services(),
        stage.env(),
        stage.steps(),
        stage.approval(),
        stage.caches(),
        stage.timeout(),
        stage.labels(),
        stage.resources(),
        stage.location(),
        Optional.of(matrix),
        stage.outputs(),
        stage.resultCache(),
        stage.concurrency());
  }
}
