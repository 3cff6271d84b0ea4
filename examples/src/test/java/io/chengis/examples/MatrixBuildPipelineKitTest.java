package io.chengis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.api.StageResult;
import io.chengis.testkit.ChengisTest;
import io.chengis.testkit.Mode;
import io.chengis.testkit.TestBuild;
import io.chengis.testkit.TestEngine;
import org.junit.jupiter.api.Test;

@ChengisTest
class MatrixBuildPipelineKitTest {
  private final Pipeline pipeline = new MatrixBuildPipeline().define();

  @Test
  void matrix_withFakes_runsThreeCombinationsWithTheirVariables(TestEngine engine) {
    engine.fakes().command("echo *").succeeds();

    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isSuccess();
    assertThat(build.result().stages())
        .extracting(StageResult::name)
        .containsExactly(
            "Build [os=linux, jdk=17]",
            "Build [os=linux, jdk=21]",
            "Build [os=macos, jdk=21]",
            "Test [os=linux, jdk=17]",
            "Test [os=linux, jdk=21]",
            "Test [os=macos, jdk=21]");
    assertThat(build)
        .stage("Build [os=macos, jdk=21]")
        .step("Compile")
        .ranWithEnv("MATRIX_OS", "macos")
        .ranWithEnv("MATRIX_JDK", "21");
  }

  @Test
  void oneCombinationFailing_failsTheBuild(TestEngine engine) {
    engine.fakes().command("echo *").succeeds();
    engine.fakes().step("Build [os=macos, jdk=21]", "Compile").exits(2);

    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isFailure();
    assertThat(build).stage("Build [os=macos, jdk=21]").failed();
    assertThat(build).stage("Build [os=linux, jdk=17]").succeeded();
  }

  @Test
  @ChengisTest(mode = Mode.REAL)
  void matrix_forReal_echoesEachCombination(TestEngine engine) {
    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isSuccess();
    assertThat(build.log("Test [os=linux, jdk=17]", "Unit tests"))
        .containsExactly("Testing on linux with JDK 17");
  }
}
