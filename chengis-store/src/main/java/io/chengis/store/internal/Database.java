package io.chengis.store.internal;

import io.chengis.api.StoreException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.conf.ParamType;
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

  /**
   * The SQL of a statement in this database's dialect, with a {@code ?} for each bind value in the
   * order jOOQ renders them: rendered once by a store for a statement it then runs through plain
   * JDBC on its hot path, where rendering the query on every call cost more than running it
   * (decision 56).
   */
  public String sql(Function<DSLContext, ? extends Query> statement) {
    return statement.apply(dsl).getSQL(ParamType.INDEXED);
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

  /**
   * Runs a write of plain JDBC statements atomically, like {@link #write}: the hot paths of the
   * stores (log appends, event flushes), whose statements are rendered once with {@link #sql}. On
   * SQLite the statements are prepared once on the writer's connection and kept; on PostgreSQL they
   * are prepared on the write's connection and closed with it (the driver keeps its own server-side
   * statements).
   */
  public <T> T writeStatements(StatementWrite<T> work) {
    try {
      if (writer.isPresent()) {
        return writer.get().writeStatements(work);
      }
      return dsl.transactionResult(
          configuration ->
              configuration
                  .dsl()
                  .connectionResult(
                      connection -> {
                        List<PreparedStatement> opened = new ArrayList<>();
                        try {
                          return work.run(
                              sql -> {
                                PreparedStatement statement = connection.prepareStatement(sql);
                                opened.add(statement);
                                return statement;
                              });
                        } finally {
                          for (PreparedStatement statement : opened) {
                            statement.close();
                          }
                        }
                      }));
    } catch (DataAccessException e) {
      throw failed("write", e);
    }
  }

  /** Prepares the statements of one write by their SQL; a statement is for this write only. */
  @FunctionalInterface
  public interface Statements {
    /**
     * A statement ready for binding, with no batch pending.
     *
     * @param sql SQL from {@link Database#sql}
     * @return the statement; the caller does not close it
     * @throws SQLException when the database refuses the SQL
     */
    PreparedStatement prepare(String sql) throws SQLException;
  }

  /** A write of plain JDBC statements; see {@link Database#writeStatements}. */
  @FunctionalInterface
  public interface StatementWrite<T> {
    /**
     * Runs the write's statements; they commit together once it returns.
     *
     * @param statements where the write's statements come from
     * @return the write's result
     * @throws SQLException when a statement fails: the write rolls back
     */
    T run(Statements statements) throws SQLException;
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
