package io.chengis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.testkit.ChengisTest;
import io.chengis.testkit.Mode;
import io.chengis.testkit.TestBuild;
import io.chengis.testkit.TestEngine;
import org.junit.jupiter.api.Test;

@ChengisTest
class DockerPipelineKitTest {
  private final Pipeline pipeline = new DockerPipeline().define();

  @Test
  void containerSteps_withFakes_runTheirCommands(TestEngine engine) {
    engine.fakes().command("mvn *").succeeds();
    engine.fakes().command("hadolint Dockerfile").succeeds();

    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isSuccess();
    assertThat(build).step("Package").ranCommand("mvn -B -q package -DskipTests");
    assertThat(build).step("Tests").ranCommand("mvn -B verify -Pit");
  }

  @Test
  void missingLintImage_failsLintAndSkipsIntegration(TestEngine engine) {
    engine.fakes().command("mvn *").succeeds();
    engine
        .fakes()
        .step("Dockerfile")
        .failsToStart("image hadolint/hadolint:latest-debian not found");

    TestBuild build = engine.run(pipeline);

    assertThat(build).step("Dockerfile").failed().because("not found");
    assertThat(build).stage("Integration").isSkipped().because("stage \"Lint\" failed");
  }

  @Test
  @ChengisTest(mode = Mode.REAL)
  void dockerPipeline_forReal_needsTheContainerExecutorPlugin(TestEngine engine) {
    TestBuild build = engine.run(pipeline);

    assertThat(build)
        .step("Package")
        .failed()
        .because(
            "no executor is registered for container steps (registered: [shell]); add the plugin"
                + " that runs them to the engine");
  }
}
