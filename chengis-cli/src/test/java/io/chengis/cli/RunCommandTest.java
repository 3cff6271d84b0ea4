package io.chengis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chengis.cli.fixtures.BrokenPipeline;
import io.chengis.cli.fixtures.FailingPipeline;
import io.chengis.cli.fixtures.PassingPipeline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code chengis run} in this JVM against the test pipelines, on the real engine. */
class RunCommandTest {
  @TempDir Path workspace;

  private record Outcome(int exitCode, String out, String err) {}

  private Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--workspace", workspace.toString()));
    if (all.getFirst().equals("run")) {
      all.addAll(List.of("--db", workspace.resolve("chengis.db").toString()));
    }
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void run_successfulPipeline_exitsZeroWithPlainLinesAndSummary() {
    Outcome run = run("run", "--class", PassingPipeline.class.getName());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Build passing #1 (")
        .contains("[Build] Compile ... ok (")
        .contains("[Check] Flaky ... failed (allowed): exit code 5")
        .contains("[post] Notify ... ok (")
        .contains("SUCCESS passing #1 in ")
        .contains("1 allowed failure:\n    [Check] Flaky: failed (allowed): exit code 5")
        .doesNotContain("\u001b[");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void run_failingPipeline_exitsOneAndNamesTheFailedStep() {
    Outcome run = run("run", "--class", FailingPipeline.class.getName());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("[Build] Compile ... failed: exit code 4")
        .contains("[Deploy] skipped: stage \"Build\" failed")
        .contains("FAILURE failing #1")
        .contains("1 failed step:\n    [Build] Compile: failed: exit code 4");
  }

  @Test
  void run_withoutVerbose_hidesStepOutput() {
    Outcome run = run("run", "--class", PassingPipeline.class.getName());

    assertThat(run.out()).doesNotContain("compiled hi");
  }

  @Test
  void run_verbose_showsStepOutputWithItsStageAndStep() {
    Outcome run = run("run", "-v", "--class", PassingPipeline.class.getName());

    assertThat(run.out())
        .contains("[Build] Compile | compiled hi")
        .contains("[Check] Flaky ! flaky")
        .contains("[post] Notify | notified");
  }

  @Test
  void run_param_reachesTheStep() {
    Outcome run = run("run", "-v", "--param", "greeting=hello there", "--class", "PassingPipeline");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("[Build] Compile | compiled hello there");
  }

  @Test
  void run_undeclaredParam_exitsTwoNamingTheDeclaredOnes() {
    Outcome run = run("run", "--param", "colour=red", "--class", PassingPipeline.class.getName());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("parameter \"colour\" is not declared by the pipeline; use one of [greeting]")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void run_paramWithoutEquals_isAUsageError() {
    Outcome run = run("run", "--param", "greeting", "--class", PassingPipeline.class.getName());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--param").contains("KEY=VALUE");
  }

  @Test
  void run_json_printsOneParseableObjectPerEvent() throws Exception {
    Outcome run = run("run", "--json", "--class", PassingPipeline.class.getName());

    assertThat(run.exitCode()).isZero();
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (String line : run.out().split("\n")) {
      events.add(mapper.readTree(line));
    }
    assertThat(events).hasSizeGreaterThan(8);
    assertThat(events).allSatisfy(event -> assertThat(event.path("type").isTextual()).isTrue());
    String buildId = events.getFirst().path("buildId").asText();
    assertThat(buildId).hasSize(26);
    assertThat(events)
        .allSatisfy(event -> assertThat(event.path("buildId").asText()).isEqualTo(buildId));
    assertThat(events.getFirst().path("type").asText()).isEqualTo("BuildQueued");
    assertThat(events.getFirst().path("job").asText()).isEqualTo("passing");
    JsonNode finished = events.getLast();
    assertThat(finished.path("type").asText()).isEqualTo("BuildFinished");
    assertThat(finished.path("result").path("conclusion").asText()).isEqualTo("SUCCESS");
    assertThat(
            finished
                .path("result")
                .path("stages")
                .get(1)
                .path("steps")
                .get(0)
                .path("exitCode")
                .asInt())
        .isEqualTo(5);
    assertThat(events)
        .filteredOn(event -> event.path("type").asText().equals("LogBatch"))
        .anySatisfy(
            batch ->
                assertThat(batch.path("lines").get(0).path("text").asText())
                    .isEqualTo("compiled hi"));
  }

  @Test
  void run_definitionError_printsTheLocatedProblemsWithoutAStackTrace() {
    Outcome run = run("run", "--class", BrokenPipeline.class.getName());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("pipeline \"broken\" has 2 problems:")
        .contains("BrokenPipeline.java:")
        .contains("depends on unknown stage \"build\"")
        .contains("timeout must be positive (was PT0S)")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void run_missingClass_exitsTwoSayingWhatWasTriedAndWhatExists() {
    Outcome run = run("run", "--class", "com.acme.NoSuchPipeline");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("\"com.acme.NoSuchPipeline\" was not found on the class path")
        .contains("registered definitions: [" + PassingPipeline.class.getName() + "]")
        .doesNotContain("\tat ");
  }

  @Test
  void run_simpleNameOfARegisteredDefinition_runsIt() {
    Outcome run = run("run", "--class", "PassingPipeline");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("SUCCESS passing #1");
  }

  @Test
  void run_chengisYamlInADirectory_runsIt() throws Exception {
    Path project = Files.createDirectories(workspace.resolve("project/.chengis"));
    Files.writeString(
        project.resolve("workflow.yml"),
        """
        name: from-yaml
        stages:
          - name: Build
            steps:
              - name: Compile
                run: echo compiled
        """);

    Outcome run = run("run", "-v", workspace.resolve("project").toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("[Build] Compile ... ok (").contains("compiled");
  }

  @Test
  void run_directoryWithChengisfileAndYaml_runsTheChengisfileAndSaysSo() throws Exception {
    Path project = Files.createDirectories(workspace.resolve("both"));
    Files.writeString(
        project.resolve("Chengisfile"),
        """
        {:name "from-edn"
         :stages [{:name "Build" :steps [{:name "Compile" :run "echo compiled from edn"}]}]}
        """);
    Files.writeString(
        project.resolve("chengis.yml"),
        "name: from-yaml\nstages:\n  - name: B\n    steps:\n      - name: c\n        run: 'false'\n");

    Outcome run = run("run", "-v", project.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("Pipeline from " + project.resolve("Chengisfile").toString().replace('\\', '/'))
        .contains("Build from-edn #1")
        .contains("compiled from edn");
  }

  @Test
  void run_directoryWithSeveralWorkflows_exitsTwoListingThem() throws Exception {
    Path workflows = Files.createDirectories(workspace.resolve("gh/.github/workflows"));
    String workflow = "on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: 'true'\n";
    Files.writeString(workflows.resolve("a.yml"), workflow);
    Files.writeString(workflows.resolve("b.yml"), workflow);

    Outcome run = run("run", workspace.resolve("gh").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("holds several workflows").contains("[a.yml, b.yml]");
  }

  @Test
  void run_invalidPipelineFile_printsLocatedProblemsAndExitsTwo() throws Exception {
    Path file = workspace.resolve("broken.chengis.yml");
    Files.writeString(file, "name: broken\nstages:\n  - name: Build\n    stpes: []\n");

    Outcome run = run("run", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("broken.chengis.yml:4:5").doesNotContain("\tat ");
  }

  @Test
  void run_directoryWithoutPipelineFile_saysWhatWasTried() throws Exception {
    Path empty = Files.createDirectories(workspace.resolve("empty"));

    Outcome run = run("run", empty.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "holds no pipeline file (tried Chengisfile, .chengis/workflow.yml,"
                + " .chengis/workflow.yaml, chengis.yml, chengis.yaml, .github/workflows/*.yml|yaml,"
                // The test class path has plugin formats; each is named.
                + " files the plugin format io.chengis.cli.plugins.AcmeFormatProvider$Acme reads");
  }

  @Test
  void run_withoutPipeline_listsTheRegisteredOnes() {
    Outcome run = run("run");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("name the pipeline to run with --class NAME")
        .contains(PassingPipeline.class.getName());
  }

  @Test
  void run_treeProgress_drawsTheStagesAndEndsWithTheSummary() {
    Outcome run =
        run("run", "--progress", "tree", "--no-color", "--class", FailingPipeline.class.getName());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("failing #1")
        .contains("Build")
        .contains("Compile")
        .contains("failed: exit code 4")
        .contains("Deploy")
        .contains("FAILURE failing #1");
  }
}
