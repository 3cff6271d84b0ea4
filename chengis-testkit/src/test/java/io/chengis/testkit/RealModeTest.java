package io.chengis.testkit;

import static io.chengis.dsl.Steps.shell;
import static io.chengis.testkit.TestBuild.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ChengisTest(mode = Mode.REAL)
class RealModeTest {

  @Test
  void realMode_runsRealProcessesInATemporaryWorkspace(TestEngine engine) {
    Pipeline pipeline =
        Chengis.pipeline(
            "real",
            p ->
                p.stage(
                    "work",
                    s ->
                        s.step("write", shell("echo built > artifact.txt && pwd"))
                            .step(
                                "read",
                                shell(
                                    "cat artifact.txt; echo \"out=$(cat artifact.txt)\" >> \"$CHENGIS_OUTPUT\""))));

    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isSuccess();
    assertThat(build.log("work", "write"))
        .containsExactly(engine.workspaceRoot().resolve("real").resolve("1").toString());
    assertThat(build).step("read").hasOutput("out", "built");
    assertThat(build).step("read").ranWithEnv("CHENGIS_JOB", "real");
    assertThat(build.trace()).containsLine("attempt 1: echo built > artifact.txt && pwd");
  }

  @Test
  void artifacts_realBuild_listedByTheBuildAndInItsTrace(TestEngine engine) {
    Pipeline pipeline =
        Chengis.pipeline(
            "kept",
            p ->
                p.stage("work", s -> s.step("write", shell("printf hello > out.txt")))
                    .artifacts("*.txt"));

    TestBuild build = engine.run(pipeline);

    assertThat(build.artifacts())
        .singleElement()
        .satisfies(
            artifact -> {
              assertThat(artifact.path()).isEqualTo("out.txt");
              assertThat(artifact.size()).isEqualTo(5);
            });
    assertThat(build.trace()).containsLine("artifact out.txt (5 bytes, sha256 2cf24dba5fb0)");
  }

  @Test
  void prepareWorkspace_fillsItBeforeTheFirstStep(TestEngine engine) {
    engine.prepareWorkspace(
        workspace -> {
          Files.createDirectories(workspace.resolve("app"));
          Files.writeString(workspace.resolve("app/VERSION"), "1.2.3\n");
        });
    Pipeline pipeline =
        Chengis.pipeline(
            "checkout",
            p ->
                p.stage(
                    "s", s -> s.step("version", shell("cat VERSION"), st -> st.workingDir("app"))));

    TestBuild build = engine.run(pipeline);

    assertThat(build.log("s", "version")).containsExactly("1.2.3");
  }

  @Test
  void stub_inRealMode_replacesOnlyTheStepItMatches(TestEngine engine) {
    engine.fakes().step("deploy").prints("pretend deploy");
    Pipeline pipeline =
        Chengis.pipeline(
            "partly",
            p ->
                p.stage(
                    "s",
                    s ->
                        s.step("build", shell("echo real build"))
                            .step("deploy", shell("./deploy.sh --prod"))));

    TestBuild build = engine.run(pipeline);

    assertThat(build.log("s", "build")).containsExactly("real build");
    assertThat(build.log("s", "deploy")).containsExactly("pretend deploy");
  }

  @Test
  void cancelAfter_realProcess_stopsIt(TestEngine engine) {
    Pipeline pipeline =
        Chengis.pipeline("long", p -> p.stage("s", s -> s.step("sleep", shell("sleep 30"))));

    TestBuild build = engine.start(pipeline).cancelAfter(Duration.ofMillis(300)).await();

    assertThat(build).step("sleep").wasCancelled().because("cancelled by the test after 0.3s");
  }

  @Test
  void approve_inRealMode_waitsForTheGateThenDecides(TestEngine engine) {
    Pipeline pipeline =
        Chengis.pipeline(
            "gate",
            p ->
                p.stage("build", s -> s.step("make", shell("true")))
                    .stage(
                        "deploy",
                        s ->
                            s.approval(a -> a.message("Go?").approvers("bob"))
                                .step("ship", shell("echo shipped"))));

    TestBuild build = engine.start(pipeline).approve("deploy", as("bob")).await();

    assertThat(build).stage("deploy").succeeded();
    assertThat(build.trace()).containsLine("approved by bob");
  }

  @Test
  void advance_inRealMode_isRefusedWithTheFix(TestEngine engine) {
    assertThatThrownBy(() -> engine.advance(Duration.ofMinutes(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "test engine: advance(PT1M) needs virtual time, but this engine runs in REAL mode; use"
                + " @ChengisTest(mode = Mode.FAKE)");
  }
}
