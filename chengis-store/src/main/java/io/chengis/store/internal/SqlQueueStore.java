package io.chengis.store.internal;

import static io.chengis.store.internal.Tables.ATTEMPTS;
import static io.chengis.store.internal.Tables.BUILD_ID;
import static io.chengis.store.internal.Tables.ENQUEUED_NS;
import static io.chengis.store.internal.Tables.JOB_ID;
import static io.chengis.store.internal.Tables.LABELS;
import static io.chengis.store.internal.Tables.LEASE_EXPIRY_NS;
import static io.chengis.store.internal.Tables.LEASE_OWNER;
import static io.chengis.store.internal.Tables.MAX_ATTEMPTS;
import static io.chengis.store.internal.Tables.NOT_BEFORE_NS;
import static io.chengis.store.internal.Tables.ORG_ID;
import static io.chengis.store.internal.Tables.PRIORITY;
import static io.chengis.store.internal.Tables.QUEUE;
import static io.chengis.store.internal.Tables.STATE;
import static io.chengis.store.internal.Tables.TOKEN;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chengis.api.BuildId;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.ClaimRequest;
import io.chengis.api.spi.Lease;
import io.chengis.api.spi.LeaseRenewal;
import io.chengis.api.spi.QueueEntry;
import io.chengis.api.spi.QueueStore;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SelectForUpdateStep;

/**
 * {@link QueueStore} on SQL: a narrow table, a row per build, with its lease and fencing token.
 * Claims take the first claimable row by priority and age; on PostgreSQL they lock candidate rows
 * with {@code FOR UPDATE SKIP LOCKED} so concurrent claimers never wait on each other, on SQLite
 * the single writer serializes them.
 *
 * <p>Instants are kept as epoch nanoseconds so leases compare exactly. Thread-safe.
 */
public final class SqlQueueStore implements QueueStore {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final int CANDIDATES = 64;

  private static final String READY = "READY";
  private static final String LEASED = "LEASED";
  private static final String DONE = "DONE";
  private static final String DEAD = "DEAD";

  private static final List<Field<?>> COLUMNS =
      List.of(
          BUILD_ID,
          JOB_ID,
          LABELS,
          PRIORITY,
          NOT_BEFORE_NS,
          ENQUEUED_NS,
          MAX_ATTEMPTS,
          STATE,
          TOKEN,
          ATTEMPTS);

  private final Database database;

  /** A queue on the database. */
  public SqlQueueStore(Database database) {
    this.database = database;
  }

  @Override
  public void enqueue(QueueEntry entry) {
    Objects.requireNonNull(entry, "entry");
    BuildRef build = entry.build();
    database.write(
        dsl -> {
          var select = dsl.select(STATE).from(QUEUE).where(key(build));
          Optional<String> state =
              database.dialect() == Dialect.POSTGRESQL
                  ? select.forUpdate().fetchOptional(STATE)
                  : select.fetchOptional(STATE);
          if (state.isEmpty()) {
            dsl.insertInto(QUEUE)
                .set(ORG_ID, build.org().value())
                .set(BUILD_ID, build.buildId().value())
                .set(JOB_ID, entry.jobId().value())
                .set(LABELS, Json.write(List.copyOf(entry.labels())))
                .set(PRIORITY, entry.priority())
                .set(NOT_BEFORE_NS, nanos(entry.notBefore()))
                .set(ENQUEUED_NS, nanos(entry.enqueuedAt()))
                .set(MAX_ATTEMPTS, entry.maxAttempts())
                .set(STATE, READY)
                .set(TOKEN, 0L)
                .set(ATTEMPTS, 0)
                .execute();
          } else if (state.get().equals(DONE) || state.get().equals(DEAD)) {
            dsl.update(QUEUE)
                .set(JOB_ID, entry.jobId().value())
                .set(LABELS, Json.write(List.copyOf(entry.labels())))
                .set(PRIORITY, entry.priority())
                .set(NOT_BEFORE_NS, nanos(entry.notBefore()))
                .set(ENQUEUED_NS, nanos(entry.enqueuedAt()))
                .set(MAX_ATTEMPTS, entry.maxAttempts())
                .set(STATE, READY)
                .setNull(LEASE_OWNER)
                .setNull(LEASE_EXPIRY_NS)
                .set(ATTEMPTS, 0)
                .where(key(build))
                .execute();
          }
          return null;
        });
  }

  @Override
  public Optional<Lease> claim(ClaimRequest request) {
    Objects.requireNonNull(request, "request");
    long now = nanos(request.now());
    long expiry = nanos(request.now().plus(request.leaseFor()));
    String org = request.org().value();
    return database.write(
        dsl -> {
          Condition claimable =
              ORG_ID
                  .eq(org)
                  .and(
                      STATE
                          .eq(READY)
                          .and(NOT_BEFORE_NS.le(now))
                          .or(STATE.eq(LEASED).and(LEASE_EXPIRY_NS.lt(now))));
          long skipped = 0;
          while (true) {
            Result<Record> rows = candidates(dsl, claimable, skipped);
            for (Record row : rows) {
              if (row.get(STATE).equals(LEASED) && row.get(ATTEMPTS) >= row.get(MAX_ATTEMPTS)) {
                dsl.update(QUEUE).set(STATE, DEAD).where(key(org, row)).execute();
                continue;
              }
              if (row.get(NOT_BEFORE_NS) > now) {
                skipped++;
                continue;
              }
              QueueEntry entry = entry(request.org(), row);
              if (!request.labels().containsAll(entry.labels())) {
                skipped++;
                continue;
              }
              long token = row.get(TOKEN) + 1;
              dsl.update(QUEUE)
                  .set(STATE, LEASED)
                  .set(LEASE_OWNER, request.worker().value())
                  .set(LEASE_EXPIRY_NS, expiry)
                  .set(TOKEN, token)
                  .set(ATTEMPTS, row.get(ATTEMPTS) + 1)
                  .where(key(org, row))
                  .execute();
              return Optional.of(new Lease(entry, request.worker(), token, instant(expiry)));
            }
            if (rows.size() < CANDIDATES) {
              return Optional.empty();
            }
          }
        });
  }

  private SelectForUpdateStep<Record> ordered(DSLContext dsl, Condition claimable, long skipped) {
    return dsl.select(COLUMNS)
        .from(QUEUE)
        .where(claimable)
        .orderBy(PRIORITY.desc(), ENQUEUED_NS, BUILD_ID)
        .limit(CANDIDATES)
        .offset(skipped);
  }

  private Result<Record> candidates(DSLContext dsl, Condition claimable, long skipped) {
    if (database.dialect() == Dialect.POSTGRESQL) {
      return ordered(dsl, claimable, skipped).forUpdate().skipLocked().fetch();
    }
    return ordered(dsl, claimable, skipped).fetch();
  }

  @Override
  public Optional<Lease> renew(LeaseRenewal renewal) {
    Objects.requireNonNull(renewal, "renewal");
    Lease lease = renewal.lease();
    long now = nanos(renewal.now());
    long expiry = nanos(renewal.now().plus(renewal.extendBy()));
    int updated =
        database.write(
            dsl ->
                dsl.update(QUEUE)
                    .set(LEASE_EXPIRY_NS, expiry)
                    .where(key(lease.entry().build()))
                    .and(STATE.eq(LEASED))
                    .and(TOKEN.eq(lease.token()))
                    .and(LEASE_OWNER.eq(lease.holder().value()))
                    .and(LEASE_EXPIRY_NS.ge(now))
                    .execute());
    return updated == 1
        ? Optional.of(new Lease(lease.entry(), lease.holder(), lease.token(), instant(expiry)))
        : Optional.empty();
  }

  @Override
  public boolean complete(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    return database.write(
        dsl -> {
          Condition held =
              key(lease.entry().build())
                  .and(TOKEN.eq(lease.token()))
                  .and(LEASE_OWNER.eq(lease.holder().value()));
          int completed =
              dsl.update(QUEUE).set(STATE, DONE).where(held).and(STATE.eq(LEASED)).execute();
          return completed == 1 || dsl.fetchExists(QUEUE, held.and(STATE.eq(DONE)));
        });
  }

  @Override
  public List<QueueEntry> deadLetters(OrgId org) {
    Objects.requireNonNull(org, "org");
    return database.read(
        dsl ->
            dsl.select(COLUMNS)
                .from(QUEUE)
                .where(ORG_ID.eq(org.value()), STATE.eq(DEAD))
                .orderBy(ENQUEUED_NS, BUILD_ID)
                .fetch()
                .map(row -> entry(org, row)));
  }

  private static QueueEntry entry(OrgId org, Record row) {
    return new QueueEntry(
        new BuildRef(org, BuildId.of(row.get(BUILD_ID))),
        JobId.of(row.get(JOB_ID)),
        new LinkedHashSet<>(Json.read(row.get(LABELS), STRINGS)),
        instant(row.get(ENQUEUED_NS)),
        row.get(PRIORITY),
        instant(row.get(NOT_BEFORE_NS)),
        row.get(MAX_ATTEMPTS));
  }

  private static Condition key(BuildRef build) {
    return ORG_ID.eq(build.org().value()).and(BUILD_ID.eq(build.buildId().value()));
  }

  private static Condition key(String org, Record row) {
    return ORG_ID.eq(org).and(BUILD_ID.eq(row.get(BUILD_ID)));
  }

  static long nanos(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
