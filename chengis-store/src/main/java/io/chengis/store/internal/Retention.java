package io.chengis.store.internal;

import static io.chengis.store.internal.Tables.ARTIFACTS;
import static io.chengis.store.internal.Tables.AT;
import static io.chengis.store.internal.Tables.BUILDS;
import static io.chengis.store.internal.Tables.BUILD_COMMANDS;
import static io.chengis.store.internal.Tables.BUILD_ID;
import static io.chengis.store.internal.Tables.BUILD_LEASES;
import static io.chengis.store.internal.Tables.EVENTS;
import static io.chengis.store.internal.Tables.FINISHED_AT;
import static io.chengis.store.internal.Tables.JOB_ID;
import static io.chengis.store.internal.Tables.LOG_CHUNKS;
import static io.chengis.store.internal.Tables.NUMBER;
import static io.chengis.store.internal.Tables.ORG_ID;
import static io.chengis.store.internal.Tables.STAGE_RUNS;
import static io.chengis.store.internal.Tables.STATE;
import static io.chengis.store.internal.Tables.STEP_RUNS;

import io.chengis.api.BuildState;
import io.chengis.store.RetentionPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;

/** Applies a {@link RetentionPolicy}, a job at a time, each job in its own transaction. */
public final class Retention {
  private Retention() {}

  /** Runs the policy against the database as of {@code now}. */
  public static RetentionPolicy.Report apply(
      Database database, RetentionPolicy policy, Instant now) {
    List<Record2<String, String>> jobs =
        database.read(dsl -> dsl.selectDistinct(ORG_ID, JOB_ID).from(BUILDS).fetch());
    int builds = 0;
    int chunks = 0;
    int events = 0;
    for (Record2<String, String> job : jobs) {
      int[] counts = database.write(dsl -> job(dsl, job.value1(), job.value2(), policy, now));
      builds += counts[0];
      chunks += counts[1];
      events += counts[2];
    }
    return new RetentionPolicy.Report(builds, chunks, events);
  }

  private static int[] job(
      DSLContext dsl, String org, String job, RetentionPolicy policy, Instant now) {
    Condition finished =
        ORG_ID.eq(org).and(JOB_ID.eq(job)).and(STATE.eq(BuildState.FINISHED.name()));
    Set<String> doomed = new LinkedHashSet<>();
    policy
        .buildsMaxAge()
        .ifPresent(
            age ->
                doomed.addAll(
                    dsl.select(BUILD_ID)
                        .from(BUILDS)
                        .where(finished, FINISHED_AT.lt(now.minus(age).toEpochMilli()))
                        .fetch(BUILD_ID)));
    if (policy.keepBuilds().isPresent()) {
      doomed.addAll(
          dsl.select(BUILD_ID)
              .from(BUILDS)
              .where(finished)
              .orderBy(NUMBER.desc())
              .offset(policy.keepBuilds().getAsInt())
              .fetch(BUILD_ID));
    }
    int chunks = 0;
    int events = 0;
    if (!doomed.isEmpty()) {
      Condition owned = ORG_ID.eq(org).and(BUILD_ID.in(doomed));
      chunks += dsl.deleteFrom(LOG_CHUNKS).where(owned).execute();
      events += dsl.deleteFrom(EVENTS).where(owned).execute();
      dsl.deleteFrom(STAGE_RUNS).where(owned).execute();
      dsl.deleteFrom(STEP_RUNS).where(owned).execute();
      dsl.deleteFrom(BUILD_LEASES).where(owned).execute();
      dsl.deleteFrom(BUILD_COMMANDS).where(owned).execute();
      // Artifact metadata goes with its build; the content stays in the ArtifactStore, whose
      // blobs other builds may share.
      dsl.deleteFrom(ARTIFACTS).where(owned).execute();
      dsl.deleteFrom(BUILDS).where(owned).execute();
    }
    if (policy.logsMaxAge().isPresent()) {
      List<String> old = olderThan(dsl, finished, now.minus(policy.logsMaxAge().get()));
      if (!old.isEmpty()) {
        chunks += dsl.deleteFrom(LOG_CHUNKS).where(ORG_ID.eq(org), BUILD_ID.in(old)).execute();
      }
    }
    if (policy.eventsMaxAge().isPresent()) {
      long cutoff = now.minus(policy.eventsMaxAge().get()).toEpochMilli();
      List<String> old = olderThan(dsl, finished, now.minus(policy.eventsMaxAge().get()));
      if (!old.isEmpty()) {
        events +=
            dsl.deleteFrom(EVENTS).where(ORG_ID.eq(org), BUILD_ID.in(old), AT.lt(cutoff)).execute();
      }
    }
    return new int[] {doomed.size(), chunks, events};
  }

  private static List<String> olderThan(DSLContext dsl, Condition finished, Instant cutoff) {
    return new ArrayList<>(
        dsl.select(BUILD_ID)
            .from(BUILDS)
            .where(finished, FINISHED_AT.lt(cutoff.toEpochMilli()))
            .fetch(BUILD_ID));
  }
}
