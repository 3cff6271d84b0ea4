package io.chengis.store;

/**
 * The databases Chengis stores its history in.
 *
 * @since 0.1.0
 */
public enum DatabaseKind {
  /** One SQLite file: the default, nothing to install. */
  SQLITE,
  /** A PostgreSQL server: for teams and several engine nodes. */
  POSTGRESQL
}
