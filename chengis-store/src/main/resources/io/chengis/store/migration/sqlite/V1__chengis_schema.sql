-- Chengis schema for SQLite. Timestamps are epoch milliseconds for indexes and queries; the
-- documents (doc, body) keep the exact values. Every tenant table starts with org_id.

CREATE TABLE chengis_organizations (
  org_id     TEXT    NOT NULL PRIMARY KEY,
  created_at INTEGER NOT NULL
);

CREATE TABLE chengis_jobs (
  org_id     TEXT    NOT NULL,
  job_id     TEXT    NOT NULL,
  version    INTEGER NOT NULL,
  format     TEXT    NOT NULL,
  definition TEXT    NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, job_id)
);

CREATE TABLE chengis_build_numbers (
  org_id      TEXT    NOT NULL,
  job_id      TEXT    NOT NULL,
  last_number INTEGER NOT NULL,
  PRIMARY KEY (org_id, job_id)
);

CREATE TABLE chengis_builds (
  org_id        TEXT    NOT NULL,
  build_id      TEXT    NOT NULL,
  job_id        TEXT    NOT NULL,
  number        INTEGER NOT NULL,
  attempt       INTEGER NOT NULL,
  root_build_id TEXT,
  state         TEXT    NOT NULL,
  outcome       TEXT,
  conclusion    TEXT,
  queued_at     INTEGER NOT NULL,
  started_at    INTEGER,
  finished_at   INTEGER,
  doc           TEXT    NOT NULL,
  PRIMARY KEY (org_id, build_id),
  UNIQUE (org_id, job_id, number)
);
CREATE INDEX chengis_builds_by_state ON chengis_builds (org_id, state);

CREATE TABLE chengis_stage_runs (
  org_id      TEXT    NOT NULL,
  build_id    TEXT    NOT NULL,
  position    INTEGER NOT NULL,
  stage       TEXT    NOT NULL,
  outcome     TEXT    NOT NULL,
  conclusion  TEXT    NOT NULL,
  started_at  INTEGER,
  finished_at INTEGER,
  reason      TEXT,
  PRIMARY KEY (org_id, build_id, position)
);

CREATE TABLE chengis_step_runs (
  org_id      TEXT    NOT NULL,
  build_id    TEXT    NOT NULL,
  stage       TEXT    NOT NULL,
  position    INTEGER NOT NULL,
  step        TEXT    NOT NULL,
  outcome     TEXT    NOT NULL,
  conclusion  TEXT    NOT NULL,
  exit_code   INTEGER,
  started_at  INTEGER,
  finished_at INTEGER,
  reason      TEXT,
  PRIMARY KEY (org_id, build_id, stage, position)
);

CREATE TABLE chengis_log_chunks (
  org_id     TEXT    NOT NULL,
  build_id   TEXT    NOT NULL,
  stage      TEXT    NOT NULL,
  step       TEXT    NOT NULL,
  first_line INTEGER NOT NULL,
  line_count INTEGER NOT NULL,
  body       TEXT    NOT NULL,
  PRIMARY KEY (org_id, build_id, stage, step, first_line)
);

CREATE TABLE chengis_events (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id   TEXT    NOT NULL,
  event_id TEXT    NOT NULL,
  build_id TEXT    NOT NULL,
  type     TEXT    NOT NULL,
  at       INTEGER NOT NULL,
  body     TEXT    NOT NULL,
  UNIQUE (org_id, event_id)
);
CREATE INDEX chengis_events_by_build ON chengis_events (org_id, build_id, event_id);

CREATE TABLE chengis_artifacts (
  org_id     TEXT    NOT NULL,
  build_id   TEXT    NOT NULL,
  path       TEXT    NOT NULL,
  sha256     TEXT    NOT NULL,
  size       INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, build_id, path)
);

CREATE TABLE chengis_secrets (
  org_id     TEXT    NOT NULL,
  scope      TEXT    NOT NULL,
  scope_id   TEXT    NOT NULL,
  name       TEXT    NOT NULL,
  key_id     TEXT    NOT NULL,
  ciphertext BLOB    NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, scope, scope_id, name)
);

CREATE TABLE chengis_audit_log (
  org_id    TEXT    NOT NULL,
  seq       INTEGER NOT NULL,
  at        TEXT    NOT NULL,
  actor     TEXT    NOT NULL,
  action    TEXT    NOT NULL,
  target    TEXT    NOT NULL,
  details   TEXT    NOT NULL,
  hash      TEXT    NOT NULL,
  PRIMARY KEY (org_id, seq)
);

CREATE TABLE chengis_queue (
  org_id          TEXT NOT NULL,
  build_id        TEXT NOT NULL,
  job_id          TEXT NOT NULL,
  labels          TEXT NOT NULL,
  priority        INTEGER NOT NULL,
  not_before_ns   INTEGER NOT NULL,
  enqueued_ns     INTEGER NOT NULL,
  max_attempts    INTEGER NOT NULL,
  state           TEXT NOT NULL,
  lease_owner     TEXT,
  lease_expiry_ns INTEGER,
  token           INTEGER NOT NULL,
  attempts        INTEGER NOT NULL,
  PRIMARY KEY (org_id, build_id)
);
CREATE INDEX chengis_queue_claimable ON chengis_queue (org_id, state, priority DESC, enqueued_ns, build_id);

CREATE TABLE chengis_approvals (
  org_id       TEXT    NOT NULL,
  build_id     TEXT    NOT NULL,
  stage        TEXT    NOT NULL,
  required     INTEGER NOT NULL,
  approvers    TEXT    NOT NULL,
  message      TEXT    NOT NULL,
  state        TEXT    NOT NULL,
  requested_at INTEGER NOT NULL,
  deadline     INTEGER,
  decided_at   INTEGER,
  PRIMARY KEY (org_id, build_id, stage)
);

CREATE TABLE chengis_approval_votes (
  org_id   TEXT    NOT NULL,
  build_id TEXT    NOT NULL,
  stage    TEXT    NOT NULL,
  voter    TEXT    NOT NULL,
  approve  INTEGER NOT NULL,
  comment  TEXT    NOT NULL,
  at       INTEGER NOT NULL,
  PRIMARY KEY (org_id, build_id, stage, voter)
);

CREATE TABLE chengis_schedules (
  org_id   TEXT    NOT NULL,
  job_id   TEXT    NOT NULL,
  cron     TEXT    NOT NULL,
  timezone TEXT    NOT NULL,
  next_run INTEGER,
  last_run INTEGER,
  enabled  INTEGER NOT NULL,
  PRIMARY KEY (org_id, job_id, cron)
);

CREATE TABLE chengis_webhook_deliveries (
  org_id      TEXT    NOT NULL,
  provider    TEXT    NOT NULL,
  delivery_id TEXT    NOT NULL,
  received_at INTEGER NOT NULL,
  headers     TEXT    NOT NULL,
  payload     TEXT    NOT NULL,
  result      TEXT    NOT NULL,
  PRIMARY KEY (org_id, provider, delivery_id)
);

CREATE TABLE chengis_build_leases (
  org_id       TEXT    NOT NULL,
  build_id     TEXT    NOT NULL,
  owner        TEXT    NOT NULL,
  expires_at   INTEGER NOT NULL,
  PRIMARY KEY (org_id, build_id)
);
