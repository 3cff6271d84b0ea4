package io.chengis.store.internal;

import static io.chengis.store.internal.Tables.ATTEMPTS;
import static io.chengis.store.internal.Tables.BUILDS;
import static io.chengis.store.internal.Tables.BUILD_ID;
import static io.chengis.store.internal.Tables.BUILD_LEASES;
import static io.chengis.store.internal.Tables.DOC;
import static io.chengis.store.internal.Tables.EXPIRES_AT;
import static io.chengis.store.internal.Tables.LEASE_EXPIRY_NS;
import static io.chengis.store.internal.Tables.MAX_ATTEMPTS;
import static io.chengis.store.internal.Tables.ORG_ID;
import static io.chengis.store.internal.Tables.OWNER;
import static io.chengis.store.internal.Tables.QUEUE;
import static io.chengis.store.internal.Tables.QUEUED_AT;
import static io.chengis.store.internal.Tables.STATE;
import static io.chengis.store.internal.Tables.bound;
import static io.chengis.store.internal.Tables.insertBound;
import static io.chengis.store.internal.Tables.of;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.BuildResult;
import io.chengis.api.BuildState;
import io.chengis.api.EventId;
import io.chengis.api.OrgId;
import io.chengis.api.Outcome;
import io.chengis.api.StageResult;
import io.chengis.api.TimeOrderedIds;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.EventBatch;
import io.chengis.api.spi.EventReplay;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.Condition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases on the builds this process runs, so that another process can tell a build that is still
 * running from one whose process died. Saving a build that is not finished takes or extends its
 * lease for this owner; finishing it drops the lease; a heartbeat renews the owner's leases. On
 * start, {@link #recover} concludes every unfinished build without a live lease, with the reason,
 * the stage results its events recorded, and a {@code BuildFinished} event.
 *
 * <p>Thread-safe.
 */
public final class BuildLeases {
  private static final Logger LOG = LoggerFactory.getLogger(BuildLeases.class);

  private final Database database;
  private final String owner;
  private final InstantSource clock;
  private final Duration ttl;
  // Rendered once: every save of a build runs one of them (decision 56).
  private final String dropSql;
  private final String takeSql;

  /** Leases held by {@code owner}, each valid for {@code ttl} after its last renewal. */
  public BuildLeases(Database database, String owner, InstantSource clock, Duration ttl) {
    this.database = database;
    this.owner = owner;
    this.clock = clock;
    this.ttl = ttl;
    this.dropSql =
        database.sql(
            dsl ->
                dsl.deleteFrom(BUILD_LEASES)
                    .where(ORG_ID.eq(bound(ORG_ID)), BUILD_ID.eq(bound(BUILD_ID))));
    this.takeSql =
        database.sql(
            dsl ->
                insertBound(dsl, BUILD_LEASES, ORG_ID, BUILD_ID, OWNER, EXPIRES_AT)
                    .onConflict(ORG_ID, BUILD_ID)
                    .doUpdate()
                    .set(OWNER, excluded(OWNER))
                    .set(EXPIRES_AT, excluded(EXPIRES_AT)));
  }

  /** The owner's name: host, process and a random part. */
  public String owner() {
    return owner;
  }

  /** How long a lease lives without renewal. */
  public Duration ttl() {
    return ttl;
  }

  /** Takes, extends or drops the lease of a build as it is saved; runs inside the save. */
  void track(Database.Statements statements, BuildRecord build) throws SQLException {
    PreparedStatement statement =
        statements.prepare(build.state() == BuildState.FINISHED ? dropSql : takeSql);
    statement.setString(1, build.org().value());
    statement.setString(2, build.buildId().value());
    if (build.state() != BuildState.FINISHED) {
      statement.setString(3, owner);
      statement.setLong(4, clock.instant().plus(ttl).toEpochMilli());
    }
    statement.executeUpdate();
  }

  /** Whether some process holds a live lease on the build. */
  public boolean isLive(OrgId org, BuildId build) {
    long now = clock.instant().toEpochMilli();
    return database.read(
        dsl ->
            dsl.fetchExists(
                BUILD_LEASES,
                ORG_ID.eq(org.value()).and(BUILD_ID.eq(build.value())).and(EXPIRES_AT.ge(now))));
  }

  /** Extends every lease this owner holds; the heartbeat calls it every third of the TTL. */
  public int renew() {
    long expires = clock.instant().plus(ttl).toEpochMilli();
    return database.write(
        dsl -> dsl.update(BUILD_LEASES).set(EXPIRES_AT, expires).where(OWNER.eq(owner)).execute());
  }

  /**
   * What opening the database did with the builds whose process died.
   *
   * @param concluded the builds concluded, each with its reason
   * @param resumable the builds left for an engine to resume: those waiting for approval, and those
   *     requeued (their queue entry is claimable again)
   */
  public record Recovery(List<BuildRecord> concluded, List<BuildRecord> resumable) {}

  /**
   * Concludes every unfinished build whose lease expired or is missing (its process died), except
   * builds waiting for approval and builds in the queue, which stay for an engine to resume: a
   * queued build's expired queue lease is released at once, and one whose queue attempts are used
   * up is dead-lettered and concluded.
   *
   * @param builds where the records go
   * @param events where the closing events go
   * @param eventIds ids for the closing events
   * @return what was concluded and what is left to resume
   */
  public Recovery recover(
      SqlBuildStore builds, SqlEventStore events, TimeOrderedIds<EventId> eventIds) {
    Instant now = clock.instant();
    Condition live =
        of(BUILD_LEASES, ORG_ID)
            .eq(of(BUILDS, ORG_ID))
            .and(of(BUILD_LEASES, BUILD_ID).eq(of(BUILDS, BUILD_ID)))
            .and(of(BUILD_LEASES, EXPIRES_AT).ge(now.toEpochMilli()));
    List<BuildRecord> orphans =
        database
            .read(
                dsl ->
                    dsl.select(of(BUILDS, DOC))
                        .from(BUILDS)
                        .where(of(BUILDS, STATE).ne(BuildState.FINISHED.name()))
                        .and(notExists(selectOne().from(BUILD_LEASES).where(live)))
                        .orderBy(of(BUILDS, QUEUED_AT))
                        .fetch(of(BUILDS, DOC)))
            .stream()
            .map(doc -> Json.read(doc, BuildRecord.class))
            .toList();
    List<BuildRecord> concluded = new ArrayList<>();
    List<BuildRecord> resumable = new ArrayList<>();
    for (BuildRecord orphan : orphans) {
      Optional<QueueRow> queued = queued(orphan);
      Optional<String> deadLettered = Optional.empty();
      if (queued.isPresent()) {
        QueueRow row = queued.get();
        if (row.attempts() < row.maxAttempts() || orphan.state() == BuildState.WAITING) {
          resumable.add(requeue(orphan, builds, events, eventIds, now));
          continue;
        }
        deadLettered =
            Optional.of(
                "the engine processes running this build stopped "
                    + row.attempts()
                    + " times (the most its crash policy allows); it was dead-lettered; retry the"
                    + " build");
        database.write(
            dsl ->
                dsl.update(QUEUE)
                    .set(STATE, "DEAD")
                    .where(ORG_ID.eq(orphan.org().value()))
                    .and(BUILD_ID.eq(orphan.buildId().value()))
                    .execute());
      } else if (orphan.state() == BuildState.WAITING) {
        resumable.add(orphan);
        LOG.info(
            "build {} of job {} #{} waits for approval without a process; an engine resumes it",
            orphan.buildId(),
            orphan.jobId(),
            orphan.number());
        continue;
      }
      BuildRecord finished = conclude(orphan, events, now, deadLettered);
      builds.save(finished);
      BuildResult result = finished.result().orElseThrow();
      events.append(
          new EventBatch(
              orphan.org(),
              List.of(
                  new BuildEvent.BuildFinished(eventIds.next(), orphan.buildId(), now, result))));
      LOG.warn(
          "concluded build {} of job {} #{}: {}",
          orphan.buildId(),
          orphan.jobId(),
          orphan.number(),
          result.reason().orElse(""));
      concluded.add(finished);
    }
    return new Recovery(List.copyOf(concluded), List.copyOf(resumable));
  }

  private record QueueRow(String state, int attempts, int maxAttempts) {}

  /** The build's queue entry, while it is waiting or leased. */
  private Optional<QueueRow> queued(BuildRecord build) {
    return database.read(
        dsl ->
            dsl.select(STATE, ATTEMPTS, MAX_ATTEMPTS)
                .from(QUEUE)
                .where(ORG_ID.eq(build.org().value()))
                .and(BUILD_ID.eq(build.buildId().value()))
                .and(STATE.in("READY", "LEASED"))
                .fetchOptional(row -> new QueueRow(row.value1(), row.value2(), row.value3())));
  }

  /**
   * Puts a build whose process died back in the queue: its queue lease ends now (the holder is
   * gone), and a build that was running is queued again with an event that says why.
   */
  private BuildRecord requeue(
      BuildRecord orphan,
      SqlBuildStore builds,
      SqlEventStore events,
      TimeOrderedIds<EventId> eventIds,
      Instant now) {
    long expired = now.getEpochSecond() * 1_000_000_000L + now.getNano() - 1;
    database.write(
        dsl ->
            dsl.update(QUEUE)
                .set(LEASE_EXPIRY_NS, expired)
                .where(ORG_ID.eq(orphan.org().value()))
                .and(BUILD_ID.eq(orphan.buildId().value()))
                .and(STATE.eq("LEASED"))
                .execute());
    if (orphan.state() != BuildState.RUNNING) {
      return orphan; // waiting for approval, or requeued by an earlier open: nothing more to say
    }
    BuildRecord queued = orphan.withState(BuildState.QUEUED, Optional.empty());
    builds.save(queued);
    // Saving took a lease for this process, which does not run the build: drop it, or the build
    // would look running to whoever resumes it until the lease expired.
    database.write(
        dsl ->
            dsl.deleteFrom(BUILD_LEASES)
                .where(ORG_ID.eq(orphan.org().value()))
                .and(BUILD_ID.eq(orphan.buildId().value()))
                .execute());
    String reason =
        "requeued: the engine process running this build stopped while it was "
            + orphan.state().name().toLowerCase(Locale.ROOT)
            + "; the next engine to claim it runs the stages that had not finished";
    events.append(
        new EventBatch(
            orphan.org(),
            List.of(new BuildEvent.Warning(eventIds.next(), orphan.buildId(), now, reason))));
    LOG.warn("requeued build {} of job {} #{}", orphan.buildId(), orphan.jobId(), orphan.number());
    return queued;
  }

  private static BuildRecord conclude(
      BuildRecord orphan, SqlEventStore events, Instant now, Optional<String> deadLettered) {
    List<StageResult> stages = new ArrayList<>();
    Optional<Instant> startedAt = Optional.empty();
    Optional<EventId> after = Optional.empty();
    while (true) {
      List<BuildEvent> page =
          events.replay(
              new EventReplay(orphan.org(), Optional.of(orphan.buildId()), after, 10_000));
      for (BuildEvent event : page) {
        switch (event) {
          case BuildEvent.BuildStarted started -> startedAt = Optional.of(started.timestamp());
          case BuildEvent.StageFinished stage -> stages.add(stage.result());
          default -> {
            // other events carry nothing the conclusion needs
          }
        }
      }
      if (page.size() < 10_000) {
        break;
      }
      after = Optional.of(page.getLast().id());
    }
    boolean started = orphan.state() != BuildState.QUEUED;
    Outcome outcome = started ? Outcome.FAILURE : Outcome.CANCELLED;
    String reason =
        deadLettered.isPresent()
            ? deadLettered.get()
            : started
                ? "the engine process running this build stopped while it was "
                    + orphan.state().name().toLowerCase(Locale.ROOT)
                    + " (its lease expired); retry the build"
                : "the engine process that queued this build stopped before it started; trigger it"
                    + " again";
    Instant start = startedAt.orElse(orphan.queuedAt());
    BuildResult result =
        new BuildResult(
            orphan.buildId(),
            orphan.jobId(),
            orphan.number(),
            orphan.attempt(),
            orphan.rootBuildId(),
            outcome,
            outcome.conclusion(),
            started ? Optional.of(start) : Optional.empty(),
            Optional.of(now.isBefore(start) ? start : now),
            Optional.of(reason),
            stages,
            List.of(),
            List.of());
    return orphan.withState(BuildState.FINISHED, Optional.of(result));
  }
}
