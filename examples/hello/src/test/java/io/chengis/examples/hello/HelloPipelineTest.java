package io.chengis.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.LogLine;
import io.chengis.api.Outcome;
import io.chengis.api.Pipeline;
import io.chengis.api.StageResult;
import io.chengis.api.StepResult;
import io.chengis.dsl.PipelineDefinition;
import io.chengis.dsl.PipelineDefinitions;
import io.chengis.engine.BuildHandle;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.TriggerRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the hello pipeline on the real engine, with real processes. */
class HelloPipelineTest {
  private final Pipeline pipeline = new HelloPipeline().define();

  @TempDir Path workspaces;
  private ChengisEngine engine;

  @BeforeEach
  void startEngine() {
    engine =
        ChengisEngine.builder()
            .workspaceRoot(workspaces)
            .environment(Map.of("PATH", System.getenv("PATH")))
            .build();
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  @Test
  void run_always_succeedsWithTheSpellingFailureAllowed() throws Exception {
    BuildResult result = run(TriggerRequest.manual()).result;

    assertThat(result.conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(result.allowedFailures())
        .extracting(failure -> failure.stage().name(), failure -> failure.step().name())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Check [lang=en]", "Spelling"),
            org.assertj.core.groups.Tuple.tuple("Check [lang=fr]", "Spelling"));
    assertThat(result.allowedFailures().getFirst().step().exitCode()).contains(3);
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void run_always_runsEveryStageOncePerLanguage() throws Exception {
    BuildResult result = run(TriggerRequest.manual()).result;

    assertThat(result.stages())
        .extracting(StageResult::name)
        .containsExactly(
            "Greet [lang=en]",
            "Greet [lang=fr]",
            "Check [lang=en]",
            "Check [lang=fr]",
            "Package [lang=en]",
            "Package [lang=fr]");
    assertThat(result.stages()).allMatch(stage -> stage.outcome() == Outcome.SUCCESS);
    assertThat(result.stages().get(2).steps())
        .extracting(StepResult::name)
        .containsExactly("Unit tests", "Lint", "Spelling");
  }

  @Test
  void run_always_greetsInBothLanguagesAndPackagesBothLanes() throws Exception {
    Run run = run(TriggerRequest.manual());

    assertThat(run.lines("Greet [lang=en]", "Say hello")).containsExactly("Hello, Chengis!");
    assertThat(run.lines("Greet [lang=fr]", "Say hello")).containsExactly("Bonjour, Chengis!");
    assertThat(run.lines("Check [lang=en]", "Spelling")).containsExactly("unknown word 'Chengis'");
    assertThat(workspaces.resolve("hello/1/dist/hello-fr.txt")).hasContent("hello fr");
    assertThat(Files.exists(workspaces.resolve("hello/1/dist/hello-en.txt"))).isTrue();
  }

  @Test
  void run_withNameParameter_greetsThatName() throws Exception {
    Run run = run(TriggerRequest.manual().withParameter("name", "Ada"));

    assertThat(run.lines("Greet [lang=en]", "Say hello")).containsExactly("Hello, Ada!");
  }

  @Test
  void run_always_reportsInThePostAction() throws Exception {
    Run run = run(TriggerRequest.manual());

    assertThat(run.result.post()).extracting(StepResult::name).containsExactly("Report");
    assertThat(run.result.post().getFirst().outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(run.lines("post", "Report")).containsExactly("build 1 done");
  }

  @Test
  void checkStage_always_runsItsStepsInParallel() {
    assertThat(pipeline.stage("Check").orElseThrow().parallel()).isTrue();
    assertThat(pipeline.matrix().orElseThrow().combinations())
        .containsExactly(Map.of("lang", "en"), Map.of("lang", "fr"));
  }

  @Test
  void serviceRegistration_always_findsTheDefinition() {
    List<PipelineDefinition> found =
        PipelineDefinitions.discover(HelloPipeline.class.getClassLoader());

    assertThat(found).hasAtLeastOneElementOfType(HelloPipeline.class);
    assertThat(
            PipelineDefinitions.load(
                    HelloPipeline.class.getName(), HelloPipeline.class.getClassLoader())
                .name())
        .isEqualTo("hello");
  }

  private Run run(TriggerRequest request) throws Exception {
    BuildHandle handle = engine.trigger(pipeline, request);
    BuildResult result = handle.await(Duration.ofMinutes(1)).orElseThrow();
    return new Run(result, engine.events(handle.id()));
  }

  private record Run(BuildResult result, List<BuildEvent> events) {
    List<String> lines(String stage, String step) {
      return events.stream()
          .filter(BuildEvent.LogBatch.class::isInstance)
          .map(BuildEvent.LogBatch.class::cast)
          .filter(batch -> batch.stage().equals(stage) && batch.step().equals(step))
          .flatMap(batch -> batch.lines().stream())
          .map(LogLine::text)
          .toList();
    }
  }
}
