package io.chengis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.testkit.ChengisTest;
import io.chengis.testkit.Mode;
import io.chengis.testkit.TestBuild;
import io.chengis.testkit.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

@ChengisTest
class GitCheckoutPipelineKitTest {
  private final Pipeline pipeline = new GitCheckoutPipeline().define();

  @Test
  void verify_withFakes_inspectsTheCheckoutInOrder(TestEngine engine) {
    engine.fakes().command("ls -la").prints("README");
    engine.fakes().command("echo *").succeeds();
    engine.fakes().command("git log *").prints("7fd1a60 Merge pull request #6");

    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isSuccess();
    assertThat(build.invocations())
        .extracting(invocation -> invocation.step())
        .containsExactly("Check files", "Git info", "Git log");
  }

  @Test
  void gitLogFailing_failsTheBuild(TestEngine engine) {
    engine.fakes().command("*").succeeds();
    engine.fakes().step("Git log").exits(128).printsError("fatal: not a git repository");

    TestBuild build = engine.run(pipeline);

    assertThat(build).step("Git log").failed().exitedWith(128);
  }

  @Test
  @ChengisTest(mode = Mode.REAL)
  void verify_forReal_readsALocalRepository(TestEngine engine) {
    // The engine has no checkout yet (the git plugin brings it): a local repository stands in.
    engine.prepareWorkspace(GitCheckoutPipelineKitTest::repository);

    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isSuccess();
    assertThat(build.log("Verify", "Git log"))
        .hasSize(1)
        .first()
        .asString()
        .endsWith("First commit");
  }

  private static void repository(Path workspace) throws IOException {
    Files.writeString(workspace.resolve("README"), "Hello World!\n");
    git(workspace, "init", "-q");
    git(workspace, "add", "README");
    git(
        workspace,
        "-c",
        "user.name=Octocat",
        "-c",
        "user.email=octocat@example.com",
        "commit",
        "-q",
        "-m",
        "First commit");
  }

  private static void git(Path directory, String... arguments) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes());
      if (process.waitFor() != 0) {
        throw new IOException("git " + String.join(" ", arguments) + " failed: " + output);
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running git", interrupted);
    }
  }
}
