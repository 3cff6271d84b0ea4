package io.chengis.store.internal;

import io.chengis.api.StoreException;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * One Chengis database: its data source, its dialect, and the way writes reach it — through the
 * {@link SqliteWriter} on SQLite, in a transaction of their own on PostgreSQL.
 *
 * <p>Thread-safe.
 */
public final class Database implements AutoCloseable {
  private final DataSource dataSource;
  private final Dialect dialect;
  private final String description;
  private final DSLContext dsl;
  private final Optional<SqliteWriter> writer;
  private final Optional<AutoCloseable> owned;

  /**
   * Opens a database on a data source and migrates it to the current schema.
   *
   * @param dataSource where connections come from
   * @param dialect the database
   * @param description how messages name it: a file or a URL without credentials
   * @param owned what to close with the database (a pool the store made), if anything
   */
  public Database(
      DataSource dataSource, Dialect dialect, String description, Optional<AutoCloseable> owned) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.description = description;
    this.owned = owned;
    this.dsl = DSL.using(dataSource, dialect.jooq());
    migrate();
    this.writer =
        dialect == Dialect.SQLITE
            ? Optional.of(new SqliteWriter(dataSource, description))
            : Optional.empty();
  }

  private void migrate() {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(dialect.migrations())
          .table("chengis_schema_history")
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StoreException(
          "sql store "
              + description
              + ": the schema migration failed (was "
              + e.getMessage()
              + "); check that the database is reachable and the user may create tables",
          e);
    }
  }

  /** The database. */
  public Dialect dialect() {
    return dialect;
  }

  /** How messages name this database. */
  public String description() {
    return description;
  }

  /** The data source, for backups and tools. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Runs a read on a pooled connection; WAL lets it run beside the writer. */
  public <T> T read(Function<DSLContext, T> work) {
    try {
      return work.apply(dsl);
    } catch (DataAccessException e) {
      throw failed("read", e);
    }
  }

  /**
   * Runs a write atomically: every statement of {@code work} commits together or not at all. On
   * SQLite the work runs under the writer's lock, possibly on another caller's thread, so it must
   * not block on other writes.
   */
  public <T> T write(Function<DSLContext, T> work) {
    try {
      if (writer.isPresent()) {
        return writer.get().write(work);
      }
      return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
    } catch (DataAccessException e) {
      throw failed("write", e);
    }
  }

  private StoreException failed(String what, DataAccessException e) {
    return new StoreException(
        "sql store "
            + description
            + ": a "
            + what
            + " failed (was "
            + e.getMessage()
            + "); check that the database is reachable",
        e);
  }

  @Override
  public void close() {
    writer.ifPresent(SqliteWriter::close);
    owned.ifPresent(
        resource -> {
          try {
            resource.close();
          } catch (Exception e) {
            throw new StoreException(
                "sql store " + description + ": closing failed (was " + e.getMessage() + ")", e);
          }
        });
  }
}
