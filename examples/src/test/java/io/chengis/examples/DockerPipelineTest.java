package io.chengis.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.chengis.api.ContainerSpec;
import io.chengis.api.Pipeline;
import io.chengis.api.PullPolicy;
import io.chengis.api.Stage;
import io.chengis.api.StepAction;
import org.junit.jupiter.api.Test;

class DockerPipelineTest {
  private final Pipeline pipeline = new DockerPipeline().define();

  @Test
  void pipelineContainer_always_keepsTheMavenRepositoryInANamedVolume() {
    ContainerSpec container = pipeline.container().orElseThrow();

    assertThat(container.image()).isEqualTo("maven:3.9-eclipse-temurin-21");
    assertThat(container.cacheVolumes()).containsExactly(entry("chengis-m2", "/root/.m2"));
    assertThat(container.pullPolicy()).isEqualTo(PullPolicy.IF_NOT_PRESENT);
    assertThat(container.workdir()).isEmpty();
  }

  @Test
  void buildStage_withoutOwnContainer_runsShellStepsInThePipelineContainer() {
    Stage build = pipeline.stage("Build").orElseThrow();

    assertThat(build.container()).isEmpty();
    assertThat(build.steps().getFirst().action()).isInstanceOf(StepAction.Shell.class);
  }

  @Test
  void lintStep_always_runsInItsOwnImage() {
    StepAction action = pipeline.stage("Lint").orElseThrow().steps().getFirst().action();

    assertThat(action)
        .isInstanceOfSatisfying(
            StepAction.Container.class,
            step -> {
              assertThat(step.container().image()).isEqualTo("hadolint/hadolint:latest-debian");
              assertThat(step.command()).isEqualTo("hadolint Dockerfile");
            });
  }

  @Test
  void integrationStep_always_runsInAComposeService() {
    StepAction action = pipeline.stage("Integration").orElseThrow().steps().getFirst().action();

    assertThat(action)
        .isEqualTo(new StepAction.Compose("app", "docker-compose.test.yml", "mvn -B verify -Pit"));
  }

  @Test
  void define_always_runsStagesInOrder() {
    assertThat(pipeline.stages())
        .extracting(Stage::name)
        .containsExactly("Build", "Lint", "Integration");
  }
}
