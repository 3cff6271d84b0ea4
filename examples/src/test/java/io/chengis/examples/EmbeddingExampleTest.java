package io.chengis.examples;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import io.chengis.engine.BuildHandle;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.TriggerRequest;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's engine example, run for real. */
class EmbeddingExampleTest {
  @TempDir Path workspaces;

  // README-BEGIN
  static BuildResult runOnMain(Pipeline pipeline, Path workspaces) throws InterruptedException {
    try (ChengisEngine engine = ChengisEngine.builder().workspaceRoot(workspaces).build()) {
      BuildHandle build = engine.trigger(pipeline, TriggerRequest.manual().withBranch("main"));
      BuildResult result = build.await();
      for (BuildEvent event : engine.events(build.id(), Optional.empty(), 1000)) {
        if (event instanceof BuildEvent.StepFinished step) {
          System.out.println(
              step.stage() + " / " + step.result().name() + ": " + step.result().conclusion());
        }
      }
      return result;
    }
  }

  // README-END

  @Test
  void runOnMain_runsThePipelineInItsOwnWorkspace() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "api", p -> p.stage("test", s -> s.step("unit", shell("echo running unit tests"))));

    BuildResult result = runOnMain(pipeline, workspaces);

    assertThat(result.conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(result.stages())
        .singleElement()
        .satisfies(stage -> assertThat(stage.name()).isEqualTo("test"));
    assertThat(workspaces.resolve("api/1")).isDirectory();
  }
}
