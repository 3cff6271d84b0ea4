package io.chengis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chengis run} and {@code chengis lint} on real pipeline files, with real processes. */
class PipelineFilesRunTest {
  @TempDir Path temp;

  private CliOutcome chengis(String... args) {
    return CliOutcome.of(temp, args);
  }

  private Path project() throws Exception {
    Path project = Files.createDirectories(temp.resolve("shop"));
    Files.writeString(project.resolve("VERSION"), "4.2.0\n");
    Path workflows = Files.createDirectories(project.resolve(".github/workflows"));
    Files.writeString(
        workflows.resolve("ci.yml"),
        """
        name: CI
        on:
          push:
            branches: [main]
            paths-ignore: ['docs/**']
        jobs:
          build:
            runs-on: ubuntu-latest
            outputs:
              version: ${{ steps.version.outputs.version }}
            steps:
              - uses: actions/checkout@v4
              - id: version
                run: |
                  echo "version=$(cat VERSION)" >> "$GITHUB_OUTPUT"
                  echo "RELEASE_CHANNEL=stable" >> "$GITHUB_ENV"
                  mkdir -p bin && printf '#!/bin/sh\\necho packaged "$@"\\n' > bin/package
                  chmod +x bin/package && echo "$PWD/bin" >> "$GITHUB_PATH"
                  echo "### Version $(cat VERSION)" >> "$GITHUB_STEP_SUMMARY"
              - run: package "$RELEASE_CHANNEL"
          test:
            needs: build
            runs-on: ubuntu-latest
            strategy:
              matrix:
                jdk: [17, 21]
            steps:
              - run: echo "testing ${{ needs.build.outputs.version }} on jdk ${{ matrix.jdk }}"
          deploy:
            needs: [build, test]
            runs-on: ubuntu-latest
            environment: production
            steps:
              - run: echo "deploying to $CHENGIS_ENVIRONMENT"
        """);
    return project;
  }

  @Test
  void githubWorkflowInAProject_run_runsEveryJobOnLocalProcesses() throws Exception {
    Path project = project();

    CliOutcome run =
        chengis("run", "-v", project.toString(), "--workspace", temp.resolve("work").toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("Pipeline from " + project.resolve(".github/workflows/ci.yml"))
        .contains("copied 2 files of " + project.toAbsolutePath().normalize())
        .contains("[build] version | [summary] ### Version 4.2.0")
        .contains("packaged stable")
        .contains("[test [jdk=17]] step-1 | testing 4.2.0 on jdk 17")
        .contains("[test [jdk=21]] step-1 | testing 4.2.0 on jdk 21")
        .contains("deploying to production")
        .contains("SUCCESS ci #1");
  }

  @Test
  void githubWorkflowWithJobMatrix_treeProgress_drawsEveryInstanceOfTheJob() throws Exception {
    Path project = project();

    CliOutcome run =
        chengis(
            "run",
            "--progress",
            "tree",
            "--no-color",
            project.toString(),
            "--workspace",
            temp.resolve("work").toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("test [jdk=17]")
        .contains("test [jdk=21]")
        .doesNotContain("test\n")
        .contains("SUCCESS ci #1");
  }

  @Test
  void workspaceInsideTheProject_run_checkoutCopiesTheProjectButNotTheWorkspaces()
      throws Exception {
    Path project = project();
    Files.createDirectories(project.resolve("builds/old"));
    Files.writeString(project.resolve("builds/old/junk"), "x");

    CliOutcome run =
        chengis(
            "run", "-v", project.toString(), "--workspace", project.resolve("builds").toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("copied 2 files of ");
  }

  @Test
  void checkoutOfAnotherRepository_run_failsSayingItNeedsTheGitPlugin() throws Exception {
    Path workflows = Files.createDirectories(temp.resolve("other/.github/workflows"));
    Files.writeString(
        workflows.resolve("ci.yml"),
        """
        on: push
        jobs:
          b:
            runs-on: x
            steps:
              - uses: actions/checkout@v4
                with: {repository: acme/tools}
        """);

    CliOutcome run =
        chengis(
            "run",
            "-v",
            temp.resolve("other").toString(),
            "--workspace",
            temp.resolve("w").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "chengis: checking out another repository needs the git plugin; chengis run copies only"
                + " the project it runs (was repository: acme/tools)");
  }

  @Test
  void chengisfileWithProblems_lint_printsEveryProblemLocated() throws Exception {
    Path file = temp.resolve("Chengisfile");
    Files.writeString(
        file,
        """
        {:stages [{:name "Build"
                   :steps [{:name "compile" :run "make" :timeout "10"}]}
                  {:nmae "Test"}]}
        """);

    CliOutcome lint = chengis("lint", temp.toString());

    assertThat(lint.exitCode()).isEqualTo(1);
    assertThat(lint.out())
        .contains(
            file
                + ":2:58: stage 1 (Build) step 1 (compile) :timeout must be a positive whole number"
                + " of milliseconds (was \"10\"); write e.g. 10")
        .contains(file + ":3:12: stage 2 has unknown key :nmae; did you mean :name?")
        .contains("4 problems");
  }

  @Test
  void chengisfile_graph_drawsItsStages() throws Exception {
    Files.writeString(
        temp.resolve("Chengisfile"),
        """
        {:stages [{:name "Build" :steps [{:name "c" :run "true"}]}
                  {:name "Test" :depends-on ["Build"] :steps [{:name "t" :run "true"}]}]}
        """);

    CliOutcome graph = chengis("graph", "--format", "mermaid", temp.toString());

    assertThat(graph.exitCode()).isZero();
    assertThat(graph.out()).contains("flowchart").contains("Build").contains("Test");
  }
}
