package io.chengis.dsl;

import static io.chengis.dsl.Rejections.ONE_STEP;
import static io.chengis.dsl.Rejections.problemsOf;
import static io.chengis.dsl.Rejections.sourceLine;
import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Problem;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The DSL's own problems: settings that may appear once but were declared twice. Each is reported
 * at the second declaration, whose line must be the one the test wrote.
 */
class AuthoringTest {

  /** Asserts one problem with {@code text} at a line containing {@code call}, the second one. */
  private static void assertSingleAtSecond(List<Problem> problems, String text, String call) {
    assertThat(problems).map(Rejections::text).containsExactly(text);
    assertThat(sourceLine(problems.getFirst())).contains(call).contains("second");
  }

  @Test
  void matrix_declaredTwice_isReportedAtTheSecond() {
    Consumer<MatrixBuilder> os = m -> m.axis("os", "linux");
    assertSingleAtSecond(
        problemsOf(
            p ->
                p.matrix(os) // first
                    .matrix(os) // second
                    .stage("build", ONE_STEP)),
        "pipeline \"p\" declares a matrix twice; keep one matrix(...) call",
        ".matrix(");
  }

  @Test
  void source_declaredTwice_isReportedAtTheSecond() {
    assertSingleAtSecond(
        problemsOf(
            p ->
                p.source("https://git.example/a.git") // first
                    .source("https://git.example/b.git", s -> s.depth(1)) // second
                    .stage("build", ONE_STEP)),
        "pipeline \"p\" declares a source twice; keep one source(...) call",
        ".source(");
  }

  @Test
  void pipelineContainer_declaredTwice_isReportedAtTheSecond() {
    assertSingleAtSecond(
        problemsOf(
            p ->
                p.container("eclipse-temurin:21") // first
                    .container(Containers.image("eclipse-temurin:25")) // second
                    .stage("build", ONE_STEP)),
        "pipeline \"p\" declares a container twice; keep one container(...) call",
        ".container(");
  }

  @Test
  void stageContainer_declaredTwice_isReportedAtTheSecond() {
    Consumer<StageBuilder> build =
        s ->
            s.container("maven:3") // first
                .container("gradle:8") // second
                .step("x", shell("x"));
    assertSingleAtSecond(
        problemsOf(p -> p.stage("build", build)),
        "stage \"build\" declares a container twice; keep one container(...) call",
        ".container(");
  }

  @Test
  void approval_declaredTwice_isReportedAtTheSecond() {
    Consumer<StageBuilder> deploy =
        s ->
            s.approval(a -> a.approvers("ann")) // first
                .approval(a -> a.roles("release")) // second
                .step("x", shell("x"));
    assertSingleAtSecond(
        problemsOf(p -> p.stage("deploy", deploy)),
        "stage \"deploy\" declares an approval twice; keep one approval(...) call",
        ".approval(");
  }

  @Test
  void authoringProblems_areReportedTogetherWithRuleProblems() {
    List<Problem> problems =
        problemsOf(
            p -> p.matrix(m -> m.axis("os", "linux").axis("os", "mac")).stage("build", s -> {}));
    assertThat(problems)
        .map(Rejections::text)
        .containsExactly(
            "matrix axis \"os\" is declared twice; declare every axis once with all its values",
            "stage \"build\" has no steps; add at least one step or remove the stage");
  }
}
