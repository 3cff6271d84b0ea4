-- The metadata of stored artifacts (the content is in an ArtifactStore): one row per build and
-- path; the newest row of a job and path is the base for the next version's delta. The V1 table
-- of that name was never used and had no job column.
DROP TABLE chengis_artifacts;
CREATE TABLE chengis_artifacts (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id     TEXT    NOT NULL,
  build_id   TEXT    NOT NULL,
  job_id     TEXT    NOT NULL,
  path       TEXT    NOT NULL,
  size       INTEGER NOT NULL,
  sha256     TEXT    NOT NULL,
  stored_at  TEXT    NOT NULL,
  UNIQUE (org_id, build_id, path)
);
CREATE INDEX chengis_artifacts_by_job ON chengis_artifacts (org_id, job_id, path, seq);
