package io.chengis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.testkit.ChengisTest;
import io.chengis.testkit.Mode;
import io.chengis.testkit.TestBuild;
import io.chengis.testkit.TestEngine;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

@ChengisTest
class DependencyCachePipelineKitTest {
  private final Pipeline pipeline = new DependencyCachePipeline().define();

  @Test
  void builds_withFakes_useTheLocalMavenRepositoryAndTheWebDirectory(TestEngine engine) {
    engine.prepareWorkspace(workspace -> Files.createDirectories(workspace.resolve("web")));
    engine.fakes().step("Backend", "Build").succeeds();
    engine.fakes().command("npm *").succeeds();

    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isSuccess();
    assertThat(build)
        .stage("Backend")
        .step("Build")
        .ranWithEnv("MAVEN_OPTS", "-Dmaven.repo.local=.m2/repository")
        .ranCommand("./mvnw -B verify");
    assertThat(build).stage("Frontend").step("Install").ranCommand("npm ci");
  }

  @Test
  void frontend_withoutTheWebDirectory_failsWithTheFix(TestEngine engine) {
    engine.fakes().step("Backend", "Build").succeeds();
    engine.fakes().command("npm *").succeeds();

    TestBuild build = engine.run(pipeline);

    assertThat(build)
        .stage("Frontend")
        .step("Install")
        .failed()
        .because("working directory \"web\" does not exist in the workspace");
  }

  @Test
  @ChengisTest(mode = Mode.REAL)
  void backend_forReal_buildsWithTheWrapper(TestEngine engine) {
    engine.prepareWorkspace(
        workspace -> {
          Scripts.mavenWrapper(workspace, "");
          Files.createDirectories(workspace.resolve("web"));
        });
    // npm needs the registry, which tests cannot reach: the frontend stays stubbed.
    engine.fakes().command("npm *").prints("npm (stubbed)");

    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isSuccess();
    assertThat(build.log("Backend", "Build")).containsExactly("mvnw -B verify");
  }
}
