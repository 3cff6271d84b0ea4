package io.chengis.dsl;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Builds definitions that must be rejected and returns what was reported, for assertions. */
final class Rejections {
  private Rejections() {}

  /** A stage that is valid on its own, for definitions whose mistake lies elsewhere. */
  static final Consumer<StageBuilder> ONE_STEP = s -> s.step("compile", shell("make"));

  /** Builds {@code spec} as pipeline {@code name} and returns the exception it must throw. */
  static PipelineDefinitionException rejected(String name, Consumer<PipelineBuilder> spec) {
    return rejected(() -> Chengis.pipeline(name, spec));
  }

  /** Runs {@code definition} and returns the exception it must throw. */
  static PipelineDefinitionException rejected(Supplier<Pipeline> definition) {
    Pipeline built;
    try {
      built = definition.get();
    } catch (PipelineDefinitionException expected) {
      return expected;
    }
    throw new AssertionError(
        "expected pipeline " + built.name() + " to be rejected, but it was built");
  }

  /** The problems of pipeline {@code "p"} defined by {@code spec}. */
  static List<Problem> problemsOf(Consumer<PipelineBuilder> spec) {
    return rejected("p", spec).problems();
  }

  /** The messages of pipeline {@code "p"}, each without its location prefix. */
  static List<String> messagesOf(Consumer<PipelineBuilder> spec) {
    return problemsOf(spec).stream().map(Rejections::text).toList();
  }

  /**
   * A problem's message after its {@code <where>: } prefix. Locations quoted inside it ("first at
   * X.java:12") are reduced to {@code X.java:#} so that messages can be compared as literals; the
   * lines themselves are checked in {@link LocationsTest}.
   */
  static String text(Problem problem) {
    String prefix = problem.where() + ": ";
    assertThat(problem.message()).startsWith(prefix);
    return problem.message().substring(prefix.length()).replaceAll("(\\w+\\.java):\\d+", "$1:#");
  }

  /** The text of the test source line that {@code problem} points at. */
  static String sourceLine(Problem problem) {
    Path file = Path.of("src/test/java/io/chengis/dsl", problem.where().file());
    try {
      List<String> lines = Files.readAllLines(file);
      assertThat(problem.where().line()).as("line of %s", problem).isBetween(1, lines.size());
      return lines.get(problem.where().line() - 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
