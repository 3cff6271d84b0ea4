package io.chengis.testkit;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Cron triggers run on the engine's timers, so virtual time fires them instantly and in order. */
@ChengisTest(startAt = "2026-03-01T00:00:00Z")
class CronScheduleTest {
  TestEngine engine;

  private static Pipeline nightly(String cron) {
    return Chengis.pipeline(
        "nightly", p -> p.cron(cron).stage("soak", s -> s.step("load test", shell("./soak.sh"))));
  }

  @Test
  void cronTrigger_threeVirtualDays_startsOneBuildAtEveryOccurrenceInWellUnderASecond() {
    engine.fakes().step("load test").takes(Duration.ofMinutes(30)).succeeds();
    engine.engine().register(nightly("0 2 * * *"));

    long started = System.nanoTime();
    engine.advance(Duration.ofDays(3));
    Duration real = Duration.ofNanos(System.nanoTime() - started);

    assertThat(engine.fakes().invocations())
        .extracting(Invocation::startedAt)
        .containsExactly(
            Instant.parse("2026-03-01T02:00:00Z"),
            Instant.parse("2026-03-02T02:00:00Z"),
            Instant.parse("2026-03-03T02:00:00Z"));
    assertThat(engine.fakes().invocations())
        .allSatisfy(call -> assertThat(call.env()).containsEntry("CHENGIS_JOB", "nightly"));
    assertThat(real).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void cronTrigger_registeredAgain_firesOnlyOnTheNewSchedule() {
    engine.fakes().step("load test").succeeds();
    engine.engine().register(nightly("0 2 * * *"));
    engine.engine().register(nightly("30 4 * * *"));

    engine.advance(Duration.ofDays(1));

    assertThat(engine.fakes().invocations())
        .extracting(Invocation::startedAt)
        .containsExactly(Instant.parse("2026-03-01T04:30:00Z"));
  }

  @Test
  void cronTrigger_everyFifteenMinutesForAnHour_firesFourTimes() {
    engine.fakes().step("load test").succeeds();
    engine.engine().register(nightly("*/15 * * * *"));

    engine.advance(Duration.ofMinutes(59));

    assertThat(engine.fakes().invocations()).hasSize(3);
    engine.advance(Duration.ofMinutes(1));
    assertThat(engine.fakes().invocations()).hasSize(4);
  }
}
