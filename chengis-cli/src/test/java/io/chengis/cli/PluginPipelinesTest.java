package io.chengis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.cli.plugins.StuckFormatProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin pipeline formats and action providers of the test class path (registered in {@code
 * META-INF/services}) used by {@code chengis run}, {@code lint} and {@code graph}.
 */
class PluginPipelinesTest {
  @TempDir Path temp;

  private CliOutcome chengis(String... args) {
    return CliOutcome.of(temp, args);
  }

  private Path acmeWorkspace() throws Exception {
    Path workspace = Files.createDirectories(temp.resolve("shop"));
    Files.writeString(workspace.resolve("README.md"), "the shop\n");
    Files.writeString(
        workspace.resolve("deploy.acme"), "build: echo built-by-acme\ntest: echo tested-by-acme\n");
    return workspace;
  }

  @Test
  void run_aWorkspaceOnlyAPluginFormatReads_findsTheFileAndRunsIt() throws Exception {
    Path workspace = acmeWorkspace();

    CliOutcome run = chengis("run", "-v", workspace.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Pipeline from " + workspace.resolve("deploy.acme"))
        .contains("built-by-acme")
        .contains("tested-by-acme");
  }

  @Test
  void graph_builtInFilesComeBeforePluginFormats() throws Exception {
    Path workspace = acmeWorkspace();
    assertThat(chengis("graph", workspace.toString()).out())
        .isEqualTo("deploy\n  build\n  test  <- build\n");

    Files.writeString(
        workspace.resolve("chengis.yml"),
        """
        name: yaml-wins
        stages:
          - name: only
            steps:
              - name: only
                run: echo yaml
        """);

    assertThat(chengis("graph", workspace.toString()).out()).isEqualTo("yaml-wins\n  only\n");
  }

  @Test
  void lint_aPluginFormatsProblems_areLocatedAndExitOne() throws Exception {
    Path file = acmeWorkspace().resolve("deploy.acme");
    Files.writeString(file, "build: make\nthis line has no stage\n");

    CliOutcome lint = chengis("lint", file.toString());

    assertThat(lint.exitCode()).isEqualTo(1);
    assertThat(lint.out())
        .contains(file + ":2:1")
        .contains("is not STAGE: COMMAND")
        .contains("1 problem");
  }

  @Test
  void graph_aPluginFormatThatHangs_isAbandonedWithALocatedErrorAndExitTwo() throws Exception {
    Path file = Files.writeString(temp.resolve("release.stuck"), "anything\n");

    CliOutcome graph = chengis("graph", "--plugin-timeout", "PT0.3S", file.toString());

    assertThat(graph.exitCode()).isEqualTo(2);
    assertThat(graph.err())
        .contains(file.toString())
        .contains("StuckFormatProvider")
        .contains("did not finish within PT0.3S")
        .doesNotContain("\tat ");
    assertThat(StuckFormatProvider.ABANDONED.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void run_aPluginFormatThatThrows_isALocatedErrorAndExitTwo() throws Exception {
    Path file = Files.writeString(temp.resolve("release.broken"), "anything\n");

    CliOutcome run = chengis("run", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(file.toString())
        .contains("BrokenFormatProvider")
        .contains("the parser fell over")
        .doesNotContain("\tat ");
  }

  @Test
  void lint_aPluginFormatThatHangs_isAProblemNotAStuckCommand() throws Exception {
    Path file = Files.writeString(temp.resolve("release.stuck"), "anything\n");

    CliOutcome lint = chengis("lint", "--plugin-timeout", "PT0.3S", file.toString());

    assertThat(lint.exitCode()).isEqualTo(1);
    assertThat(lint.out()).contains(file + ":").contains("did not finish within PT0.3S");
  }

  private Path greetingWorkflow(String who) throws Exception {
    Path workflows = Files.createDirectories(temp.resolve("site/.github/workflows"));
    return Files.writeString(
        workflows.resolve("greet.yml"),
        """
        on: push
        jobs:
          greet:
            runs-on: ubuntu-latest
            steps:
              - uses: acme/greet@v1
                with:
                  who: %s
        """
            .formatted(who));
  }

  @Test
  void run_aWorkflowUsingAPluginAction_runsWhatTheProviderMapsItTo() throws Exception {
    Path workflow = greetingWorkflow("Ada");

    CliOutcome run = chengis("run", "-v", workflow.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("hello Ada");
  }

  @Test
  void lint_aPluginActionRefusingItsInputs_isAProblemAtTheStep() throws Exception {
    Path workflow = greetingWorkflow("'42'");

    CliOutcome lint = chengis("lint", workflow.toString());

    assertThat(lint.exitCode()).isEqualTo(1);
    assertThat(lint.out()).contains(workflow + ":8:11").contains("with.who must be letters");
  }

  @Test
  void graph_aNonPositivePluginTimeout_isAClearErrorAndExitTwo() throws Exception {
    Path file = acmeWorkspace().resolve("deploy.acme");

    CliOutcome graph = chengis("graph", "--plugin-timeout", "PT0S", file.toString());

    assertThat(graph.exitCode()).isEqualTo(2);
    assertThat(graph.err()).contains("--plugin-timeout must be positive").contains("PT0S");
  }
}
