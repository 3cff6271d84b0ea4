package io.chengis.examples;

import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.api.StepResult;
import io.chengis.engine.TriggerRequest;
import io.chengis.testkit.ChengisTest;
import io.chengis.testkit.Mode;
import io.chengis.testkit.TestBuild;
import io.chengis.testkit.TestEngine;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@ChengisTest
class JavaMavenPipelineKitTest {
  private static final String PROJECT = "junit-jupiter-starter-maven";
  private final Pipeline pipeline = new JavaMavenPipeline().define();

  @BeforeEach
  void checkout(TestEngine engine) {
    engine.prepareWorkspace(workspace -> Files.createDirectories(workspace.resolve(PROJECT)));
  }

  @Test
  void skipTests_true_skipsTheTestStageAndAnnounces(TestEngine engine) {
    engine.fakes().command("./mvnw *").succeeds();
    engine.fakes().command("du *").succeeds();
    engine.fakes().step("Announce").succeeds();

    TestBuild build =
        engine.run(pipeline, TriggerRequest.manual().withParameter("skip-tests", "true"));

    assertThat(build).conclusion().isSuccess();
    assertThat(build).stage("Test").isSkipped().because("parameter skip-tests");
    assertThat(build).step("Compile").ranWithEnv("MAVEN_OPTS", "-Xmx1g");
    assertThat(build).step("Announce").succeeded();
  }

  @Test
  void hangingTests_timeOutAfterTwentyMinutesAndShowTheReports(TestEngine engine) {
    engine.fakes().command("./mvnw *").succeeds();
    engine.fakes().step("Unit tests").hangs();
    engine.fakes().command("du *").succeeds();
    engine.fakes().step("Show reports").prints("Tests run: 3");

    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isTimedOut();
    assertThat(build).step("Unit tests").timedOut().because("timed out after PT20M");
    assertThat(build).step("Show reports").succeeded();
    assertThat(build.result().post())
        .extracting(StepResult::name)
        .containsExactly("Disk usage", "Show reports");
    assertThat(build.result().finishedAt()).contains(engine.start().plus(ofMinutes(20)));
  }

  @Test
  @ChengisTest(mode = Mode.REAL)
  void ci_forReal_buildsTestsAndPackages(TestEngine engine) {
    engine.prepareWorkspace(workspace -> Scripts.mavenWrapper(workspace, PROJECT + "/"));

    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isSuccess();
    assertThat(build.log("Test", "Unit tests")).containsExactly("mvnw -B test");
    assertThat(build.log("post", "Announce")).containsExactly("Build 1 passed");
  }
}
