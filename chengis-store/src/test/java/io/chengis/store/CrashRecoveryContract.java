package io.chengis.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.BuildState;
import io.chengis.api.Conclusion;
import io.chengis.api.EventId;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Outcome;
import io.chengis.api.StageResult;
import io.chengis.api.TimeOrderedIds;
import io.chengis.api.spi.BuildLookup;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.EventBatch;
import io.chengis.api.spi.EventReplay;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Opening the database after a process died concludes the builds it ran and leaves those of live
 * processes alone: one contract, with a subclass per SQL database.
 */
abstract class CrashRecoveryContract {
  private static final OrgId ORG = OrgId.of("acme");
  private static final JobId JOB = JobId.of("api");
  private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(1);

  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final InstantSource clock = () -> now.get();
  private final TimeOrderedIds<EventId> eventIds = EventId.generator(clock);
  private TestDatabases.OwnDatabase database;

  /** A new database of the test's own. */
  abstract TestDatabases.OwnDatabase newDatabase();

  @BeforeEach
  void createDatabase() {
    database = newDatabase();
  }

  private BuildRecord running(SqlStores stores) {
    BuildId id = BuildId.generator(clock).next();
    long number = stores.builds().nextNumber(new io.chengis.api.spi.JobRef(ORG, JOB));
    BuildRecord build =
        new BuildRecord(
            ORG,
            id,
            JOB,
            number,
            1,
            Optional.empty(),
            BuildState.RUNNING,
            Map.of(),
            T0,
            Optional.empty());
    stores.builds().save(build);
    StageResult compiled =
        new StageResult(
            "compile",
            Map.of(),
            Outcome.SUCCESS,
            Conclusion.SUCCESS,
            Optional.of(T0),
            Optional.of(T0.plusSeconds(5)),
            Optional.empty(),
            List.of(),
            Map.of());
    stores
        .events()
        .append(
            new EventBatch(
                ORG,
                List.of(
                    new BuildEvent.BuildStarted(eventIds.next(), id, T0),
                    new BuildEvent.StageFinished(
                        eventIds.next(), id, T0.plusSeconds(5), compiled))));
    return build;
  }

  @Test
  void open_buildWhoseLeaseExpired_isConcludedWithReasonStagesAndAFinishedEvent() {
    StoreOptions options = StoreOptions.defaults().withClock(clock).withBuildLease(LEASE);
    SqlStores crashed = database.open(options);
    BuildRecord build = running(crashed);
    // The process "dies": its heartbeat stops renewing, and time passes beyond the lease.
    crashed.close();
    now.set(T0.plus(LEASE).plusSeconds(1));

    try (SqlStores restarted = database.open(options)) {
      assertThat(restarted.recovered())
          .extracting(BuildRecord::buildId)
          .containsExactly(build.buildId());
      BuildRecord stored =
          restarted.builds().find(BuildLookup.byId(ORG, build.buildId())).orElseThrow();
      assertThat(stored.state()).isEqualTo(BuildState.FINISHED);
      assertThat(stored.result().orElseThrow().conclusion()).isEqualTo(Conclusion.FAILURE);
      assertThat(stored.result().orElseThrow().reason())
          .hasValueSatisfying(r -> assertThat(r).contains("stopped while it was running"));
      assertThat(stored.result().orElseThrow().stages())
          .extracting(StageResult::name)
          .containsExactly("compile");
      assertThat(
              restarted
                  .events()
                  .replay(new EventReplay(ORG, Optional.of(build.buildId()), Optional.empty(), 10)))
          .last()
          .isInstanceOf(BuildEvent.BuildFinished.class);
    }
  }

  @Test
  void open_buildWithALiveLease_staysRunning() {
    StoreOptions options = StoreOptions.defaults().withClock(clock).withBuildLease(LEASE);
    try (SqlStores running = database.open(options)) {
      BuildRecord build = running(running);
      now.set(T0.plus(LEASE).minusSeconds(1));

      try (SqlStores other = database.open(options)) {
        assertThat(other.recovered()).isEmpty();
        assertThat(other.builds().find(BuildLookup.byId(ORG, build.buildId())))
            .hasValueSatisfying(b -> assertThat(b.state()).isEqualTo(BuildState.RUNNING));
      }
    }
  }

  @Test
  void open_queuedBuildOfADeadProcess_isCancelledAsNeverStarted() {
    StoreOptions options = StoreOptions.defaults().withClock(clock).withBuildLease(LEASE);
    try (SqlStores stores = database.open(options)) {
      BuildRecord build = running(stores);
      stores.builds().save(build.withState(BuildState.QUEUED, Optional.empty()));
    }
    now.set(T0.plus(LEASE).plusSeconds(1));

    try (SqlStores restarted = database.open(options)) {
      assertThat(restarted.recovered())
          .singleElement()
          .satisfies(
              b -> {
                assertThat(b.result().orElseThrow().conclusion()).isEqualTo(Conclusion.CANCELLED);
                assertThat(b.result().orElseThrow().reason())
                    .hasValueSatisfying(r -> assertThat(r).contains("before it started"));
              });
    }
  }
}
