package io.chengis.store;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Pipeline;
import io.chengis.api.spi.JobRef;
import io.chengis.api.spi.ScheduleKey;
import io.chengis.dsl.Chengis;
import io.chengis.testkit.Invocation;
import io.chengis.testkit.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cron triggers on a real SQLite file, across two engine instances (each with the store opened
 * anew, as after a process restart), in virtual time: a slot one engine started is not started
 * again by the next, and slots missed while no engine ran lead to one catch-up build.
 */
class CronScheduleAcrossRestartsTest {
  private static final ScheduleKey KEY =
      new ScheduleKey(new JobRef(OrgId.DEFAULT, JobId.of("hourly")), "0 * * * *");

  private static Pipeline hourly() {
    return Chengis.pipeline(
        "hourly", p -> p.cron("0 * * * *").stage("work", s -> s.step("tick", shell("true"))));
  }

  private static List<Instant> runFor(Path file, Instant start, Duration duration) {
    try (SqlStores stores = SqlStores.sqlite(file);
        TestEngine engine =
            TestEngine.builder()
                .startAt(start)
                .engine(
                    builder ->
                        builder
                            .buildStore(stores.builds())
                            .logStore(stores.logs())
                            .eventStore(stores.events())
                            .scheduleStore(stores.schedules()))
                .build()) {
      engine.fakes().step("tick").succeeds();
      engine.engine().register(hourly());
      engine.advance(duration);
      return engine.fakes().invocations().stream().map(Invocation::startedAt).toList();
    }
  }

  @Test
  void restartOnTheSameFile_neitherRepeatsNorDropsSlots() {
    Path file = TestDatabases.sqliteFile();
    Instant start = Instant.parse("2026-03-01T00:30:00Z");

    assertThat(runFor(file, start, Duration.ofHours(2)))
        .containsExactly(
            Instant.parse("2026-03-01T01:00:00Z"), Instant.parse("2026-03-01T02:00:00Z"));

    // Started again at the instant of the last slot: that slot is not started twice.
    assertThat(runFor(file, Instant.parse("2026-03-01T02:00:00Z"), Duration.ofMinutes(59)))
        .isEmpty();

    // Down from 02:59 to 06:10: the slots of 03:00 to 06:00 get one catch-up build at 06:10.
    assertThat(runFor(file, Instant.parse("2026-03-01T06:10:00Z"), Duration.ofMinutes(50)))
        .containsExactly(
            Instant.parse("2026-03-01T06:10:00Z"), Instant.parse("2026-03-01T07:00:00Z"));

    try (SqlStores stores = SqlStores.sqlite(file)) {
      assertThat(stores.schedules().lastSlot(KEY)).contains(Instant.parse("2026-03-01T07:00:00Z"));
    }
  }
}
