-- Requests to a build that runs in another process (cancel, approve, reject): the process running
-- the build polls them, applies them and marks them handled.
CREATE TABLE chengis_build_commands (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id     TEXT    NOT NULL,
  build_id   TEXT    NOT NULL,
  command    TEXT    NOT NULL,
  stage      TEXT    NOT NULL,
  actor      TEXT    NOT NULL,
  comment    TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  handled_at INTEGER
);
CREATE INDEX chengis_build_commands_pending ON chengis_build_commands (org_id, build_id, handled_at);
