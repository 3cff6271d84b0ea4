package io.chengis.engine;

import io.chengis.api.StageOrder;
import io.chengis.engine.PipelineModel.StageModel;
import io.chengis.engine.PipelineModel.StepModel;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of {@link PipelineModel}s small enough to run on real processes: a few stages of one
 * to three quick steps each.
 */
final class PipelineArbitraries {
  private PipelineArbitraries() {}

  /** Exit code 0 most of the time, otherwise 1 to 5. */
  static Arbitrary<Integer> exitCodes() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(1, 5)));
  }

  /** A step without a name yet: exit code, continueOnError (one in five), sleep 0 to 0.03 s. */
  static Arbitrary<StepModel> steps() {
    return Combinators.combine(
            exitCodes(),
            Arbitraries.integers().between(0, 4).map(n -> n == 0),
            Arbitraries.integers().between(0, 3))
        .as((code, allowed, sleep) -> new StepModel("", code, allowed, sleep));
  }

  /** Steps named {@code s1}, {@code s2}, ... in declaration order. */
  static Arbitrary<List<StepModel>> stepLists(int min, int max) {
    return steps().list().ofMinSize(min).ofMaxSize(max).map(PipelineArbitraries::named);
  }

  private static List<StepModel> named(List<StepModel> steps) {
    List<StepModel> named = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      StepModel step = steps.get(i);
      named.add(new StepModel("s" + (i + 1), step.exitCode(), step.allowed(), step.sleep()));
    }
    return named;
  }

  /**
   * DAGs of 3 to 7 stages named {@code a}, {@code b}, ...; each stage depends on a random subset of
   * the stages declared before it (so there is no cycle), and at least one stage depends on another
   * so the pipeline really is a DAG. About a third of the stages run their steps in parallel.
   */
  static Arbitrary<PipelineModel> dags(String name) {
    return dags(name, StageOrder.DECLARATION);
  }

  /**
   * DAGs as {@link #dags(String)} gives, half of them with {@link StageOrder#DEPENDENCIES} (GitHub
   * Actions' jobs), where stages need no dependency at all to run side by side.
   */
  static Arbitrary<PipelineModel> dagsInEitherOrder(String name) {
    return Arbitraries.of(StageOrder.values()).flatMap(order -> dags(name, order));
  }

  private static Arbitrary<PipelineModel> dags(String name, StageOrder order) {
    Arbitrary<StageShape> shape =
        Combinators.combine(
                stepLists(1, 3),
                Arbitraries.integers().between(0, 2).map(n -> n == 0),
                Arbitraries.integers().between(0, 127))
            .as(StageShape::new);
    return shape
        .list()
        .ofMinSize(3)
        .ofMaxSize(7)
        .map(
            shapes -> {
              List<StageModel> stages = new ArrayList<>();
              for (int i = 0; i < shapes.size(); i++) {
                StageShape stage = shapes.get(i);
                List<String> dependsOn = new ArrayList<>();
                for (int earlier = 0; earlier < i; earlier++) {
                  if ((stage.dependencyBits() & (1 << earlier)) != 0) {
                    dependsOn.add(stageName(earlier));
                  }
                }
                if (i == shapes.size() - 1
                    && order == StageOrder.DECLARATION
                    && stages.stream().allMatch(s -> s.dependsOn().isEmpty())
                    && dependsOn.isEmpty()) {
                  dependsOn.add(stageName(0));
                }
                stages.add(
                    new StageModel(stageName(i), stage.steps(), stage.parallel(), dependsOn));
              }
              return new PipelineModel(name, stages, order);
            });
  }

  /** Sequential pipelines (no {@code dependsOn}) of 1 to 5 stages of 1 to 4 sequential steps. */
  static Arbitrary<PipelineModel> sequential(String name) {
    return stepLists(1, 4)
        .list()
        .ofMinSize(1)
        .ofMaxSize(5)
        .map(
            stepLists -> {
              List<StageModel> stages = new ArrayList<>();
              for (int i = 0; i < stepLists.size(); i++) {
                stages.add(new StageModel(stageName(i), stepLists.get(i), false, List.of()));
              }
              return new PipelineModel(name, stages);
            });
  }

  /** Stage names {@code a}, {@code b}, {@code c}, ... by declaration index. */
  static String stageName(int index) {
    return String.valueOf((char) ('a' + index));
  }

  private record StageShape(List<StepModel> steps, boolean parallel, int dependencyBits) {}
}
