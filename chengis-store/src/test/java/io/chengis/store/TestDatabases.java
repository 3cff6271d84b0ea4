package io.chengis.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chengis.api.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Empty databases for tests, fast: each kind keeps a small ring of open stores (SQLite files in a
 * temporary directory; schemas on the local PostgreSQL server) and empties the next one of the ring
 * for every request. A ring of three lets a test hold two stores at once, and lets a property ask
 * for a fresh store on every try without opening hundreds of pools.
 *
 * <p>PostgreSQL: {@code CHENGIS_TEST_POSTGRES_URL} (default {@code
 * jdbc:postgresql://127.0.0.1:5432/test}) as {@code CHENGIS_TEST_POSTGRES_USER} (default {@code
 * postgres}). Without a reachable server the PostgreSQL tests are skipped with the reason, except
 * in CI ({@code CI} set), where they fail.
 */
final class TestDatabases {
  static final String POSTGRES_URL =
      Optional.ofNullable(System.getenv("CHENGIS_TEST_POSTGRES_URL"))
          .orElse("jdbc:postgresql://127.0.0.1:5432/test");
  static final String POSTGRES_USER =
      Optional.ofNullable(System.getenv("CHENGIS_TEST_POSTGRES_USER")).orElse("postgres");

  private static final int RING = 3;
  private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36);
  private static final ReentrantLock LOCK = new ReentrantLock();
  private static final Ring SQLITE = new Ring();
  private static final Ring POSTGRES = new Ring();
  private static Optional<String> postgresProblem = Optional.empty();
  private static boolean postgresChecked;
  private static final AtomicInteger OWN = new AtomicInteger();

  private TestDatabases() {}

  /** An empty SQLite database. */
  static SqlStores sqlite() {
    return next(SQLITE, TestDatabases::newSqlite);
  }

  /** An empty PostgreSQL schema; skips the test when no server answers (fails in CI). */
  static SqlStores postgresql() {
    requirePostgres();
    return next(POSTGRES, TestDatabases::newPostgres);
  }

  /** A new, separate SQLite file the caller owns and closes. */
  static Path sqliteFile() {
    try {
      return Files.createTempDirectory("chengis-store-test").resolve("chengis.db");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SqlStores next(Ring ring, Supplier<Slot> open) {
    LOCK.lock();
    try {
      if (ring.slots.size() < RING) {
        Slot slot = open.get();
        ring.slots.add(slot);
        return slot.stores;
      }
      Slot slot = ring.slots.get(ring.next);
      ring.next = (ring.next + 1) % RING;
      slot.empty();
      return slot.stores;
    } finally {
      LOCK.unlock();
    }
  }

  private static Slot newSqlite() {
    Path file = sqliteFile();
    SqlStores stores = SqlStores.sqlite(file);
    return new Slot(stores, connect("jdbc:sqlite:" + file, ""), false);
  }

  /**
   * A new, separate SQLite database of the caller's own, which it opens (several times, as
   * restarted processes do) and closes.
   */
  static OwnDatabase ownSqlite() {
    Path file = sqliteFile();
    return new OwnDatabase("jdbc:sqlite:" + file, "", options -> SqlStores.sqlite(file, options));
  }

  /**
   * A new, separate PostgreSQL schema of the caller's own, as {@link #ownSqlite()}; skips the test
   * when no server answers (fails in CI).
   */
  static OwnDatabase ownPostgresql() {
    requirePostgres();
    String url = POSTGRES_URL + "?currentSchema=" + newSchema("own_" + OWN.incrementAndGet());
    return new OwnDatabase(
        url,
        POSTGRES_USER,
        options -> SqlStores.postgresql(url, POSTGRES_USER, Secret.of(""), options));
  }

  /**
   * A database a test opens and closes itself.
   *
   * @param jdbcUrl where it is
   * @param user who connects
   * @param opener opens the stores on it with the given options
   */
  record OwnDatabase(String jdbcUrl, String user, Function<StoreOptions, SqlStores> opener) {
    SqlStores open(StoreOptions options) {
      return opener.apply(options);
    }

    /** A plain connection, to write rows as another version of Chengis would have. */
    Connection connect() {
      return TestDatabases.connect(jdbcUrl, user);
    }
  }

  private static Slot newPostgres() {
    String url =
        POSTGRES_URL + "?currentSchema=" + newSchema(Integer.toString(POSTGRES.slots.size() + 1));
    SqlStores stores = SqlStores.postgresql(url, POSTGRES_USER, Secret.of(""));
    return new Slot(stores, connect(url, POSTGRES_USER), true);
  }

  /** Creates an empty schema, dropped when the JVM exits, and returns its name. */
  private static String newSchema(String suffix) {
    String schema = "chengis_test_" + RUN + "_" + suffix;
    try (Connection admin = connect(POSTGRES_URL, POSTGRES_USER);
        Statement statement = admin.createStatement()) {
      statement.execute("drop schema if exists " + schema + " cascade");
      statement.execute("create schema " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "creating schema " + schema + " failed: " + e.getMessage(), e);
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try (Connection admin = connect(POSTGRES_URL, POSTGRES_USER);
                      Statement statement = admin.createStatement()) {
                    statement.execute("drop schema if exists " + schema + " cascade");
                  } catch (SQLException | RuntimeException e) {
                    // the server went away first; the schema name carries the pid for cleanup
                  }
                }));
    return schema;
  }

  static void requirePostgres() {
    LOCK.lock();
    try {
      if (!postgresChecked) {
        postgresChecked = true;
        try (Connection connection = connect(POSTGRES_URL, POSTGRES_USER)) {
          if (!connection.isValid(5)) {
            postgresProblem = Optional.of("PostgreSQL at " + POSTGRES_URL + " did not answer");
          }
        } catch (IllegalStateException e) {
          postgresProblem = Optional.of(e.getMessage());
        } catch (SQLException e) {
          postgresProblem = Optional.of(e.getMessage());
        }
      }
    } finally {
      LOCK.unlock();
    }
    String why =
        "no PostgreSQL at "
            + POSTGRES_URL
            + " as "
            + POSTGRES_USER
            + " (was "
            + postgresProblem.orElse("")
            + "); start it (pg_ctlcluster --skip-systemctl-redirect VERSION main start) or set"
            + " CHENGIS_TEST_POSTGRES_URL";
    if (postgresProblem.isPresent() && System.getenv("CI") != null) {
      throw new IllegalStateException("CI needs PostgreSQL: " + why);
    }
    assumeTrue(postgresProblem.isEmpty(), why);
  }

  private static Connection connect(String url, String user) {
    try {
      return DriverManager.getConnection(url, user, "");
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The ring of one database kind; guarded by {@link #LOCK}. */
  private static final class Ring {
    final List<Slot> slots = new ArrayList<>();
    int next;
  }

  /** One open store, a connection beside it, and the tables to empty. */
  private static final class Slot {
    final SqlStores stores;
    final Connection admin;
    final List<String> tables = new ArrayList<>();

    Slot(SqlStores stores, Connection admin, boolean postgres) {
      this.stores = stores;
      this.admin = admin;
      try (ResultSet rows =
          admin.getMetaData().getTables(null, null, "chengis_%", new String[] {"TABLE"})) {
        while (rows.next()) {
          String table = rows.getString("TABLE_NAME");
          String schema = rows.getString("TABLE_SCHEM");
          boolean ours = !postgres || schema.equals(admin.getSchema());
          if (ours && !table.equals("chengis_schema_history")) {
            tables.add(table);
          }
        }
        admin.setAutoCommit(false);
      } catch (SQLException e) {
        throw new IllegalStateException("reading a test database failed: " + e.getMessage(), e);
      }
    }

    void empty() {
      // Events still buffered by the last test would reach the emptied tables after it.
      stores.flushEvents();
      try (Statement statement = admin.createStatement()) {
        for (String table : tables) {
          statement.addBatch("delete from " + table);
        }
        statement.executeBatch();
        admin.commit();
      } catch (SQLException e) {
        throw new IllegalStateException("emptying a test database failed: " + e.getMessage(), e);
      }
    }
  }
}
