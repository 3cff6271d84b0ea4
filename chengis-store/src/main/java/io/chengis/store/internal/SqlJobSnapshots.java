package io.chengis.store.internal;

import static io.chengis.store.internal.Tables.JOBS;
import static io.chengis.store.internal.Tables.JOB_DEFINITION;
import static io.chengis.store.internal.Tables.JOB_FORMAT;
import static io.chengis.store.internal.Tables.JOB_ID;
import static io.chengis.store.internal.Tables.JOB_VERSION;
import static io.chengis.store.internal.Tables.ORG_ID;
import static io.chengis.store.internal.Tables.UPDATED_AT;

import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.store.JobSnapshot;
import java.time.InstantSource;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Record;

/** The jobs table: each job's latest definition and its version. */
public final class SqlJobSnapshots {
  private final Database database;
  private final InstantSource clock;

  /** The jobs of the database. */
  public SqlJobSnapshots(Database database, InstantSource clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Records the definition a job runs with; a changed definition gets the next version. */
  public JobSnapshot save(OrgId org, JobId job, String source, String definition) {
    Condition key = ORG_ID.eq(org.value()).and(JOB_ID.eq(job.value()));
    long now = clock.instant().toEpochMilli();
    return database.write(
        dsl -> {
          Optional<Record> current =
              dsl.select(JOB_VERSION, JOB_FORMAT, JOB_DEFINITION)
                  .from(JOBS)
                  .where(key)
                  .fetchOptional()
                  .map(Record.class::cast);
          if (current.isEmpty()) {
            dsl.insertInto(JOBS)
                .set(ORG_ID, org.value())
                .set(JOB_ID, job.value())
                .set(JOB_VERSION, 1)
                .set(JOB_FORMAT, source)
                .set(JOB_DEFINITION, definition)
                .set(UPDATED_AT, now)
                .execute();
            return new JobSnapshot(org, job, 1, source, definition);
          }
          int version = current.get().get(JOB_VERSION);
          if (current.get().get(JOB_FORMAT).equals(source)
              && current.get().get(JOB_DEFINITION).equals(definition)) {
            return new JobSnapshot(org, job, version, source, definition);
          }
          dsl.update(JOBS)
              .set(JOB_VERSION, version + 1)
              .set(JOB_FORMAT, source)
              .set(JOB_DEFINITION, definition)
              .set(UPDATED_AT, now)
              .where(key)
              .execute();
          return new JobSnapshot(org, job, version + 1, source, definition);
        });
  }

  /** The job's latest definition. */
  public Optional<JobSnapshot> find(OrgId org, JobId job) {
    return database.read(
        dsl ->
            dsl.select(JOB_VERSION, JOB_FORMAT, JOB_DEFINITION)
                .from(JOBS)
                .where(ORG_ID.eq(org.value()), JOB_ID.eq(job.value()))
                .fetchOptional(
                    row ->
                        new JobSnapshot(
                            org,
                            job,
                            row.get(JOB_VERSION),
                            row.get(JOB_FORMAT),
                            row.get(JOB_DEFINITION))));
  }
}
