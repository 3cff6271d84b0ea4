package io.chengis.examples;

import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.testkit.ChengisTest;
import io.chengis.testkit.Mode;
import io.chengis.testkit.TestBuild;
import io.chengis.testkit.TestEngine;
import org.junit.jupiter.api.Test;

@ChengisTest
class DagPipelineKitTest {
  private final Pipeline pipeline = new DagPipeline().define();

  @Test
  void testSuites_runSideBySide_packageWaitsForTheSlowerOne(TestEngine engine) {
    engine.fakes().step("Compile").takes(ofMinutes(2));
    engine.fakes().step("Unit").takes(ofMinutes(5));
    engine.fakes().step("Integration").takes(ofMinutes(8));
    engine.fakes().step("Jar").takes(ofMinutes(1));

    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isSuccess();
    assertThat(build.trace()).containsLine("stage Unit Tests: SUCCESS [+2m .. +7m]");
    assertThat(build.trace()).containsLine("stage Integration Tests: SUCCESS [+2m .. +10m]");
    assertThat(build.trace()).containsLine("stage Package: SUCCESS [+10m .. +11m]");
  }

  @Test
  void unitTestsFailing_skipPackageButNotTheOtherSuite(TestEngine engine) {
    engine.fakes().command("./mvnw *").succeeds();
    engine.fakes().step("Unit").exits(1);

    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isFailure();
    assertThat(build).stage("Integration Tests").succeeded();
    assertThat(build).stage("Package").isSkipped().because("dependency \"Unit Tests\" failed");
  }

  @Test
  @ChengisTest(mode = Mode.REAL)
  void dag_forReal_runsEveryStageInTheWorkspace(TestEngine engine) {
    engine.prepareWorkspace(workspace -> Scripts.mavenWrapper(workspace, ""));

    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isSuccess();
    assertThat(build.log("Package", "Jar")).containsExactly("mvnw -B -q package -DskipTests");
  }
}
