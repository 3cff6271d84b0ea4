package io.chengis.testkit;

import static io.chengis.dsl.Steps.shell;
import static io.chengis.testkit.TestBuild.as;
import static java.time.Duration.ZERO;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ChengisTest
class VirtualTimeTest {
  TestEngine engine;

  @Test
  void sixHourTimeout_hangingStep_timesOutAtSixHoursInWellUnderASecond() {
    Pipeline nightly =
        Chengis.pipeline(
            "nightly",
            p ->
                p.timeout(ofHours(6))
                    .stage(
                        "soak",
                        s ->
                            s.step("load test", shell("./soak.sh"), st -> st.timeout(ofHours(8)))));
    engine.fakes().step("load test").hangs();
    // Class loading and JIT belong to the JVM, not to virtual time: warm up on a trivial build.
    engine.fakes().step("warm up").succeeds();
    engine.run(Chengis.pipeline("warm-up", p -> p.stage("s", s -> s.step("warm up", shell("x")))));

    long started = System.nanoTime();
    TestBuild build = engine.run(nightly);
    Duration real = Duration.ofNanos(System.nanoTime() - started);

    assertThat(build).conclusion().isTimedOut();
    assertThat(build).step("load test").timedOut().because("build timed out after PT6H");
    assertThat(
            Duration.between(
                build.result().startedAt().orElseThrow(),
                build.result().finishedAt().orElseThrow()))
        .isEqualTo(ofHours(6));
    assertThat(real).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void retry_exponentialBackoff_attemptsStartAtTheBackoffInstants() {
    Pipeline flaky =
        Chengis.pipeline(
            "flaky",
            p ->
                p.stage(
                    "publish",
                    s ->
                        s.step(
                            "upload",
                            shell("./upload.sh"),
                            st ->
                                st.retry(
                                    r -> r.maxAttempts(4).backoff(ofSeconds(10)).multiplier(2)))));
    engine
        .fakes()
        .step("upload")
        .takes(ofMinutes(1))
        .fails()
        .then()
        .takes(ofMinutes(1))
        .fails()
        .then()
        .takes(ofMinutes(1))
        .fails()
        .then()
        .takes(ofMinutes(1))
        .succeeds();

    TestBuild build = engine.run(flaky);

    assertThat(build).conclusion().isSuccess();
    assertThat(build)
        .step("upload")
        .tookAttempts(4)
        .attemptsStartedAt(
            ZERO,
            ofMinutes(1).plusSeconds(10),
            ofMinutes(2).plusSeconds(30),
            ofMinutes(3).plusSeconds(70));
  }

  @Test
  void approvalTimeout_noDecision_failsTheStageAfterTheGateTimeout() {
    Pipeline gated =
        Chengis.pipeline(
            "gated",
            p ->
                p.stage(
                    "deploy",
                    s ->
                        s.approval(a -> a.message("Ship?").timeout(ofHours(4)))
                            .step("ship", shell("./ship.sh"))));
    engine.fakes().step("ship").succeeds();

    TestBuild build = engine.run(gated);

    assertThat(build).stage("deploy").failed().because("approval timed out after PT4H");
    assertThat(build.result().finishedAt()).contains(engine.start().plus(ofHours(4)));
  }

  @Test
  void approve_beforeTheTimeout_runsTheStage() {
    Pipeline gated =
        Chengis.pipeline(
            "gated",
            p ->
                p.stage(
                    "deploy",
                    s ->
                        s.approval(a -> a.message("Ship?").approvers("alice").timeout(ofHours(4)))
                            .step("ship", shell("./ship.sh"))));
    engine.fakes().step("ship").takes(ofMinutes(2));

    TestBuild build = engine.start(gated).approve("deploy", as("alice")).await();

    assertThat(build).stage("deploy").succeeded();
    assertThat(build.result().finishedAt()).contains(engine.start().plus(ofMinutes(2)));
  }

  @Test
  void advance_halfOfAStep_leavesTheBuildRunningUntilTheRest() {
    Pipeline slow =
        Chengis.pipeline("slow", p -> p.stage("build", s -> s.step("compile", shell("make"))));
    engine.fakes().step("compile").takes(ofMinutes(40));

    TestBuild build = engine.start(slow);
    engine.advance(ofMinutes(20));

    assertThat(build.isFinished()).isFalse();
    assertThat(engine.now()).isEqualTo(engine.start().plus(ofMinutes(20)));

    engine.advance(ofMinutes(20));

    assertThat(build.isFinished()).isTrue();
    assertThat(build).conclusion().isSuccess();
  }

  @Test
  void cancelAfter_hangingStep_cancelsAtThatInstant() {
    Pipeline stuck =
        Chengis.pipeline("stuck", p -> p.stage("wait", s -> s.step("forever", shell("sleep inf"))));
    engine.fakes().step("forever").hangs();

    TestBuild build = engine.start(stuck).cancelAfter(ofMinutes(5)).await();

    assertThat(build).conclusion().isCancelled();
    assertThat(build).step("forever").wasCancelled().because("cancelled by the test after 5m");
    assertThat(build.result().finishedAt()).contains(engine.start().plus(ofMinutes(5)));
  }

  @Test
  void parallelSteps_differentDurations_giveTheSameTraceEveryRun() {
    Pipeline fanOut =
        Chengis.pipeline(
            "fan-out",
            p ->
                p.stage(
                    "checks",
                    s ->
                        s.parallel()
                            .step("lint", shell("lint"))
                            .step("unit", shell("unit"))
                            .step("it", shell("it"))));
    engine.fakes().step("lint").takes(ofMinutes(1));
    engine.fakes().step("unit").takes(ofMinutes(5));
    engine.fakes().step("it").takes(ofMinutes(3)).fails();

    Trace first = engine.run(fanOut).trace();
    Trace second = engine.run(fanOut).trace();

    assertThat(second.lines().subList(1, second.lines().size()))
        .isEqualTo(first.lines().subList(1, first.lines().size()));
    assertThat(first).containsLine("stage checks: FAILURE [+0s .. +5m]");
  }
}
