package io.chengis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.Condition;
import io.chengis.api.Pipeline;
import io.chengis.api.Stage;
import io.chengis.api.StageResult;
import io.chengis.api.Step;
import io.chengis.api.StepResult;
import io.chengis.dsl.format.DetectedPipeline;
import io.chengis.dsl.format.PipelineFormats;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.TriggerRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Chengisfiles under {@code examples/files}: they parse as documented and run on the engine.
 */
class ChengisfileExamplesTest {
  static final Path FILES = Path.of("files");

  @TempDir Path workspaces;

  @Test
  void originalExample_detect_findsTheChengisfileWithTheOriginalsStages() {
    DetectedPipeline detected = PipelineFormats.detect(FILES.resolve("chengisfile-example"));
    Pipeline pipeline = detected.pipeline();

    assertThat(detected.file()).contains(FILES.resolve("chengisfile-example/Chengisfile"));
    assertThat(pipeline.name()).isEqualTo("chengisfile-example");
    assertThat(pipeline.description())
        .isEqualTo("Example Chengisfile for testing Pipeline as Code");
    assertThat(pipeline.stages()).extracting(Stage::name).containsExactly("Build", "Test");
    assertThat(pipeline.stage("Test").orElseThrow().parallel()).isTrue();
    assertThat(pipeline.post().always()).extracting(Step::name).containsExactly("Cleanup");
    assertThat(pipeline.post().onSuccess())
        .extracting(Step::name)
        .containsExactly("Notify Success");
    assertThat(pipeline.post().onFailure()).extracting(Step::name).containsExactly("Alert");
  }

  @Test
  void originalExample_run_succeedsAndRunsThePostActionsOfASuccess() throws Exception {
    Pipeline pipeline = PipelineFormats.detect(FILES.resolve("chengisfile-example")).pipeline();

    BuildResult result = run(pipeline, TriggerRequest.manual());

    assertThat(result.conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(result.stages()).extracting(StageResult::name).containsExactly("Build", "Test");
    assertThat(result.post())
        .extracting(StepResult::name)
        .containsExactly("Cleanup", "Notify Success");
  }

  @Test
  void matrixExample_detect_readsMatrixParameterAndConditions() {
    Pipeline pipeline = PipelineFormats.detect(FILES.resolve("chengisfile-matrix")).pipeline();

    assertThat(pipeline.name()).isEqualTo("matrix-chengisfile");
    assertThat(pipeline.matrix().orElseThrow().combinations()).hasSize(3);
    assertThat(pipeline.isDag()).isTrue();
    assertThat(pipeline.stage("Ship").orElseThrow().condition())
        .isEqualTo(new Condition.ParamEquals("target", "production"));
  }

  @Test
  void matrixExample_runOnMainForProduction_runsEveryCombinationAndShips() throws Exception {
    Pipeline pipeline = PipelineFormats.detect(FILES.resolve("chengisfile-matrix")).pipeline();

    BuildResult result =
        run(
            pipeline,
            TriggerRequest.manual().withBranch("main").withParameter("target", "production"));

    assertThat(result.conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(result.stages())
        .extracting(StageResult::name)
        .contains("Build [lang=en, size=s]", "Check [lang=fr, size=s]", "Ship [lang=en, size=l]")
        .doesNotContain("Build [lang=fr, size=l]")
        .hasSize(9);
    assertThat(result.stages())
        .allSatisfy(s -> assertThat(s.conclusion()).isEqualTo(Conclusion.SUCCESS));
  }

  @Test
  void matrixExample_runForStaging_skipsShipping() throws Exception {
    Pipeline pipeline = PipelineFormats.detect(FILES.resolve("chengisfile-matrix")).pipeline();

    BuildResult result = run(pipeline, TriggerRequest.manual().withParameter("target", "staging"));

    assertThat(result.conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(result.stages())
        .filteredOn(s -> s.name().startsWith("Ship"))
        .allSatisfy(s -> assertThat(s.conclusion()).isEqualTo(Conclusion.SKIPPED));
  }

  @Test
  void readme_showsTheOriginalExampleAsItIs() throws Exception {
    String example =
        java.nio.file.Files.readString(FILES.resolve("chengisfile-example/Chengisfile"));
    String readme = java.nio.file.Files.readString(Path.of("../README.md"));

    assertThat(readme).contains("```clojure\n" + example + "```\n");
  }

  private BuildResult run(Pipeline pipeline, TriggerRequest request) throws InterruptedException {
    try (ChengisEngine engine = ChengisEngine.builder().workspaceRoot(workspaces).build()) {
      return engine.trigger(pipeline, request).await();
    }
  }
}
