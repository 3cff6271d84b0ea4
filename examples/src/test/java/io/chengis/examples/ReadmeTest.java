package io.chengis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps README.md honest: every {@code java} block in it must be exactly a snippet of compiled,
 * tested code marked with {@code // README-BEGIN} and {@code // README-END}, and every marked
 * snippet must be shown.
 */
class ReadmeTest {
  private static final Path README = Path.of("../README.md");
  private static final Path TESTS = Path.of("src/test/java/io/chengis/examples");

  /** The files the README quotes. */
  private static final List<String> SOURCES =
      List.of(
          "ReadmeExampleTest.java",
          "ApiPipeline.java",
          "EmbeddingExampleTest.java",
          "TestingYourPipelineTest.java",
          "ContainersExampleTest.java",
          "PluginsExampleTest.java",
          "GitCheckoutReadmeTest.java",
          "CachesReadmeTest.java");

  @Test
  void readme_javaBlocks_equalTheMarkedSnippetsOfTestCode() {
    List<String> snippets = new ArrayList<>();
    for (String source : SOURCES) {
      snippets.addAll(snippets(read(TESTS.resolve(source))));
    }

    assertThat(javaBlocks(readme())).containsExactlyInAnyOrderElementsOf(snippets);
  }

  @Test
  void readme_testCommand_isTheOneTheCiScriptRuns() throws IOException {
    String ci = Files.readString(Path.of("../.ci/run"));

    assertThat(ci).contains("\n./mvnw -B verify\n");
    assertThat(readme()).contains("```shell\n./mvnw -B verify\n```");
  }

  @Test
  void readme_describeOutput_isWhatDescribePrintsForHelloWorld() {
    assertThat(readme()).contains(Describe.outline(new HelloWorldPipeline().define()));
  }

  static String readme() {
    return read(README);
  }

  private static String read(Path path) {
    try {
      return Files.readString(path).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text between each pair of markers, without the indentation all its lines share. */
  static List<String> snippets(String source) {
    List<String> snippets = new ArrayList<>();
    List<String> current = null;
    for (String line : source.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.equals("// README-BEGIN")) {
        current = new ArrayList<>();
      } else if (trimmed.equals("// README-END") && current != null) {
        // The formatter may leave a blank line before the end marker; it is not part of the
        // snippet.
        while (!current.isEmpty() && current.get(current.size() - 1).isBlank()) {
          current.remove(current.size() - 1);
        }
        snippets.add(String.join("\n", current).stripIndent());
        current = null;
      } else if (current != null) {
        current.add(line);
      }
    }
    return snippets;
  }

  /** The content of each fenced {@code java} block. */
  static List<String> javaBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    List<String> current = null;
    for (String line : markdown.split("\n", -1)) {
      if (current == null && line.equals("```java")) {
        current = new ArrayList<>();
      } else if (current != null && line.equals("```")) {
        blocks.add(String.join("\n", current));
        current = null;
      } else if (current != null) {
        current.add(line);
      }
    }
    return blocks;
  }
}
