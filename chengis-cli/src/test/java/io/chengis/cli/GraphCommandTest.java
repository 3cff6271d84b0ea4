package io.chengis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {
  @TempDir Path dir;
  private Path workflow;

  @BeforeEach
  void writeWorkflow() throws Exception {
    workflow = Files.createDirectories(dir.resolve(".github/workflows")).resolve("ci.yml");
    Files.writeString(
        workflow,
        """
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - run: make
          test:
            needs: build
            runs-on: ubuntu-latest
            steps:
              - run: make test
          lint:
            needs: build
            runs-on: ubuntu-latest
            steps:
              - run: make lint
        """);
  }

  private String graph(String format) {
    StringWriter out = new StringWriter();
    int code =
        Main.execute(
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            "graph",
            "--format",
            format,
            workflow.toString());
    assertThat(code).isZero();
    return out.toString();
  }

  @Test
  void graph_text_listsEachStageWithWhatItWaitsFor() {
    assertThat(graph("text")).isEqualTo("ci\n  build\n  test  <- build\n  lint  <- build\n");
  }

  @Test
  void graph_mermaid_isAFlowchartWithOneEdgePerDependency() {
    assertThat(graph("mermaid"))
        .isEqualTo(
            "flowchart LR\n  s0[\"build\"]\n  s1[\"test\"]\n  s2[\"lint\"]\n  s0 --> s1\n  s0 --> s2\n");
  }

  @Test
  void graph_dot_isADigraph() {
    assertThat(graph("dot"))
        .isEqualTo(
            "digraph \"ci\" {\n  rankdir=LR;\n  \"build\";\n  \"test\";\n  \"lint\";\n"
                + "  \"build\" -> \"test\";\n  \"build\" -> \"lint\";\n}\n");
  }

  @Test
  void graph_jobsWithoutNeeds_areRootsSideBySideNotAChain() throws Exception {
    Files.writeString(
        workflow,
        """
        on: push
        jobs:
          unit:
            runs-on: ubuntu-latest
            steps:
              - run: make test
          lint:
            runs-on: ubuntu-latest
            steps:
              - run: make lint
        """);

    assertThat(graph("text")).isEqualTo("ci\n  unit\n  lint\n");
    assertThat(graph("mermaid")).isEqualTo("flowchart LR\n  s0[\"unit\"]\n  s1[\"lint\"]\n");
  }
}
