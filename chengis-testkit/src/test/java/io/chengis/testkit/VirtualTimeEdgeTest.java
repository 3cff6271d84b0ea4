package io.chengis.testkit;

import static io.chengis.dsl.Steps.plugin;
import static io.chengis.dsl.Steps.shell;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.Pipeline;
import io.chengis.api.spi.StepExecutor;
import io.chengis.api.spi.StepExit;
import io.chengis.dsl.Chengis;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class VirtualTimeEdgeTest {

  @Test
  void executorIgnoringCancellation_leavesTheBuildStuck_andAwaitSaysWhy() {
    CountDownLatch release = new CountDownLatch(1);
    StepExecutor deaf =
        context -> {
          release.await();
          return StepExit.exited(0);
        };
    Pipeline pipeline =
        Chengis.pipeline(
            "deaf",
            p ->
                p.stage(
                    "s",
                    s -> s.step("wait", plugin("deaf", Map.of()), st -> st.timeout(ofMinutes(5)))));
    try (TestEngine engine =
        TestEngine.builder().engine(builder -> builder.executor("deaf", deaf)).build()) {
      TestBuild build = engine.start(pipeline);

      assertThatThrownBy(build::await)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("build deaf #1 cannot finish: it waits on something virtual time")
          .hasMessageContaining("chengis-build-deaf-1=WAITING");
      assertThat(engine.now()).isEqualTo(engine.start().plus(ofMinutes(5)));
      release.countDown();
      build.await();
      assertThat(build).step("wait").timedOut();
    }
  }

  @Test
  void realWorkLongerThanTheLimit_failsWithTheThreadsThatKeepRunning() {
    Pipeline pipeline =
        Chengis.pipeline("slow", p -> p.stage("s", s -> s.step("real", shell("sleep 3"))));
    try (TestEngine engine =
        TestEngine.builder()
            .unstubbed(Unstubbed.RUN)
            .realTimeLimit(Duration.ofMillis(300))
            .build()) {
      TestBuild build = engine.start(pipeline);

      assertThatThrownBy(build::await)
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith(
              "virtual time: the engine did not come to rest within PT0.3S of real time")
          .hasMessageContaining("real work running: 1");
    }
  }

  @Test
  void advance_duringARetryBackoff_resumesAtTheBackoffsEnd() {
    Pipeline pipeline =
        Chengis.pipeline(
            "retry",
            p ->
                p.stage(
                    "s", s -> s.step("push", shell("./push"), st -> st.retry(2, ofMinutes(10)))));
    try (TestEngine engine = TestEngine.builder().build()) {
      engine.fakes().step("push").fails().then().succeeds();
      TestBuild build = engine.start(pipeline);

      engine.advance(ofMinutes(9));
      assertThat(build.isFinished()).isFalse();
      assertThat(build.invocations()).hasSize(1);

      engine.advance(ofMinutes(1));
      assertThat(build.isFinished()).isTrue();
      assertThat(build)
          .step("push")
          .tookAttempts(2)
          .attemptsStartedAt(Duration.ZERO, ofMinutes(10));
    }
  }

  @Test
  void builder_badValues_areRefusedWithTheFix() {
    assertThatThrownBy(() -> TestEngine.builder().realTimeLimit(Duration.ZERO))
        .hasMessage("realTimeLimit must be positive (was PT0S); give a positive duration");
    try (TestEngine engine = TestEngine.builder().build()) {
      assertThatThrownBy(() -> engine.advance(ofSeconds(-1)))
          .hasMessage(
              "advance: duration must not be negative (was PT-1S); time only moves forward");
    }
  }
}
