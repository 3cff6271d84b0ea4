package io.chengis.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chengis.api.AgentId;
import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.BuildState;
import io.chengis.api.Conclusion;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.spi.BuildLookup;
import io.chengis.api.spi.BuildQuery;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.ClaimRequest;
import io.chengis.api.spi.EventReplay;
import io.chengis.api.spi.JobRef;
import io.chengis.api.spi.Lease;
import io.chengis.api.spi.QueueEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Opening the database after a process died leaves waiting builds and requeueable builds for an
 * engine to resume, and dead-letters a build whose queue attempts are used up: one contract, with a
 * subclass per SQL database.
 */
abstract class ResumableRecoveryContract {
  private static final OrgId ORG = OrgId.of("acme");
  private static final JobId JOB = JobId.of("api");
  private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(1);
  private static final AgentId DEAD_WORKER = AgentId.of("engine-that-died");

  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final InstantSource clock = () -> now.get();
  private TestDatabases.OwnDatabase database;
  private final StoreOptions options =
      StoreOptions.defaults().withClock(clock).withBuildLease(LEASE);

  /** A new database of the test's own. */
  abstract TestDatabases.OwnDatabase newDatabase();

  @BeforeEach
  void createDatabase() {
    database = newDatabase();
  }

  private BuildRecord saved(SqlStores stores, BuildState state) {
    BuildId id = BuildId.generator(clock).next();
    long number = stores.builds().nextNumber(new JobRef(ORG, JOB));
    BuildRecord build =
        new BuildRecord(
            ORG, id, JOB, number, 1, Optional.empty(), state, Map.of(), T0, Optional.empty());
    stores.builds().save(build);
    return build;
  }

  /** Queues the build as an engine does for a pipeline that requeues on crash, and claims it. */
  private static Lease queuedAndClaimed(SqlStores stores, BuildRecord build, int maxAttempts) {
    String label = "chengis-build=" + build.buildId();
    stores
        .queue()
        .enqueue(
            new QueueEntry(new BuildRef(ORG, build.buildId()), JOB, Set.of(label), T0)
                .withMaxAttempts(maxAttempts));
    return stores
        .queue()
        .claim(new ClaimRequest(ORG, DEAD_WORKER, Set.of(label), Duration.ofHours(1), T0))
        .orElseThrow();
  }

  private BuildRecord stored(SqlStores stores, BuildRecord build) {
    return stores.builds().find(BuildLookup.byId(ORG, build.buildId())).orElseThrow();
  }

  @Test
  void open_waitingBuildOfADeadProcess_staysWaitingAndIsResumable() {
    BuildRecord waiting;
    try (SqlStores crashed = database.open(options)) {
      waiting = saved(crashed, BuildState.WAITING);
    }
    now.set(T0.plus(LEASE).plusSeconds(1));

    try (SqlStores restarted = database.open(options)) {
      assertThat(restarted.recovered()).isEmpty();
      assertThat(restarted.resumable()).containsExactly(waiting);
      assertThat(stored(restarted, waiting).state()).isEqualTo(BuildState.WAITING);
      assertThat(restarted.isRunning(ORG, waiting.buildId())).isFalse();
    }
  }

  @Test
  void open_waitingBuildSavedBeforeBranchesWereKept_isResumableWithoutBranchOrTrigger()
      throws Exception {
    BuildRecord waiting =
        new BuildRecord(
            ORG,
            BuildId.generator(clock).next(),
            JOB,
            1,
            1,
            Optional.empty(),
            BuildState.WAITING,
            Map.of("target", "prod"),
            T0,
            Optional.empty(),
            Optional.of("4f2a9c1e"));
    try (SqlStores earlier = database.open(options)) {
      earlier.builds().nextNumber(new JobRef(ORG, JOB));
      earlier.builds().save(waiting);
    }
    // Versions before branches were kept wrote the record's document without these keys.
    try (Connection connection = database.connect();
        PreparedStatement read =
            connection.prepareStatement("select doc from chengis_builds where build_id = ?");
        PreparedStatement write =
            connection.prepareStatement("update chengis_builds set doc = ? where build_id = ?")) {
      read.setString(1, waiting.buildId().value());
      String doc;
      try (ResultSet row = read.executeQuery()) {
        assertThat(row.next()).isTrue();
        doc = row.getString(1);
      }
      ObjectNode earlierDoc = (ObjectNode) new ObjectMapper().readTree(doc);
      assertThat(earlierDoc.has("branch")).isTrue();
      earlierDoc.remove(List.of("branch", "triggeredBy"));
      write.setString(1, earlierDoc.toString());
      write.setString(2, waiting.buildId().value());
      assertThat(write.executeUpdate()).isEqualTo(1);
    }
    now.set(T0.plus(LEASE).plusSeconds(1));

    try (SqlStores upgraded = database.open(options)) {
      assertThat(upgraded.resumable()).containsExactly(waiting);
      BuildRecord read = stored(upgraded, waiting);
      assertThat(read.branch()).isEmpty();
      assertThat(read.triggeredBy()).isEmpty();
      assertThat(read.commit()).contains("4f2a9c1e");
      assertThat(upgraded.builds().list(new BuildQuery(new JobRef(ORG, JOB), Optional.empty(), 5)))
          .satisfies(page -> assertThat(page.items()).containsExactly(waiting));
    }
  }

  @Test
  void open_runningBuildInTheQueue_isRequeuedWithAnEventAndItsLeaseReleased() {
    BuildRecord running;
    Lease first;
    try (SqlStores crashed = database.open(options)) {
      running = saved(crashed, BuildState.RUNNING);
      first = queuedAndClaimed(crashed, running, 3);
    }
    now.set(T0.plus(LEASE).plusSeconds(1)); // the queue lease (1 h) has not expired by itself

    try (SqlStores restarted = database.open(options)) {
      assertThat(restarted.recovered()).isEmpty();
      assertThat(restarted.resumable())
          .singleElement()
          .satisfies(b -> assertThat(b.state()).isEqualTo(BuildState.QUEUED));
      assertThat(stored(restarted, running).state()).isEqualTo(BuildState.QUEUED);
      // Requeuing saved the build, but this process does not run it: no live build lease.
      assertThat(restarted.isRunning(ORG, running.buildId())).isFalse();
      assertThat(
              restarted
                  .events()
                  .replay(
                      new EventReplay(ORG, Optional.of(running.buildId()), Optional.empty(), 10)))
          .singleElement()
          .satisfies(
              event ->
                  assertThat(((BuildEvent.Warning) event).message())
                      .contains("requeued: the engine process running this build stopped"));
      Lease again =
          restarted
              .queue()
              .claim(
                  new ClaimRequest(
                      ORG,
                      AgentId.of("next-engine"),
                      Set.of("chengis-build=" + running.buildId()),
                      Duration.ofMinutes(1),
                      now.get()))
              .orElseThrow();
      assertThat(again.token()).isGreaterThan(first.token());
    }
  }

  @Test
  void open_queuedBuildThatUsedItsAttempts_isDeadLetteredAndConcludedWithTheReason() {
    BuildRecord running;
    try (SqlStores crashed = database.open(options)) {
      running = saved(crashed, BuildState.RUNNING);
      queuedAndClaimed(crashed, running, 1);
    }
    now.set(T0.plus(LEASE).plusSeconds(1));

    try (SqlStores restarted = database.open(options)) {
      assertThat(restarted.resumable()).isEmpty();
      assertThat(restarted.recovered())
          .singleElement()
          .satisfies(
              b -> {
                assertThat(b.result().orElseThrow().conclusion()).isEqualTo(Conclusion.FAILURE);
                assertThat(b.result().orElseThrow().reason())
                    .hasValueSatisfying(r -> assertThat(r).contains("dead-lettered"));
              });
      assertThat(restarted.queue().deadLetters(ORG))
          .extracting(entry -> entry.build().buildId())
          .containsExactly(running.buildId());
    }
  }
}
