-- The plugin allowlist (one per installation, not per organization) and webhook deliveries, which
-- arrive before any organization is known; the V1 deliveries table was never used.
CREATE TABLE chengis_plugin_trust (
  sha256     TEXT    NOT NULL PRIMARY KEY,
  name       TEXT    NOT NULL,
  allowed_by TEXT    NOT NULL,
  allowed_at TEXT    NOT NULL
);

DROP TABLE chengis_webhook_deliveries;
CREATE TABLE chengis_webhook_deliveries (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  provider    TEXT    NOT NULL,
  delivery_id TEXT    NOT NULL,
  received_at TEXT    NOT NULL,
  received_ns INTEGER NOT NULL,
  headers     TEXT    NOT NULL,
  payload     BLOB    NOT NULL,
  result      TEXT    NOT NULL,
  UNIQUE (provider, delivery_id)
);
CREATE INDEX chengis_webhook_deliveries_newest ON chengis_webhook_deliveries (received_ns, seq);
