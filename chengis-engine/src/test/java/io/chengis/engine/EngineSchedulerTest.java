package io.chengis.engine;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.Conclusion;
import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSchedulerTest {
  @TempDir Path root;

  /** Real time underneath; records what the engine asks of it. */
  static final class RecordingScheduler implements EngineScheduler {
    final List<String> threads = new CopyOnWriteArrayList<>();
    final List<Duration> delays = new CopyOnWriteArrayList<>();
    final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @Override
    public Scheduled schedule(Duration delay, Runnable action) {
      delays.add(delay);
      var future = timer.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    }

    @Override
    public Thread start(String name, Runnable task) {
      threads.add(name);
      return Thread.ofVirtual().name(name).start(task);
    }

    @Override
    public void close() {
      closed.set(true);
      timer.shutdownNow();
    }
  }

  @Test
  void scheduler_givenToTheBuilder_startsEveryBuildStageAndParallelStepAndTimesStepsOut()
      throws Exception {
    RecordingScheduler scheduler = new RecordingScheduler();
    Pipeline pipeline =
        Chengis.pipeline(
            "seam",
            p ->
                p.stage(
                        "checks",
                        s ->
                            s.parallel()
                                .step("a", shell("true"))
                                .step(
                                    "b",
                                    shell("sleep 5"),
                                    st -> st.timeout(Duration.ofMillis(300))))
                    .timeout(Duration.ofMinutes(5)));

    try (ChengisEngine engine =
        ChengisEngine.builder().workspaceRoot(root).scheduler(scheduler).build()) {
      var result = engine.trigger(pipeline, TriggerRequest.manual()).await();

      assertThat(result.conclusion()).isEqualTo(Conclusion.TIMED_OUT);
      assertThat(scheduler.threads)
          .containsExactlyInAnyOrder(
              "chengis-build-seam-1", "chengis-stage-checks", "chengis-step-a", "chengis-step-b");
      assertThat(scheduler.delays)
          .contains(Duration.ofMinutes(5), Duration.ofMillis(300), Duration.ofMinutes(60));
    }
    assertThat(scheduler.closed).isTrue();
  }

  @Test
  void scheduler_givenRetryBackoff_waitsThroughIt() throws Exception {
    RecordingScheduler scheduler = new RecordingScheduler();
    Pipeline pipeline =
        Chengis.pipeline(
            "backoff",
            p ->
                p.stage(
                    "flaky",
                    s ->
                        s.step("fail", shell("exit 1"), st -> st.retry(3, Duration.ofMillis(20)))));

    try (ChengisEngine engine =
        ChengisEngine.builder().workspaceRoot(root).scheduler(scheduler).build()) {
      var result = engine.trigger(pipeline, TriggerRequest.manual()).await();

      assertThat(result.stages().getFirst().steps().getFirst().attempts()).isEqualTo(3);
      assertThat(scheduler.delays).contains(Duration.ofMillis(20));
    }
  }

  @Test
  void stepExecutors_localShell_refusesANegativeGracePeriod() {
    assertThatThrownBy(
            () ->
                StepExecutors.localShell(
                    "sh", Duration.ofSeconds(-1), java.time.InstantSource.system()))
        .hasMessage("killGracePeriod must not be negative (was PT-1S); use zero or more");
  }
}
