package io.chengis.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the package Javadoc's complete pipeline test equal to compiled, passing test code. */
class JavadocSnippetTest {

  @Test
  void packageJavadoc_example_isTheCodeOfReleasePipelineTest() throws IOException {
    String javadoc =
        Files.readString(Path.of("src/main/java/io/chengis/testkit/package-info.java"));
    String source =
        Files.readString(Path.of("src/test/java/io/chengis/testkit/ReleasePipelineTest.java"));

    assertThat(example(javadoc)).isEqualTo(marked(source)).contains("@ChengisTest");
  }

  /** The code of the first {@code <pre>{@code ...}</pre>} block, without the comment's stars. */
  static String example(String javadoc) {
    String block = javadoc.split("<pre>\\{@code\n", 2)[1].split("}</pre>", 2)[0];
    List<String> lines = new ArrayList<>();
    for (String line : block.split("\n")) {
      String trimmed = line.stripTrailing();
      if (trimmed.startsWith(" * ")) {
        lines.add(trimmed.substring(3));
      } else if (trimmed.strip().equals("*")) {
        lines.add("");
      }
    }
    return String.join("\n", lines).strip();
  }

  static String marked(String source) {
    return source.split("// JAVADOC-BEGIN\n", 2)[1].split("// JAVADOC-END", 2)[0].strip();
  }
}
