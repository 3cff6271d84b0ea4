package io.chengis.store.internal;

import static io.chengis.store.internal.Tables.CRON;
import static io.chengis.store.internal.Tables.ENABLED;
import static io.chengis.store.internal.Tables.JOB_ID;
import static io.chengis.store.internal.Tables.LAST_RUN;
import static io.chengis.store.internal.Tables.ORG_ID;
import static io.chengis.store.internal.Tables.SCHEDULES;
import static io.chengis.store.internal.Tables.TIMEZONE;

import io.chengis.api.spi.ScheduleKey;
import io.chengis.api.spi.ScheduleStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;

/**
 * {@link ScheduleStore} on SQL: a row of {@code chengis_schedules} per trigger, its last slot in
 * {@code last_run} as epoch milliseconds (so the {@code timezone} column says UTC). A claim is one
 * upsert that moves {@code last_run} only forward, atomic on both databases.
 *
 * <p>Thread-safe.
 */
public final class SqlScheduleStore implements ScheduleStore {
  private final Database database;

  /** The schedules of the database. */
  public SqlScheduleStore(Database database) {
    this.database = database;
  }

  private static Condition of(ScheduleKey key) {
    return ORG_ID
        .eq(key.job().org().value())
        .and(JOB_ID.eq(key.job().jobId().value()))
        .and(CRON.eq(key.expression()));
  }

  @Override
  public Optional<Instant> lastSlot(ScheduleKey key) {
    Objects.requireNonNull(key, "key");
    return database
        .read(dsl -> dsl.select(LAST_RUN).from(SCHEDULES).where(of(key)).fetchOptional(LAST_RUN))
        .map(Instant::ofEpochMilli);
  }

  @Override
  public boolean claim(ScheduleKey key, Instant slot) {
    Objects.requireNonNull(key, "key");
    long millis = Objects.requireNonNull(slot, "slot").toEpochMilli();
    return database.write(
            dsl ->
                dsl.insertInto(SCHEDULES)
                    .set(ORG_ID, key.job().org().value())
                    .set(JOB_ID, key.job().jobId().value())
                    .set(CRON, key.expression())
                    .set(TIMEZONE, "UTC")
                    .set(LAST_RUN, millis)
                    .set(ENABLED, 1L)
                    .onConflict(ORG_ID, JOB_ID, CRON)
                    .doUpdate()
                    .set(LAST_RUN, millis)
                    .where(
                        Tables.of(SCHEDULES, LAST_RUN)
                            .isNull()
                            .or(Tables.of(SCHEDULES, LAST_RUN).lt(millis)))
                    .execute())
        == 1;
  }
}
