package io.chengis.dsl;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random definitions, valid and invalid, driven through the DSL: building is deterministic and the
 * only failure is a {@link PipelineDefinitionException} whose problems are all located here.
 */
class DefinitionPropertiesTest {
  private static final String FILE = "DefinitionPropertiesTest.java";

  /** What one random definition says; {@link #build} turns it into DSL calls. */
  record Spec(
      String name,
      Optional<Duration> timeout,
      List<String> envNames,
      List<StageSpec> stages,
      Optional<MatrixSpec> matrix) {}

  record StageSpec(
      String name, List<String> dependsOn, List<String> steps, Optional<Duration> timeout) {}

  record MatrixSpec(
      List<Tuple.Tuple2<String, List<String>>> axes, List<Map<String, String>> excludes, int max) {}

  /** Declares {@code spec} through the DSL; every call sits at one line of this file. */
  static Pipeline build(Spec spec) {
    return Chengis.pipeline(
        spec.name(),
        p -> {
          spec.timeout().ifPresent(p::timeout);
          spec.envNames().forEach(name -> p.env(name, "value of " + name));
          spec.matrix().ifPresent(matrix -> p.matrix(m -> declare(m, matrix)));
          for (StageSpec stage : spec.stages()) {
            p.stage(stage.name(), s -> declare(s, stage));
          }
        });
  }

  private static void declare(MatrixBuilder m, MatrixSpec matrix) {
    matrix.axes().forEach(axis -> m.axis(axis.get1(), axis.get2().toArray(String[]::new)));
    matrix.excludes().forEach(m::exclude);
    m.max(matrix.max());
  }

  private static void declare(StageBuilder s, StageSpec stage) {
    s.dependsOn(stage.dependsOn().toArray(String[]::new));
    stage.timeout().ifPresent(s::timeout);
    for (String step : stage.steps()) {
      s.step(step, shell("echo " + step), o -> stage.timeout().ifPresent(o::timeout));
    }
  }

  /** The pipeline, or the problems when the definition is rejected. */
  private static Object outcome(Spec spec) {
    try {
      return build(spec);
    } catch (PipelineDefinitionException invalid) {
      return invalid.problems();
    }
  }

  @Property(tries = 200, seed = "20261127")
  void definition_builtTwice_givesEqualRecordsOrEqualProblems(@ForAll("specs") Spec spec) {
    assertThat(outcome(spec)).isEqualTo(outcome(spec));
  }

  @Property(tries = 200, seed = "42")
  void definition_eitherBuildsOrReportsLocatedProblems(@ForAll("specs") Spec spec) {
    boolean valid;
    try {
      Pipeline pipeline = build(spec);
      assertThat(pipeline.stages())
          .extracting(stage -> stage.name())
          .containsExactlyElementsOf(spec.stages().stream().map(StageSpec::name).toList());
      valid = true;
    } catch (PipelineDefinitionException invalid) {
      valid = false;
      assertThat(invalid.problems()).isNotEmpty();
      assertThat(invalid.getMessage())
          .startsWith(
              "pipeline \"" + spec.name() + "\" has " + invalid.problems().size() + " problem");
      for (Problem problem : invalid.problems()) {
        assertThat(problem.where().isKnown()).as("%s", problem).isTrue();
        assertThat(problem.where().file()).isEqualTo(FILE);
        assertThat(problem.where().line()).isPositive();
        assertThat(problem.subject()).isNotBlank();
        assertThat(problem.problem()).isNotBlank();
        assertThat(problem.fix()).isNotBlank();
        assertThat(problem.message()).startsWith(problem.where() + ": " + problem.subject() + " ");
      }
    }
    Statistics.collect(valid ? "valid" : "invalid");
    Statistics.coverage(
        coverage -> {
          coverage.check("valid").percentage(share -> share >= 5);
          coverage.check("invalid").percentage(share -> share >= 5);
        });
  }

  // --- generators
  // ---------------------------------------------------------------------------------

  private static Arbitrary<String> names(String... valid) {
    return Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.of(valid)),
        Tuple.of(1, Arbitraries.of("", " ", " pad ", "tab\tbed", "x".repeat(101))));
  }

  private static Arbitrary<Optional<Duration>> timeouts() {
    return Arbitraries.longs().between(-2, 600).map(Duration::ofSeconds).optional(0.3);
  }

  @Provide
  Arbitrary<Spec> specs() {
    Arbitrary<String> stageNames = names("build", "test", "deploy", "lint", "docs", "package");
    Arbitrary<StageSpec> stage =
        Combinators.combine(
                stageNames,
                Arbitraries.frequencyOf(
                    Tuple.of(4, Arbitraries.just(List.<String>of())),
                    Tuple.of(1, stageNames.list().ofMaxSize(2))),
                names("compile", "unit", "ship").list().ofMinSize(1).ofMaxSize(2).uniqueElements(),
                Arbitraries.frequencyOf(
                    Tuple.of(6, Arbitraries.just(Optional.<Duration>empty())),
                    Tuple.of(1, timeouts())))
            .as(StageSpec::new);
    Arbitrary<String> axisNames = names("os", "jdk", "arch");
    Arbitrary<List<String>> axisValues =
        Arbitraries.of("linux", "mac", "17", "21", "arm").list().ofMinSize(0).ofMaxSize(3);
    Arbitrary<Map<String, String>> exclude =
        Arbitraries.maps(axisNames, Arbitraries.of("linux", "17", "x")).ofMaxSize(2);
    Arbitrary<MatrixSpec> matrix =
        Combinators.combine(
                Combinators.combine(axisNames, axisValues).as(Tuple::of).list().ofMaxSize(3),
                exclude.list().ofMaxSize(2),
                Arbitraries.frequencyOf(
                    Tuple.of(5, Arbitraries.just(256)),
                    Tuple.of(1, Arbitraries.integers().between(-1, 8))))
            .as(MatrixSpec::new);
    return Combinators.combine(
            names("api", "web", "release-1.2"),
            timeouts(),
            Arbitraries.frequencyOf(
                    Tuple.of(10, Arbitraries.of("JAVA_HOME", "CI", "_X")),
                    Tuple.of(1, Arbitraries.of("1X", "A-B", "")))
                .list()
                .ofMaxSize(3)
                .uniqueElements(),
            stage.list().ofMinSize(0).ofMaxSize(4),
            matrix.optional(0.3))
        .as(Spec::new);
  }
}
