package io.chengis.testkit;

import static io.chengis.dsl.Conditions.onBranch;
import static io.chengis.dsl.Steps.shell;
import static java.time.Duration.ZERO;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import io.chengis.engine.TriggerRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the assertions say when they fail: the actual values, never only "expected true". */
@ChengisTest
class AssertionsTest {
  private static final Pipeline SHOP =
      Chengis.pipeline(
          "shop",
          p ->
              p.stage(
                      "test",
                      s ->
                          s.step("unit", shell("./mvnw test"), st -> st.env("SUITE", "fast"))
                              .step(
                                  "flaky",
                                  shell("./flaky.sh"),
                                  st -> st.retry(2, ofSeconds(5)).continueOnError()))
                  .stage("deploy", s -> s.when(onBranch("main")).step("ship", shell("./ship.sh"))));

  private TestBuild build;

  @BeforeEach
  void run(TestEngine engine) {
    engine.fakes().step("unit").succeeds();
    engine.fakes().step("flaky").exits(2);
    engine.fakes().step("ship").succeeds();
    build = engine.run(SHOP, TriggerRequest.manual().withBranch("feature/cart"));
  }

  @Test
  void passingAssertions_chainAsTheIssueShowsThem() {
    assertThat(build).stage("deploy").isSkipped().because("branch");
    assertThat(build).step("unit").ranWithEnv("CI", "true").ranWithEnv("SUITE", "fast");
    assertThat(build).conclusion().isSuccess();
    assertThat(build).step("flaky").isAllowedFailure().exitedWith(2).tookAttempts(2);
    assertThat(build).step("flaky").attemptsStartedAt(ZERO, ofSeconds(5));
    assertThat(build).step("ship").isSkipped().neverRan();
  }

  @Test
  void conclusion_wrong_printsTheActualConclusionAndEveryStage() {
    assertThatThrownBy(() -> assertThat(build).conclusion().isFailure())
        .hasMessage(
            "Expected build shop #1 to conclude FAILURE but it concluded SUCCESS\n"
                + "  stage \"test\": SUCCESS\n"
                + "    step \"unit\": SUCCESS\n"
                + "    step \"flaky\": SUCCESS (exit code 2)\n"
                + "  stage \"deploy\": SKIPPED (condition not met: branch \"feature/cart\" does not"
                + " match \"main\")\n"
                + "    step \"ship\": SKIPPED (condition not met: branch \"feature/cart\" does not"
                + " match \"main\")");
  }

  @Test
  void stageSkipped_butItRan_printsWhatItWas() {
    assertThatThrownBy(() -> assertThat(build).stage("test").isSkipped())
        .hasMessage(
            "Expected stage \"test\" of build shop #1 to be SKIPPED but it was SUCCESS, no reason");
  }

  @Test
  void because_otherReason_printsTheActualReason() {
    assertThatThrownBy(() -> assertThat(build).stage("deploy").isSkipped().because("parameter"))
        .hasMessage(
            "Expected the reason of stage \"deploy\" of build shop #1 to contain \"parameter\" but it"
                + " was \"condition not met: branch \"feature/cart\" does not match \"main\"\"");
  }

  @Test
  void unknownStage_listsTheStages() {
    assertThatThrownBy(() -> assertThat(build).stage("Deploy"))
        .hasMessage(
            "Expected build shop #1 to have a stage \"Deploy\" but its stages were [test, deploy]");
  }

  @Test
  void unknownStep_listsTheSteps() {
    assertThatThrownBy(() -> assertThat(build).step("lint"))
        .hasMessage(
            "Expected build shop #1 to have a step \"lint\" but its steps were [test/unit,"
                + " test/flaky, deploy/ship]");
  }

  @Test
  void ranWithEnv_otherValue_printsThatVariableOnly() {
    assertThatThrownBy(() -> assertThat(build).step("unit").ranWithEnv("SUITE", "slow"))
        .hasMessage(
            "Expected step \"unit\" of stage \"test\" of build shop #1 to have run with SUITE=slow"
                + " but attempt 1 had SUITE=fast");
  }

  @Test
  void ranWithEnv_missingVariable_listsTheNames() {
    assertThatThrownBy(() -> assertThat(build).step("unit").ranWithEnv("NOPE", "1"))
        .hasMessageStartingWith(
            "Expected step \"unit\" of stage \"test\" of build shop #1 to have run with NOPE=1 but"
                + " attempt 1 had no NOPE (variables: [")
        .hasMessageContaining("SUITE");
  }

  @Test
  void ranWithEnv_skippedStep_saysItNeverRan() {
    assertThatThrownBy(() -> assertThat(build).step("ship").ranWithEnv("CI", "true"))
        .hasMessage(
            "Expected step \"ship\" of stage \"deploy\" of build shop #1 to have run with CI=true but"
                + " it never ran (SKIPPED, reason: condition not met: branch \"feature/cart\" does"
                + " not match \"main\")");
  }

  @Test
  void attemptsStartedAt_otherTimes_printsTheActualOffsets() {
    assertThatThrownBy(() -> assertThat(build).step("flaky").attemptsStartedAt(ZERO, ofSeconds(10)))
        .hasMessage(
            "Expected the attempts of step \"flaky\" of stage \"test\" of build shop #1 to start at"
                + " [+0s, +10s] but they started at [+0s, +5s]");
  }

  @Test
  void exitedWith_otherCode_printsTheCode() {
    assertThatThrownBy(() -> assertThat(build).step("flaky").exitedWith(0))
        .hasMessage(
            "Expected step \"flaky\" of stage \"test\" of build shop #1 to exit with 0 but it exited"
                + " with 2");
  }

  @Test
  void resultOnly_envAssertion_explainsWhatToAssertOn() {
    assertThatThrownBy(
            () ->
                ChengisAssertions.assertThat(build.result()).step("unit").ranWithEnv("CI", "true"))
        .hasMessage(
            "Cannot check what step \"unit\" of stage \"test\" of build shop #1 ran with: a"
                + " BuildResult does not record it; assert on the TestBuild that TestEngine returned");
  }

  @Test
  void stepInTwoStages_asksForTheStage(TestEngine engine) {
    Pipeline twice =
        Chengis.pipeline(
            "twice",
            p ->
                p.stage("a", s -> s.step("check", shell("x")))
                    .stage("b", s -> s.step("check", shell("x"))));
    engine.fakes().step("check").succeeds();

    TestBuild run = engine.run(twice);

    assertThatThrownBy(() -> assertThat(run).step("check"))
        .hasMessage(
            "Expected one step \"check\" in build twice #1 but stages [a, b] each have one; use"
                + " stage(\"...\").step(\"check\")");
    assertThat(run).stage("b").step("check").succeeded();
  }

  @Test
  void trace_missingLine_printsTheTrace() {
    assertThatThrownBy(() -> assertThat(build.trace()).containsLine("stage nope: SUCCESS"))
        .hasMessageStartingWith(
            "Expected the trace to contain the line\n  stage nope: SUCCESS\nbut it was:\nbuild shop #1:"
                + " SUCCESS");
  }
}
