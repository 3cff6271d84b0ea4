package io.chengis.store.internal;

import static io.chengis.store.internal.Tables.ATTEMPT;
import static io.chengis.store.internal.Tables.BUILDS;
import static io.chengis.store.internal.Tables.BUILD_ID;
import static io.chengis.store.internal.Tables.BUILD_NUMBERS;
import static io.chengis.store.internal.Tables.CONCLUSION;
import static io.chengis.store.internal.Tables.DOC;
import static io.chengis.store.internal.Tables.EXIT_CODE;
import static io.chengis.store.internal.Tables.FINISHED_AT;
import static io.chengis.store.internal.Tables.JOB_ID;
import static io.chengis.store.internal.Tables.LAST_NUMBER;
import static io.chengis.store.internal.Tables.NUMBER;
import static io.chengis.store.internal.Tables.ORG_ID;
import static io.chengis.store.internal.Tables.OUTCOME;
import static io.chengis.store.internal.Tables.POSITION;
import static io.chengis.store.internal.Tables.QUEUED_AT;
import static io.chengis.store.internal.Tables.REASON;
import static io.chengis.store.internal.Tables.ROOT_BUILD_ID;
import static io.chengis.store.internal.Tables.STAGE;
import static io.chengis.store.internal.Tables.STAGE_RUNS;
import static io.chengis.store.internal.Tables.STARTED_AT;
import static io.chengis.store.internal.Tables.STATE;
import static io.chengis.store.internal.Tables.STEP;
import static io.chengis.store.internal.Tables.STEP_RUNS;
import static io.chengis.store.internal.Tables.bound;
import static io.chengis.store.internal.Tables.insertBound;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;

import io.chengis.api.BuildId;
import io.chengis.api.BuildResult;
import io.chengis.api.BuildState;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.StageResult;
import io.chengis.api.StepResult;
import io.chengis.api.StoreException;
import io.chengis.api.spi.BuildLookup;
import io.chengis.api.spi.BuildQuery;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.BuildStore;
import io.chengis.api.spi.JobRef;
import io.chengis.api.spi.Page;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/**
 * {@link BuildStore} on SQL: a row per build with its record as a document, the stage and step runs
 * of a finished build in their own tables, per-job numbers from a counter row.
 *
 * <p>Thread-safe.
 */
public final class SqlBuildStore implements BuildStore {
  private final Database database;
  private final Optional<BuildLeases> leases;
  // Rendered once; a save runs them as kept JDBC statements (decision 56).
  private final String countSql;
  private final String numberSql;
  private final String holderSql;
  private final String upsertSql;
  private final String deleteStagesSql;
  private final String deleteStepsSql;
  private final String insertStageSql;
  private final String insertStepSql;

  /** A build store on the database; it leases the unfinished builds it saves when given leases. */
  public SqlBuildStore(Database database, Optional<BuildLeases> leases) {
    this.database = database;
    this.leases = leases;
    Field<Long> stored = field(name("chengis_build_numbers", "last_number"), SQLDataType.BIGINT);
    this.countSql =
        database.sql(
            dsl ->
                dsl.insertInto(BUILD_NUMBERS, ORG_ID, JOB_ID, LAST_NUMBER)
                    .values(bound(ORG_ID), bound(JOB_ID), inline(1L))
                    .onConflict(ORG_ID, JOB_ID)
                    .doUpdate()
                    .set(LAST_NUMBER, stored.plus(inline(1L))));
    this.numberSql =
        database.sql(
            dsl ->
                dsl.select(LAST_NUMBER)
                    .from(BUILD_NUMBERS)
                    .where(ORG_ID.eq(bound(ORG_ID)), JOB_ID.eq(bound(JOB_ID))));
    this.holderSql =
        database.sql(
            dsl ->
                dsl.select(BUILD_ID)
                    .from(BUILDS)
                    .where(
                        ORG_ID.eq(bound(ORG_ID)),
                        JOB_ID.eq(bound(JOB_ID)),
                        NUMBER.eq(bound(NUMBER))));
    this.upsertSql =
        database.sql(
            dsl ->
                insertBound(
                        dsl,
                        BUILDS,
                        ORG_ID,
                        BUILD_ID,
                        JOB_ID,
                        NUMBER,
                        ATTEMPT,
                        ROOT_BUILD_ID,
                        STATE,
                        OUTCOME,
                        CONCLUSION,
                        QUEUED_AT,
                        STARTED_AT,
                        FINISHED_AT,
                        DOC)
                    .onConflict(ORG_ID, BUILD_ID)
                    .doUpdate()
                    .set(JOB_ID, excluded(JOB_ID))
                    .set(NUMBER, excluded(NUMBER))
                    .set(STATE, excluded(STATE))
                    .set(OUTCOME, excluded(OUTCOME))
                    .set(CONCLUSION, excluded(CONCLUSION))
                    .set(STARTED_AT, excluded(STARTED_AT))
                    .set(FINISHED_AT, excluded(FINISHED_AT))
                    .set(DOC, excluded(DOC)));
    this.deleteStagesSql = database.sql(dsl -> dsl.deleteFrom(STAGE_RUNS).where(ofBuild()));
    this.deleteStepsSql = database.sql(dsl -> dsl.deleteFrom(STEP_RUNS).where(ofBuild()));
    this.insertStageSql =
        database.sql(
            dsl ->
                insertBound(
                    dsl,
                    STAGE_RUNS,
                    ORG_ID,
                    BUILD_ID,
                    POSITION,
                    STAGE,
                    OUTCOME,
                    CONCLUSION,
                    STARTED_AT,
                    FINISHED_AT,
                    REASON));
    this.insertStepSql =
        database.sql(
            dsl ->
                insertBound(
                    dsl,
                    STEP_RUNS,
                    ORG_ID,
                    BUILD_ID,
                    STAGE,
                    POSITION,
                    STEP,
                    OUTCOME,
                    CONCLUSION,
                    EXIT_CODE,
                    STARTED_AT,
                    FINISHED_AT,
                    REASON));
  }

  private static Condition ofBuild() {
    return ORG_ID.eq(bound(ORG_ID)).and(BUILD_ID.eq(bound(BUILD_ID)));
  }

  @Override
  public long nextNumber(JobRef job) {
    Objects.requireNonNull(job, "job");
    return database.writeStatements(
        statements -> {
          PreparedStatement count = statements.prepare(countSql);
          count.setString(1, job.org().value());
          count.setString(2, job.jobId().value());
          count.executeUpdate();
          PreparedStatement number = statements.prepare(numberSql);
          number.setString(1, job.org().value());
          number.setString(2, job.jobId().value());
          try (ResultSet row = number.executeQuery()) {
            row.next();
            return row.getLong(1);
          }
        });
  }

  @Override
  public void save(BuildRecord build) {
    Objects.requireNonNull(build, "build");
    String org = build.org().value();
    String id = build.buildId().value();
    // Written before the write, off the SQLite writer's lock.
    String doc = Json.write(build);
    database.writeStatements(
        statements -> {
          PreparedStatement holders = statements.prepare(holderSql);
          holders.setString(1, org);
          holders.setString(2, build.jobId().value());
          holders.setLong(3, build.number());
          Optional<String> holder;
          try (ResultSet row = holders.executeQuery()) {
            holder = row.next() ? Optional.of(row.getString(1)) : Optional.empty();
          }
          if (holder.isPresent() && !holder.get().equals(id)) {
            throw new StoreException(
                "sql store "
                    + database.description()
                    + ": build "
                    + id
                    + " of job "
                    + build.jobId()
                    + " in organization "
                    + org
                    + " takes number "
                    + build.number()
                    + ", which build "
                    + holder.get()
                    + " already has (was "
                    + build.number()
                    + "); allocate numbers with nextNumber");
          }
          Optional<BuildResult> result = build.result();
          PreparedStatement row = statements.prepare(upsertSql);
          row.setString(1, org);
          row.setString(2, id);
          row.setString(3, build.jobId().value());
          row.setLong(4, build.number());
          row.setInt(5, build.attempt());
          setText(row, 6, build.rootBuildId().map(BuildId::value));
          row.setString(7, build.state().name());
          setText(row, 8, result.map(r -> r.outcome().name()));
          setText(row, 9, result.map(r -> r.conclusion().name()));
          row.setLong(10, build.queuedAt().toEpochMilli());
          setMillis(row, 11, result.flatMap(BuildResult::startedAt));
          setMillis(row, 12, result.flatMap(BuildResult::finishedAt));
          row.setString(13, doc);
          row.executeUpdate();
          if (result.isPresent()) {
            saveRuns(statements, org, id, result.get());
          }
          if (leases.isPresent()) {
            leases.get().track(statements, build);
          }
          return null;
        });
  }

  /**
   * Replaces the stage and step rows of a finished build: the step rows of a large build are one
   * JDBC batch of a statement rendered once (decision 56).
   */
  private void saveRuns(
      Database.Statements statements, String org, String build, BuildResult result)
      throws SQLException {
    for (String delete : List.of(deleteStagesSql, deleteStepsSql)) {
      PreparedStatement statement = statements.prepare(delete);
      statement.setString(1, org);
      statement.setString(2, build);
      statement.executeUpdate();
    }
    List<StageResult> stages = result.stages();
    PreparedStatement stageRows = statements.prepare(insertStageSql);
    PreparedStatement stepRows = statements.prepare(insertStepSql);
    for (int s = 0; s < stages.size(); s++) {
      StageResult stage = stages.get(s);
      stageRows.setString(1, org);
      stageRows.setString(2, build);
      stageRows.setInt(3, s);
      stageRows.setString(4, stage.name());
      stageRows.setString(5, stage.outcome().name());
      stageRows.setString(6, stage.conclusion().name());
      setMillis(stageRows, 7, stage.startedAt());
      setMillis(stageRows, 8, stage.finishedAt());
      setText(stageRows, 9, stage.reason());
      stageRows.addBatch();
      List<StepResult> steps = stage.steps();
      for (int i = 0; i < steps.size(); i++) {
        StepResult step = steps.get(i);
        stepRows.setString(1, org);
        stepRows.setString(2, build);
        stepRows.setString(3, stage.name());
        stepRows.setInt(4, i);
        stepRows.setString(5, step.name());
        stepRows.setString(6, step.outcome().name());
        stepRows.setString(7, step.conclusion().name());
        setNumber(stepRows, 8, step.exitCode());
        setMillis(stepRows, 9, step.startedAt());
        setMillis(stepRows, 10, step.finishedAt());
        setText(stepRows, 11, step.reason());
        stepRows.addBatch();
      }
    }
    stageRows.executeBatch();
    stepRows.executeBatch();
  }

  private static void setNumber(PreparedStatement statement, int index, Optional<Integer> number)
      throws SQLException {
    if (number.isPresent()) {
      statement.setInt(index, number.get());
    } else {
      statement.setNull(index, Types.INTEGER);
    }
  }

  private static void setMillis(PreparedStatement statement, int index, Optional<Instant> instant)
      throws SQLException {
    if (instant.isPresent()) {
      statement.setLong(index, instant.get().toEpochMilli());
    } else {
      statement.setNull(index, Types.BIGINT);
    }
  }

  private static void setText(PreparedStatement statement, int index, Optional<String> text)
      throws SQLException {
    if (text.isPresent()) {
      statement.setString(index, text.get());
    } else {
      statement.setNull(index, Types.VARCHAR);
    }
  }

  @Override
  public Optional<BuildRecord> find(BuildLookup lookup) {
    Objects.requireNonNull(lookup, "lookup");
    Condition where =
        switch (lookup) {
          case BuildLookup.ById(BuildRef build) ->
              ORG_ID.eq(build.org().value()).and(BUILD_ID.eq(build.buildId().value()));
          case BuildLookup.ByNumber(JobRef job, long number) ->
              ORG_ID
                  .eq(job.org().value())
                  .and(JOB_ID.eq(job.jobId().value()))
                  .and(NUMBER.eq(number));
        };
    return database
        .read(dsl -> dsl.select(DOC).from(BUILDS).where(where).fetchOptional(DOC))
        .map(doc -> Json.read(doc, BuildRecord.class));
  }

  @Override
  public Page<BuildRecord> list(BuildQuery query) {
    Objects.requireNonNull(query, "query");
    long before = query.cursor().map(this::parseCursor).orElse(Long.MAX_VALUE);
    List<String> docs =
        database.read(
            dsl ->
                dsl.select(DOC)
                    .from(BUILDS)
                    .where(
                        ORG_ID.eq(query.job().org().value()),
                        JOB_ID.eq(query.job().jobId().value()),
                        NUMBER.lt(before))
                    .orderBy(NUMBER.desc())
                    .limit(query.limit() + 1)
                    .fetch(DOC));
    List<BuildRecord> items = new ArrayList<>(Math.min(docs.size(), query.limit()));
    for (String doc : docs.subList(0, Math.min(docs.size(), query.limit()))) {
      items.add(Json.read(doc, BuildRecord.class));
    }
    Optional<String> next =
        docs.size() > query.limit()
            ? Optional.of(Long.toString(items.getLast().number()))
            : Optional.empty();
    return new Page<>(items, next);
  }

  /**
   * Builds of an organization in a state, oldest first; for crash recovery.
   *
   * @param org the organization
   * @param state the state
   * @return the builds
   */
  public List<BuildRecord> inState(OrgId org, BuildState state) {
    return database
        .read(
            dsl ->
                dsl.select(DOC)
                    .from(BUILDS)
                    .where(ORG_ID.eq(org.value()), STATE.eq(state.name()))
                    .orderBy(QUEUED_AT, BUILD_ID)
                    .fetch(DOC))
        .stream()
        .map(doc -> Json.read(doc, BuildRecord.class))
        .toList();
  }

  /**
   * The jobs of an organization that have builds, the most recently queued first.
   *
   * @param org the organization
   * @return the job ids
   */
  public List<JobId> jobs(OrgId org) {
    return database
        .read(
            dsl ->
                dsl.select(JOB_ID)
                    .from(BUILDS)
                    .where(ORG_ID.eq(org.value()))
                    .groupBy(JOB_ID)
                    .orderBy(max(QUEUED_AT).desc(), JOB_ID)
                    .fetch(JOB_ID))
        .stream()
        .map(JobId::of)
        .toList();
  }

  /**
   * A page of the jobs of an organization that have builds, by job id.
   *
   * @param org the organization
   * @param after the last job id of the previous page, if any
   * @param limit how many, 1 to 1000
   * @return the page, with the next cursor when there are more
   */
  public Page<JobId> jobs(OrgId org, Optional<String> after, int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException(
          "job list limit is out of range (was " + limit + "); ask for 1 to 1000 jobs a page");
    }
    Condition where = ORG_ID.eq(org.value());
    if (after.isPresent()) {
      where = where.and(JOB_ID.gt(after.get()));
    }
    Condition condition = where;
    List<String> ids =
        database.read(
            dsl ->
                dsl.selectDistinct(JOB_ID)
                    .from(BUILDS)
                    .where(condition)
                    .orderBy(JOB_ID)
                    .limit(limit + 1)
                    .fetch(JOB_ID));
    List<JobId> items = ids.stream().limit(limit).map(JobId::of).toList();
    return new Page<>(
        items, ids.size() > limit ? Optional.of(items.getLast().value()) : Optional.empty());
  }

  private long parseCursor(String cursor) {
    try {
      return Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "sql store "
              + database.description()
              + ": build list cursor is not one this store made (was \""
              + cursor
              + "\"); pass the next cursor of the previous page, or none for the first page",
          e);
    }
  }
}
