package io.chengis.testkit;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Pipeline;
import io.chengis.api.spi.JobRef;
import io.chengis.api.spi.ScheduleKey;
import io.chengis.api.spi.ScheduleStore;
import io.chengis.dsl.Chengis;
import io.chengis.engine.memory.InMemoryScheduleStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cron triggers keep their last slot in the engine's schedule store, so an engine started again on
 * the same store neither starts a slot twice nor forgets the slots missed while none ran.
 */
class CronRestartTest {
  private static final Instant MARCH_1 = Instant.parse("2026-03-01T00:00:00Z");
  private static final ScheduleKey NIGHTLY_KEY =
      new ScheduleKey(new JobRef(OrgId.DEFAULT, JobId.of("nightly")), "0 2 * * *");

  private final ScheduleStore store = new InMemoryScheduleStore();

  private static Pipeline nightly() {
    return Chengis.pipeline(
        "nightly",
        p -> p.cron("0 2 * * *").stage("soak", s -> s.step("load test", shell("./soak.sh"))));
  }

  private TestEngine engineAt(Instant start) {
    TestEngine engine =
        TestEngine.builder().startAt(start).engine(b -> b.scheduleStore(store)).build();
    engine.fakes().step("load test").succeeds();
    return engine;
  }

  private static List<Instant> started(TestEngine engine) {
    return engine.fakes().invocations().stream().map(Invocation::startedAt).toList();
  }

  @Test
  void restart_afterTheSlotFired_doesNotStartItAgain() {
    try (TestEngine first = engineAt(MARCH_1)) {
      first.engine().register(nightly());
      first.advance(Duration.ofHours(2));
      assertThat(started(first)).containsExactly(Instant.parse("2026-03-01T02:00:00Z"));
    }

    try (TestEngine second = engineAt(Instant.parse("2026-03-01T02:00:00Z"))) {
      second.engine().register(nightly());
      second.advance(Duration.ofHours(23));

      assertThat(started(second)).isEmpty();
      second.advance(Duration.ofHours(1));
      assertThat(started(second)).containsExactly(Instant.parse("2026-03-02T02:00:00Z"));
    }
  }

  @Test
  void restart_afterThreeMissedSlots_startsOneCatchUpBuildThenKeepsTheSchedule() {
    try (TestEngine first = engineAt(MARCH_1)) {
      first.engine().register(nightly());
      first.advance(Duration.ofHours(3));
      assertThat(started(first)).hasSize(1);
    }

    // Down from March 1st 03:00 to March 4th 05:00: the slots of the 2nd, 3rd and 4th passed.
    Instant restart = Instant.parse("2026-03-04T05:00:00Z");
    try (TestEngine second = engineAt(restart)) {
      second.engine().register(nightly());
      second.advance(Duration.ofMinutes(1));
      assertThat(started(second)).containsExactly(restart);
      assertThat(store.lastSlot(NIGHTLY_KEY)).contains(restart);

      second.advance(Duration.ofDays(1));
      assertThat(started(second)).containsExactly(restart, Instant.parse("2026-03-05T02:00:00Z"));
    }
  }

  @Test
  void firstRegistration_startsNoCatchUpBuild() {
    try (TestEngine engine = engineAt(Instant.parse("2026-03-01T05:00:00Z"))) {
      engine.engine().register(nightly());
      engine.advance(Duration.ofHours(20));

      assertThat(started(engine)).isEmpty();
      assertThat(store.lastSlot(NIGHTLY_KEY)).contains(Instant.parse("2026-03-01T05:00:00Z"));
    }
  }

  @Test
  void twoEnginesOnOneStore_startEachSlotOnce() {
    try (TestEngine first = engineAt(MARCH_1);
        TestEngine second = engineAt(MARCH_1)) {
      first.engine().register(nightly());
      second.engine().register(nightly());

      first.advance(Duration.ofDays(3));
      second.advance(Duration.ofDays(3));

      assertThat(started(first)).hasSize(3);
      assertThat(started(second)).isEmpty();
    }
  }
}
