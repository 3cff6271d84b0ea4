package io.chengis.testkit;

import static io.chengis.dsl.Steps.container;
import static io.chengis.dsl.Steps.shell;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@ChengisTest
class FakeExecutorTest {
  private final Pipeline build =
      Chengis.pipeline(
          "app",
          p ->
              p.env("MODE", "ci")
                  .stage(
                      "compile",
                      s ->
                          s.step("deps", shell("./mvnw -B dependency:go-offline"))
                              .step("javac", shell("./mvnw -B compile")))
                  .stage(
                      "test",
                      s ->
                          s.step("unit", shell("./mvnw -B test"), st -> st.env("SUITE", "unit"))
                              .step("report", shell("echo ${{ steps.unit.outputs.passed }}"))));

  @Test
  void stubs_byNamePathAndCommand_eachMatchTheirSteps(TestEngine engine) {
    engine.fakes().command("./mvnw *").prints("maven");
    engine.fakes().step("compile", "javac").prints("javac path stub");
    engine.fakes().step("unit").prints("unit name stub").outputs("passed", "42");
    engine.fakes().commandMatching(Pattern.compile("^echo ")).prints("echo regex stub");

    TestBuild run = engine.run(build);

    assertThat(run.log("compile", "deps")).containsExactly("maven");
    assertThat(run.log("compile", "javac")).containsExactly("javac path stub");
    assertThat(run.log("test", "unit")).containsExactly("unit name stub");
    assertThat(run.log("test", "report")).containsExactly("echo regex stub");
    assertThat(run).step("unit").hasOutput("passed", "42");
    assertThat(run).step("report").ranCommand("echo 42");
  }

  @Test
  void pathStub_winsOverNameStub(TestEngine engine) {
    engine.fakes().command("*").succeeds();
    engine.fakes().step("javac").fails();
    engine.fakes().step("compile", "javac").exits(0);

    assertThat(engine.run(build)).step("javac").succeeded();
  }

  @Test
  void exitCode_nonZero_failsTheStepAndSkipsTheRest(TestEngine engine) {
    engine.fakes().command("*").succeeds();
    engine.fakes().step("deps").exits(3).printsError("could not resolve");

    TestBuild run = engine.run(build);

    assertThat(run).conclusion().isFailure();
    assertThat(run).step("deps").failed().exitedWith(3);
    assertThat(run).step("javac").isSkipped().because("step \"deps\" failed");
    assertThat(run).stage("test").isSkipped().because("stage \"compile\" failed");
    assertThat(run.log("compile", "deps")).containsExactly("could not resolve");
  }

  @Test
  void startFailure_failsTheStepWithTheMessage(TestEngine engine) {
    engine.fakes().command("*").succeeds();
    engine.fakes().step("unit").failsToStart("image maven:3.9 not found");

    TestBuild run = engine.run(build);

    assertThat(run).step("unit").failed().because("image maven:3.9 not found");
    assertThat(run.result().stages().get(1).steps().get(0).exitCode()).isEmpty();
  }

  @Test
  void hang_withAStepTimeout_timesOut(TestEngine engine) {
    Pipeline pipeline =
        Chengis.pipeline(
            "hang",
            p -> p.stage("s", s -> s.step("stuck", shell("x"), st -> st.timeout(ofMinutes(3)))));
    engine.fakes().step("stuck").hangs();

    TestBuild run = engine.run(pipeline);

    assertThat(run).step("stuck").timedOut().because("step \"stuck\" timed out after PT3M");
    assertThat(run.result().finishedAt()).contains(engine.start().plus(ofMinutes(3)));
  }

  @Test
  void outOfMemoryKill_exits137WithKilledOnStandardError(TestEngine engine) {
    engine.fakes().command("*").succeeds();
    engine.fakes().step("unit").killedOutOfMemory();

    TestBuild run = engine.run(build);

    assertThat(run).step("unit").failed().exitedWith(137);
    assertThat(run.log("test", "unit")).containsExactly("Killed");
  }

  @Test
  void unstubbedStep_byDefault_failsLoudlyListingTheStubs(TestEngine engine) {
    engine.fakes().step("deps").succeeds();

    assertThatThrownBy(() -> engine.run(build))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ran 1 step attempt(s) without a stub")
        .hasMessageContaining(
            "stage \"compile\" step \"javac\" has no stub (was command \"./mvnw -B compile\";"
                + " stubs: [step \"deps\": exits 0]); stub it with fakes.step(\"javac\"),"
                + " fakes.step(\"compile\", \"javac\") or fakes.command(...)");
  }

  @Test
  @ChengisTest(unstubbed = Unstubbed.RUN)
  void unstubbedStep_withRun_runsAsARealProcess(TestEngine engine) {
    Pipeline pipeline =
        Chengis.pipeline(
            "mixed",
            p ->
                p.stage(
                    "s",
                    s ->
                        s.step(
                                "real",
                                shell("echo \"really $GREETING\""),
                                st -> st.env("GREETING", "hi"))
                            .step("fake", shell("./deploy.sh"))));
    engine.fakes().step("fake").prints("stubbed deploy");

    TestBuild run = engine.run(pipeline);

    assertThat(run).conclusion().isSuccess();
    assertThat(run.log("s", "real")).containsExactly("really hi");
    assertThat(run.invocations())
        .extracting(Invocation::handledBy)
        .containsExactly("real process", "step \"fake\"");
  }

  @Test
  void matrixStage_pathStubByPlainName_matchesEveryCombination(TestEngine engine) {
    Pipeline matrix =
        Chengis.pipeline(
            "matrix",
            p ->
                p.matrix(m -> m.axis("os", "linux", "mac"))
                    .stage("Build", s -> s.step("Compile", shell("make"))));
    engine.fakes().step("Build", "Compile").prints("built");
    engine.fakes().step("Build [os=mac]", "Compile").fails();

    TestBuild run = engine.run(matrix);

    assertThat(run).stage("Build [os=linux]").succeeded();
    assertThat(run).stage("Build [os=mac]").failed();
    assertThat(run).stage("Build [os=linux]").step("Compile").ranWithEnv("MATRIX_OS", "linux");
  }

  @Test
  void containerStep_goesToTheFakeToo(TestEngine engine) {
    Pipeline pipeline =
        Chengis.pipeline(
            "lint",
            p ->
                p.stage(
                    "lint",
                    s ->
                        s.step("hadolint", container("hadolint/hadolint", "hadolint Dockerfile"))));
    engine.fakes().command("hadolint *").printsError("DL3007 warning");

    TestBuild run = engine.run(pipeline);

    assertThat(run).step("hadolint").succeeded().ranCommand("hadolint Dockerfile");
  }

  @Test
  void stubToString_describesEveryAttempt() {
    FakeExecutor fakes = new FakeExecutor();

    Stub stub = fakes.step("push").fails().then().takes(ofMinutes(2)).succeeds();

    assertThat(stub).hasToString("step \"push\": exits 1, then exits 0 after PT2M");
    assertThatThrownBy(() -> fakes.step("x").exits(256))
        .hasMessage("stub step \"x\": exit code must be 0 to 255 (was 256); use a shell's code");
  }

  @Test
  void invocation_toString_showsEnvironmentNamesOnly(TestEngine engine) {
    Pipeline pipeline =
        Chengis.pipeline(
            "secret-ish",
            p -> p.stage("s", s -> s.step("use", shell("x"), st -> st.env("TOKEN", "hunter2"))));
    engine.fakes().step("use").succeeds();

    Invocation invocation = engine.run(pipeline).invocations().get(0);

    assertThat(invocation.env()).containsEntry("TOKEN", "hunter2");
    assertThat(invocation.toString()).contains("TOKEN").doesNotContain("hunter2");
  }
}
