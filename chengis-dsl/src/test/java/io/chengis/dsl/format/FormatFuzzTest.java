package io.chengis.dsl.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.spi.PipelineFormat;
import io.chengis.api.spi.PipelineSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The only failure a pipeline file may cause is a definition error whose problems are located. */
class FormatFuzzTest {
  static final Path FORMATS = Path.of("src/test/resources/formats");
  static final List<String> SEEDS =
      List.of(
          "Chengisfile",
          ".chengis/workflow.yml",
          ".github/workflows/maven.yml",
          ".github/workflows/matrix.yml",
          ".github/workflows/dag.yml",
          ".github/workflows/dispatch.yml",
          ".github/workflows/features.yml",
          ".github/workflows/calls.yml",
          ".github/workflows/called.yml");
  static final String YAML_CHARACTERS = " \n\t:-[]{},#&*!|>'\"%@`?0123456789abcdefxyz$.\\";
  static final String EDN_CHARACTERS = " \n\t:-[]{}(),;#_\"\\0123456789abcdeilnprstuvwxyz";

  private record Mutation(int kind, int position, int length, String text) {}

  @Property(tries = 600)
  void mutatedPipelineFile_parse_eitherBuildsOrReportsOnlyLocatedProblems(
      @ForAll("seeds") String seed, @ForAll("mutations") List<Mutation> mutations) {
    String text = mutate(read(seed), mutations);

    assertOnlyLocatedProblems(seed, text);
  }

  @Property(tries = 400)
  void randomText_parse_eitherBuildsOrReportsOnlyLocatedProblems(
      @ForAll("seeds") String seed, @ForAll("randomYaml") String text) {
    assertOnlyLocatedProblems(seed, text);
  }

  static void assertOnlyLocatedProblems(String file, String text) {
    PipelineFormat format =
        file.equals("Chengisfile")
            ? PipelineFormats.chengisfile()
            : file.startsWith(".chengis")
                ? PipelineFormats.chengisYaml()
                : PipelineFormats.githubActions();
    // Workflows are read where they lie, so that a local uses: finds the workflow it calls; a
    // problem may then be located in the called workflow.
    String name = file.startsWith(".github") ? FORMATS.resolve(file).toString() : file;
    try {
      format.parse(new PipelineSource(name, text));
    } catch (PipelineDefinitionException e) {
      assertThat(e.problems())
          .isNotEmpty()
          .allSatisfy(
              problem -> {
                assertThat(problem.where().file())
                    .isIn(
                        name,
                        FORMATS
                            .resolve(".github/workflows/called.yml")
                            .toAbsolutePath()
                            .toString());
                assertThat(problem.where().line()).isPositive();
                assertThat(problem.where().column()).isPositive();
              });
    }
  }

  @Property(tries = 400)
  void randomEdn_parse_eitherBuildsOrReportsOnlyLocatedProblems(@ForAll("randomEdn") String text) {
    assertOnlyLocatedProblems("Chengisfile", text);
  }

  @Provide
  Arbitrary<String> randomEdn() {
    return Arbitraries.strings().withChars(EDN_CHARACTERS.toCharArray()).ofMaxLength(200);
  }

  @Provide
  Arbitrary<String> seeds() {
    return Arbitraries.of(SEEDS);
  }

  @Provide
  Arbitrary<String> randomYaml() {
    return Arbitraries.strings().withChars(YAML_CHARACTERS.toCharArray()).ofMaxLength(200);
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> mutation =
        Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 4000),
                Arbitraries.integers().between(0, 40),
                Arbitraries.strings().withChars(YAML_CHARACTERS.toCharArray()).ofMaxLength(8))
            .as(Mutation::new);
    return mutation.list().ofMinSize(1).ofMaxSize(6);
  }

  private static String mutate(String text, List<Mutation> mutations) {
    StringBuilder result = new StringBuilder(text);
    for (Mutation mutation : mutations) {
      int at = result.isEmpty() ? 0 : mutation.position() % result.length();
      int end = Math.min(result.length(), at + mutation.length());
      switch (mutation.kind()) {
        case 0 -> result.delete(at, end);
        case 1 -> result.insert(at, mutation.text());
        case 2 -> result.replace(at, end, mutation.text());
        case 3 -> result.insert(at, result.substring(at, end));
        default -> {
          List<String> lines = new ArrayList<>(List.of(result.toString().split("\n", -1)));
          if (lines.size() > 1) {
            int line = at % (lines.size() - 1);
            lines.add(line + 1, lines.remove(line));
          }
          result = new StringBuilder(String.join("\n", lines));
        }
      }
    }
    return result.toString();
  }

  private static String read(String seed) {
    try {
      return Files.readString(FORMATS.resolve(seed));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
