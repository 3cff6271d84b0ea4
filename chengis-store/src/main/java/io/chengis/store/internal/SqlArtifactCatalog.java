package io.chengis.store.internal;

import static io.chengis.store.internal.Tables.ARTIFACTS;
import static io.chengis.store.internal.Tables.ARTIFACT_PATH;
import static io.chengis.store.internal.Tables.ARTIFACT_SIZE;
import static io.chengis.store.internal.Tables.BUILD_ID;
import static io.chengis.store.internal.Tables.JOB_ID;
import static io.chengis.store.internal.Tables.ORG_ID;
import static io.chengis.store.internal.Tables.SEQ;
import static io.chengis.store.internal.Tables.SHA256;
import static io.chengis.store.internal.Tables.STORED_AT;

import io.chengis.api.BuildId;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.spi.ArtifactCatalog;
import io.chengis.api.spi.ArtifactRecord;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.JobRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Record;

/**
 * {@link ArtifactCatalog} on SQL: a row per build and path in {@code chengis_artifacts}. Recording
 * a path again deletes the old row and inserts a new one, so the newest row of a job and path (by
 * {@code seq}) is always the latest version.
 */
public final class SqlArtifactCatalog implements ArtifactCatalog {
  private final Database database;

  /** The catalog of the database. */
  public SqlArtifactCatalog(Database database) {
    this.database = database;
  }

  @Override
  public void record(ArtifactRecord artifact) {
    Objects.requireNonNull(artifact, "artifact");
    database.write(
        dsl -> {
          dsl.deleteFrom(ARTIFACTS)
              .where(ORG_ID.eq(artifact.org().value()))
              .and(BUILD_ID.eq(artifact.buildId().value()))
              .and(ARTIFACT_PATH.eq(artifact.path()))
              .execute();
          return dsl.insertInto(ARTIFACTS)
              .set(ORG_ID, artifact.org().value())
              .set(BUILD_ID, artifact.buildId().value())
              .set(JOB_ID, artifact.jobId().value())
              .set(ARTIFACT_PATH, artifact.path())
              .set(ARTIFACT_SIZE, artifact.size())
              .set(SHA256, artifact.sha256())
              .set(STORED_AT, artifact.storedAt().toString())
              .execute();
        });
  }

  @Override
  public List<ArtifactRecord> list(BuildRef build) {
    Objects.requireNonNull(build, "build");
    return database.read(
        dsl ->
            columns(dsl)
                .where(ORG_ID.eq(build.org().value()))
                .and(BUILD_ID.eq(build.buildId().value()))
                .orderBy(ARTIFACT_PATH)
                .fetch(SqlArtifactCatalog::artifact));
  }

  @Override
  public Optional<ArtifactRecord> latest(JobRef job, String path) {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(path, "path");
    return database.read(
        dsl ->
            columns(dsl)
                .where(ORG_ID.eq(job.org().value()))
                .and(JOB_ID.eq(job.jobId().value()))
                .and(ARTIFACT_PATH.eq(path))
                .orderBy(SEQ.desc())
                .limit(1)
                .fetchOptional(SqlArtifactCatalog::artifact));
  }

  /** Every column {@link #artifact} reads, from the artifacts table. */
  private static org.jooq.SelectJoinStep<?> columns(org.jooq.DSLContext dsl) {
    return dsl.select(ORG_ID, BUILD_ID, JOB_ID, ARTIFACT_PATH, ARTIFACT_SIZE, SHA256, STORED_AT)
        .from(ARTIFACTS);
  }

  private static ArtifactRecord artifact(Record row) {
    return new ArtifactRecord(
        OrgId.of(row.get(ORG_ID)),
        BuildId.of(row.get(BUILD_ID)),
        JobId.of(row.get(JOB_ID)),
        row.get(ARTIFACT_PATH),
        row.get(ARTIFACT_SIZE),
        row.get(SHA256),
        Instant.parse(row.get(STORED_AT)));
  }
}
