package io.chengis.store.internal;

import io.chengis.api.Secret;
import io.chengis.api.StoreException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Backups and restores: {@code VACUUM INTO} for SQLite (a consistent copy while the database is in
 * use), {@code pg_dump}/{@code pg_restore} in custom format for PostgreSQL (the password reaches
 * them through {@code PGPASSWORD}, never the command line).
 */
public final class Backups {
  private Backups() {}

  /** Writes a consistent copy of a SQLite database to {@code target}, which must not exist. */
  public static void sqlite(Database database, Path target) {
    refuseExisting(target);
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "vacuum into '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
    } catch (SQLException e) {
      throw new StoreException(
          "sqlite backup to "
              + target
              + " failed (was "
              + e.getMessage()
              + "); check that the directory exists and has room",
          e);
    }
  }

  /**
   * Replaces the SQLite database {@code target} (which no process may have open) by a backup, after
   * checking that the backup is a sound Chengis database.
   */
  public static void restoreSqlite(Path backup, Path target) {
    if (!Files.isRegularFile(backup)) {
      throw new StoreException(
          "sqlite restore: the backup does not exist (was "
              + backup
              + "); give a file that chengis backup wrote");
    }
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + backup.toAbsolutePath());
        Statement statement = connection.createStatement()) {
      try (ResultSet check = statement.executeQuery("pragma integrity_check")) {
        String verdict = check.next() ? check.getString(1) : "no answer";
        if (!verdict.equals("ok")) {
          throw new StoreException(
              "sqlite restore: the backup "
                  + backup
                  + " is damaged (was \""
                  + verdict
                  + "\"); restore an older backup");
        }
      }
      try (ResultSet tables =
          statement.executeQuery(
              "select count(*) from sqlite_master where type = 'table' and name = 'chengis_schema_history'")) {
        if (!tables.next() || tables.getInt(1) != 1) {
          throw new StoreException(
              "sqlite restore: "
                  + backup
                  + " is not a Chengis database (was a SQLite file without"
                  + " chengis_schema_history); give a file that chengis backup wrote");
        }
      }
    } catch (SQLException e) {
      throw new StoreException(
          "sqlite restore: cannot read the backup "
              + backup
              + " (was "
              + e.getMessage()
              + "); give a file that chengis backup wrote",
          e);
    }
    try {
      Path absolute = target.toAbsolutePath();
      Files.createDirectories(absolute.getParent());
      Path staged = Files.createTempFile(absolute.getParent(), ".chengis-restore", ".db");
      Files.copy(backup, staged, StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(Path.of(absolute + "-wal"));
      Files.deleteIfExists(Path.of(absolute + "-shm"));
      Files.move(
          staged, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StoreException(
          "sqlite restore to "
              + target
              + " failed (was "
              + e
              + "); check the directory's permissions",
          e);
    }
  }

  /** Dumps a PostgreSQL database with {@code pg_dump -Fc}. */
  public static void postgresql(String jdbcUrl, String user, Secret password, Path target) {
    refuseExisting(target);
    List<String> command = new ArrayList<>(List.of("pg_dump", "--format=custom", "--no-owner"));
    command.addAll(connection(jdbcUrl, user));
    command.add("--file=" + target.toAbsolutePath());
    run(command, password, "backup");
  }

  /** Restores a {@code pg_dump -Fc} file into a PostgreSQL database, replacing Chengis's tables. */
  public static void restorePostgresql(String jdbcUrl, String user, Secret password, Path backup) {
    List<String> command =
        new ArrayList<>(
            List.of("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"));
    command.addAll(connection(jdbcUrl, user));
    command.add(backup.toAbsolutePath().toString());
    run(command, password, "restore");
  }

  private static List<String> connection(String jdbcUrl, String user) {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    List<String> options = new ArrayList<>();
    options.add("--host=" + (uri.getHost() == null ? "localhost" : uri.getHost()));
    options.add("--port=" + (uri.getPort() < 0 ? 5432 : uri.getPort()));
    options.add("--username=" + user);
    options.add("--dbname=" + uri.getPath().replaceFirst("^/", ""));
    return options;
  }

  private static void run(List<String> command, Secret password, String what) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    if (!password.reveal().isEmpty()) {
      env.put("PGPASSWORD", password.reveal());
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new StoreException(
          "postgresql "
              + what
              + ": "
              + command.getFirst()
              + " is not installed or not on the PATH (was "
              + e.getMessage()
              + "); install the PostgreSQL client tools (Debian: apt-get install postgresql-client)",
          e);
    }
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(1, TimeUnit.HOURS) || process.exitValue() != 0) {
        throw new StoreException(
            "postgresql "
                + what
                + ": "
                + command.getFirst()
                + " failed (was exit "
                + (process.isAlive() ? "none, timed out" : process.exitValue())
                + ": "
                + output.strip()
                + "); check the connection and the file");
      }
    } catch (IOException e) {
      throw new StoreException(
          "postgresql " + what + ": reading " + command.getFirst() + " failed", e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new StoreException("postgresql " + what + " was interrupted (was interrupted)", e);
    }
  }

  private static void refuseExisting(Path target) {
    if (Files.exists(target)) {
      throw new StoreException(
          "backup: the target exists (was "
              + target
              + "); choose a new file name, backups never overwrite");
    }
  }
}
