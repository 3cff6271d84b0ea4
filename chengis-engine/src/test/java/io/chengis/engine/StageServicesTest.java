package io.chengis.engine;

import static io.chengis.dsl.Containers.image;
import static io.chengis.dsl.Steps.container;
import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Conclusion;
import io.chengis.api.OrgId;
import io.chengis.api.Outcome;
import io.chengis.api.Pipeline;
import io.chengis.api.spi.RunningServices;
import io.chengis.api.spi.ServicesContext;
import io.chengis.api.spi.StepContext;
import io.chengis.api.spi.StepExecutor;
import io.chengis.api.spi.StepExit;
import io.chengis.dsl.Chengis;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the engine runs stage services through the executor of container steps. */
class StageServicesTest {
  @TempDir Path root;

  /** Records what the engine asks of a container executor; runs no container. */
  private static final class Recorder implements StepExecutor {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<StepContext> steps = new CopyOnWriteArrayList<>();
    final boolean failStart;

    Recorder(boolean failStart) {
      this.failStart = failStart;
    }

    @Override
    public StepExit execute(StepContext context) {
      calls.add("step " + context.step());
      steps.add(context);
      return StepExit.exited(context.step().equals("fails") ? 1 : 0);
    }

    @Override
    public RunningServices startServices(ServicesContext context) {
      calls.add(
          "start "
              + context.stage()
              + " "
              + context.services().stream().map(s -> s.name()).toList()
              + " org "
              + context.org());
      if (failStart) {
        throw new IllegalStateException("service \"db\" exited at once (exit code 2)");
      }
      return () -> calls.add("stop " + context.stage());
    }
  }

  private static Pipeline withServices(String secondStep) {
    return Chengis.pipeline(
        "services",
        p ->
            p.env("FROM_PIPELINE", "yes")
                .stage(
                    "it",
                    s ->
                        s.service("db", image("postgres:17"))
                            .service("cache", image("redis:7"), "redis-server", "--save", "")
                            .step("first", container("alpine:3.20", "true"))
                            .step(secondStep, container("alpine:3.20", "false"))
                            .step("third", container("alpine:3.20", "true")))
                .stage("after", s -> s.step("plain", shell("true"))));
  }

  @Test
  void services_startBeforeTheFirstStep_andStopAfterTheLast_evenWhenAStepFails() throws Exception {
    Recorder recorder = new Recorder(false);
    try (EngineFixture fixture =
        new EngineFixture(
            root, ChengisEngine.builder().org(OrgId.of("acme")).executor("container", recorder))) {
      EngineFixture.Run run = fixture.run(withServices("fails"));

      assertThat(recorder.calls)
          .containsExactly("start it [db, cache] org acme", "step first", "step fails", "stop it");
      assertThat(run.stage("it").conclusion()).isEqualTo(Conclusion.FAILURE);
    }
  }

  @Test
  void servicesThatCannotStart_failTheStage_andNoStepRuns() throws Exception {
    Recorder recorder = new Recorder(true);
    try (EngineFixture fixture =
        new EngineFixture(root, ChengisEngine.builder().executor("container", recorder))) {
      EngineFixture.Run run = fixture.run(withServices("second"));

      assertThat(recorder.calls).containsExactly("start it [db, cache] org default");
      assertThat(run.stage("it").reason())
          .contains("services could not start: service \"db\" exited at once (exit code 2)");
      assertThat(run.step("it", "first").outcome()).isEqualTo(Outcome.SKIPPED);
      assertThat(run.stage("after").outcome()).isEqualTo(Outcome.SKIPPED);
    }
  }

  @Test
  void services_withoutAContainerExecutor_failTheStage_namingWhatIsRegistered() throws Exception {
    try (EngineFixture fixture = new EngineFixture(root)) {
      EngineFixture.Run run = fixture.run(withServices("second"));

      assertThat(run.stage("it").reason().orElseThrow())
          .isEqualTo(
              "stage declares services [db, cache], but no executor is registered for container"
                  + " steps (registered: [shell]); add the plugin that runs containers to the"
                  + " engine");
    }
  }

  @Test
  void services_onAContainerExecutorThatCannotRunThem_failTheStageNamingTheExecutor()
      throws Exception {
    StepExecutor stepsOnly = context -> StepExit.exited(0);
    try (EngineFixture fixture =
        new EngineFixture(root, ChengisEngine.builder().executor("container", stepsOnly))) {
      EngineFixture.Run run = fixture.run(withServices("second"));

      assertThat(run.stage("it").reason().orElseThrow())
          .contains("stage \"it\" declares services, but ")
          .contains(stepsOnly.getClass().getName() + " cannot run service containers")
          .contains("register an executor that can (e.g. chengis-docker)");
      assertThat(run.step("it", "first").outcome()).isEqualTo(Outcome.SKIPPED);
    }
  }

  @Test
  void containerSteps_learnTheOrg_andWhichVariablesOnlyTheHostSet() throws Exception {
    Recorder recorder = new Recorder(false);
    try (EngineFixture fixture =
        new EngineFixture(root, ChengisEngine.builder().executor("container", recorder))) {
      fixture.run(withServices("second"));

      StepContext first = recorder.steps.get(0);
      assertThat(first.org()).isEqualTo(OrgId.DEFAULT);
      assertThat(first.inheritedEnv()).containsExactly("PATH");
      assertThat(first.pipelineEnv())
          .containsEntry("FROM_PIPELINE", "yes")
          .containsEntry("CI", "true")
          .doesNotContainKey("PATH");
      assertThat(first.env()).containsKey("PATH");
      assertThat(Map.copyOf(first.pipelineEnv())).containsKey("CHENGIS_WORKSPACE");
    }
  }
}
