/**
 * SQL implementations of the Chengis store SPIs on SQLite (the default) and PostgreSQL.
 *
 * @since 0.1.0
 */
module io.chengis.store {
  requires transitive io.chengis.api;
  requires transitive java.sql;
  requires static org.jspecify;
  requires org.jooq;
  requires flyway.core;
  requires com.zaxxer.hikari;
  requires org.xerial.sqlitejdbc;
  requires org.postgresql.jdbc;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires org.slf4j;

  exports io.chengis.store;

  opens io.chengis.store.migration.sqlite to
      flyway.core;
  opens io.chengis.store.migration.postgresql to
      flyway.core;
}
