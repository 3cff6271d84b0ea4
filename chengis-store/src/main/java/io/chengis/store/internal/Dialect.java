package io.chengis.store.internal;

import org.jooq.SQLDialect;

/** The databases the SQL stores run on: the one seam where SQLite and PostgreSQL differ. */
public enum Dialect {
  /** SQLite: one file, WAL, one batching writer. */
  SQLITE(SQLDialect.SQLITE, "sqlite"),
  /** PostgreSQL: a pool, row locks with SKIP LOCKED, advisory locks. */
  POSTGRESQL(SQLDialect.POSTGRES, "postgresql");

  private final SQLDialect jooq;
  private final String migrations;

  Dialect(SQLDialect jooq, String migrations) {
    this.jooq = jooq;
    this.migrations = migrations;
  }

  SQLDialect jooq() {
    return jooq;
  }

  /** The Flyway location of this dialect's migrations. */
  String migrations() {
    return "classpath:io/chengis/store/migration/" + migrations;
  }
}
