package io.chengis.dsl.format.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.nodes.Node;

class OptionWordsTest {

  private static Optional<List<String>> words(String text) {
    YamlFile yaml = new YamlFile("ci.yml");
    Node node = yaml.compose("options: x", "ci");
    return Blocks.words(yaml, node, "container options", text);
  }

  @Test
  void words_honourSingleAndDoubleQuotes_likeAShellWithoutRunningOne() {
    assertThat(
            words(
                "--health-cmd \"pg_isready -U postgres\" --health-interval 10s  -e 'A=b c'"
                    + " -e \"Q=\\\"x\\\"\" --label=a\"b c\""))
        .contains(
            List.of(
                "--health-cmd",
                "pg_isready -U postgres",
                "--health-interval",
                "10s",
                "-e",
                "A=b c",
                "-e",
                "Q=\"x\"",
                "--label=ab c"));
    assertThat(words("  ")).contains(List.of());
    assertThat(words("--empty ''")).contains(List.of("--empty", ""));
  }

  @Test
  void words_unterminatedQuote_isAProblem() {
    YamlFile yaml = new YamlFile("ci.yml");
    Node node = yaml.compose("options: x", "ci");

    assertThat(Blocks.words(yaml, node, "container options", "--health-cmd \"pg_isready"))
        .isEmpty();
    assertThat(yaml.problems())
        .singleElement()
        .satisfies(
            problem ->
                assertThat(problem.message())
                    .contains("container options has an unterminated double quote"));
  }

  @Property
  void words_singleQuotedWords_comeBackUnchanged(
      @ForAll @Size(max = 6) List<@StringLength(max = 12) String> original) {
    List<String> safe = original.stream().map(w -> w.replace("'", "")).toList();
    String text = String.join(" ", safe.stream().map(w -> "'" + w + "'").toList());

    assertThat(words(text)).contains(safe);
  }
}
