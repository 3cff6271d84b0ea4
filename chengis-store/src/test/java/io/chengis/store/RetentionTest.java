package io.chengis.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.BuildResult;
import io.chengis.api.BuildState;
import io.chengis.api.Conclusion;
import io.chengis.api.EventId;
import io.chengis.api.JobId;
import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.OrgId;
import io.chengis.api.Outcome;
import io.chengis.api.spi.BuildLookup;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.EventBatch;
import io.chengis.api.spi.EventReplay;
import io.chengis.api.spi.JobRef;
import io.chengis.api.spi.LogChunk;
import io.chengis.api.spi.LogKey;
import io.chengis.api.spi.LogRead;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RetentionTest {
  private static final JobRef JOB = new JobRef(OrgId.of("acme"), JobId.of("api"));
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final InstantSource clock = () -> now.get();

  /** A build finished {@code daysAgo} days before day 100, with a log line and an event. */
  private BuildRecord build(SqlStores stores, int day, boolean finished) {
    Instant at = T0.plus(Duration.ofDays(day));
    BuildId id = BuildId.generator(InstantSource.fixed(at)).next();
    long number = stores.builds().nextNumber(JOB);
    BuildRecord queued =
        new BuildRecord(
            JOB.org(),
            id,
            JOB.jobId(),
            number,
            1,
            Optional.empty(),
            BuildState.QUEUED,
            Map.of(),
            at,
            Optional.empty());
    BuildRecord record =
        finished
            ? queued.withState(
                BuildState.FINISHED,
                Optional.of(
                    new BuildResult(
                        id,
                        JOB.jobId(),
                        number,
                        1,
                        Optional.empty(),
                        Outcome.SUCCESS,
                        Conclusion.SUCCESS,
                        Optional.of(at),
                        Optional.of(at.plusSeconds(60)),
                        Optional.empty(),
                        List.of(),
                        List.of(),
                        List.of())))
            : queued.withState(BuildState.RUNNING, Optional.empty());
    stores.builds().save(record);
    LogKey key = new LogKey(new BuildRef(JOB.org(), id), "Build", "Compile");
    stores
        .logs()
        .append(new LogChunk(key, 0, List.of(new LogLine(at, LogStream.STDOUT, "day " + day))));
    stores
        .events()
        .append(
            new EventBatch(
                JOB.org(),
                List.of(
                    new BuildEvent.BuildStarted(
                        EventId.generator(InstantSource.fixed(at)).next(), id, at))));
    stores
        .artifactCatalog()
        .record(
            new io.chengis.api.spi.ArtifactRecord(
                JOB.org(), id, JOB.jobId(), "app.jar", 1, "a".repeat(64), at));
    return record;
  }

  private static boolean exists(SqlStores stores, BuildRecord build) {
    return stores.builds().find(BuildLookup.byId(JOB.org(), build.buildId())).isPresent();
  }

  private static int logLines(SqlStores stores, BuildRecord build) {
    LogKey key = new LogKey(new BuildRef(JOB.org(), build.buildId()), "Build", "Compile");
    return stores.logs().read(new LogRead(key, 0, 10)).lines().size();
  }

  private static int events(SqlStores stores, BuildRecord build) {
    return stores
        .events()
        .replay(new EventReplay(JOB.org(), Optional.of(build.buildId()), Optional.empty(), 10))
        .size();
  }

  @Test
  void keepBuilds_keepsTheNewestFinishedAndEveryUnfinishedWithTheirLogsAndEvents() {
    try (SqlStores stores =
        SqlStores.sqlite(TestDatabases.sqliteFile(), StoreOptions.defaults().withClock(clock))) {
      List<BuildRecord> builds = new ArrayList<>();
      for (int day = 0; day < 5; day++) {
        builds.add(build(stores, day, true));
      }
      BuildRecord running = build(stores, 5, false);

      RetentionPolicy.Report report = stores.retain(RetentionPolicy.keepAll().withKeepBuilds(2));

      assertThat(report.builds()).isEqualTo(3);
      assertThat(builds.subList(0, 3)).noneMatch(b -> exists(stores, b));
      assertThat(builds.subList(3, 5)).allMatch(b -> exists(stores, b));
      assertThat(exists(stores, running)).isTrue();
      assertThat(logLines(stores, builds.get(0))).isZero();
      assertThat(events(stores, builds.get(0))).isZero();
      assertThat(logLines(stores, builds.get(4))).isEqualTo(1);
      assertThat(stores.artifactCatalog().list(new BuildRef(JOB.org(), builds.get(0).buildId())))
          .isEmpty();
      assertThat(stores.artifactCatalog().list(new BuildRef(JOB.org(), builds.get(4).buildId())))
          .hasSize(1);
    }
  }

  @Test
  void ages_deleteBuildsLogsAndEventsEachByTheirOwnAge() {
    try (SqlStores stores =
        SqlStores.sqlite(TestDatabases.sqliteFile(), StoreOptions.defaults().withClock(clock))) {
      BuildRecord ancient = build(stores, 0, true);
      BuildRecord old = build(stores, 60, true);
      BuildRecord recent = build(stores, 95, true);
      now.set(T0.plus(Duration.ofDays(100)));

      RetentionPolicy.Report report =
          stores.retain(
              RetentionPolicy.keepAll()
                  .withBuildsMaxAge(Duration.ofDays(90))
                  .withLogsMaxAge(Duration.ofDays(30))
                  .withEventsMaxAge(Duration.ofDays(7)));

      assertThat(report.builds()).isEqualTo(1);
      assertThat(exists(stores, ancient)).isFalse();
      assertThat(exists(stores, old)).isTrue();
      assertThat(logLines(stores, old)).isZero();
      assertThat(events(stores, old)).isZero();
      assertThat(exists(stores, recent)).isTrue();
      assertThat(logLines(stores, recent)).isEqualTo(1);
      assertThat(events(stores, recent)).isEqualTo(1);
    }
  }

  @Test
  void keepBuilds_onPostgresql_behavesTheSame() {
    SqlStores stores = TestDatabases.postgresql();
    List<BuildRecord> builds = new ArrayList<>();
    for (int day = 0; day < 4; day++) {
      builds.add(build(stores, day, true));
    }

    RetentionPolicy.Report report = stores.retain(RetentionPolicy.keepAll().withKeepBuilds(1));

    assertThat(report.builds()).isEqualTo(3);
    assertThat(report.logChunks()).isEqualTo(3);
    assertThat(exists(stores, builds.get(3))).isTrue();
  }
}
