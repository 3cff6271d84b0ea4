package io.chengis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.api.Stage;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import io.chengis.cli.Main;
import io.chengis.dsl.format.PipelineFormats;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code examples/files/github-actions}: a GitHub workflow run by {@code chengis run}. */
class GithubActionsExampleTest {
  static final Path PROJECT = Path.of("files/github-actions");

  @TempDir Path workspaces;

  private String[] run(String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = new String[extra.length + 7];
    args[0] = "run";
    args[1] = "-v";
    args[2] = PROJECT.toString();
    args[3] = "--workspace";
    args[4] = workspaces.toString();
    // Its own database: build numbers start at 1, and the user's ~/.chengis stays untouched.
    args[5] = "--db";
    args[6] = workspaces.resolve("chengis.db").toString();
    System.arraycopy(extra, 0, args, 7, extra.length);
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void workflow_detect_isTheOnlyWorkflowOfTheProject() {
    Pipeline pipeline = PipelineFormats.detect(PROJECT).pipeline();

    assertThat(pipeline.stages())
        .extracting(Stage::name)
        .containsExactly("build", "test", "release");
    assertThat(pipeline.stage("test").orElseThrow().matrix().orElseThrow().combinations())
        .hasSize(2);
    assertThat(pipeline.stage("build").orElseThrow().steps())
        .extracting(Step::action)
        .contains(
            new StepAction.PluginStep(
                "upload-artifact",
                Map.of("name", "scripts", "path", "src/*.sh", "if-no-files-found", "warn")));
  }

  @Test
  void workflowOnMain_run_buildsTestsEveryShellAndReleases() {
    String[] run = run("--branch", "main", "--param", "audience=Ada");

    assertThat(run[0]).as(run[1] + run[2]).isEqualTo("0");
    assertThat(run[1])
        .contains("[build] version | [summary] ### Building 2.1.0")
        .contains("[build] Greet | Hello, Ada!")
        .contains(
            "[test [shell=sh]] Run with ${{ matrix.shell }} | tested 2.1.0 with sh strict=false")
        .contains(
            "[test [shell=bash, strict=true]] Run with ${{ matrix.shell }} | tested 2.1.0 with bash strict=true")
        .contains("[release] step-1 | releasing 2.1.0 to production")
        .contains("artifact scripts/greet.sh")
        .contains("SUCCESS ci #1");
  }

  @Test
  void workflowOnAnotherBranch_run_skipsTheRelease() {
    String[] run = run("--branch", "feature");

    assertThat(run[0]).isEqualTo("0");
    assertThat(run[1]).contains("[build] Greet | Hello, world!").contains("[release] skipped");
  }
}
