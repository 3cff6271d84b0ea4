package io.chengis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.api.Stage;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import org.junit.jupiter.api.Test;

class HelloWorldPipelineTest {
  private final Pipeline pipeline = new HelloWorldPipeline().define();

  @Test
  void define_always_declaresThreeSequentialStages() {
    assertThat(pipeline.name()).isEqualTo("hello-world");
    assertThat(pipeline.stages()).extracting(Stage::name).containsExactly("Hello", "Test", "Done");
    assertThat(pipeline.isDag()).isFalse();
  }

  @Test
  void testStage_always_runsItsTwoStepsInParallel() {
    Stage test = pipeline.stage("Test").orElseThrow();

    assertThat(test.parallel()).isTrue();
    assertThat(test.failFast()).isFalse();
    assertThat(test.steps()).extracting(Step::name).containsExactly("Fast", "Slow");
    assertThat(pipeline.stage("Hello").orElseThrow().parallel()).isFalse();
  }

  @Test
  void greetStep_always_isAShellCommand() {
    Step greet = pipeline.stage("Hello").orElseThrow().steps().getFirst();

    assertThat(greet.action())
        .isInstanceOfSatisfying(
            StepAction.Shell.class,
            shell -> assertThat(shell.command()).isEqualTo("echo 'Hello from Chengis!'"));
  }

  @Test
  void define_calledTwice_returnsEqualPipelines() {
    assertThat(new HelloWorldPipeline().define()).isEqualTo(pipeline);
  }

  @Test
  void stages_always_rememberWhereTheyWereDeclared() {
    assertThat(pipeline.stages())
        .allSatisfy(
            stage -> {
              assertThat(stage.location().file()).isEqualTo("HelloWorldPipeline.java");
              assertThat(stage.location().line()).isPositive();
            });
  }
}
