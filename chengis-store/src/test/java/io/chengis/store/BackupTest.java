package io.chengis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.BuildId;
import io.chengis.api.BuildState;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Secret;
import io.chengis.api.StoreException;
import io.chengis.api.spi.BuildQuery;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.JobRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupTest {
  private static final JobRef JOB = new JobRef(OrgId.of("acme"), JobId.of("api"));

  private static void saveBuild(SqlStores stores) {
    long number = stores.builds().nextNumber(JOB);
    stores
        .builds()
        .save(
            new BuildRecord(
                JOB.org(),
                BuildId.generator(InstantSource.system()).next(),
                JOB.jobId(),
                number,
                1,
                Optional.empty(),
                BuildState.QUEUED,
                Map.of(),
                Instant.parse("2026-01-01T00:00:00Z"),
                Optional.empty()));
  }

  private static int builds(SqlStores stores) {
    return stores.builds().list(new BuildQuery(JOB, Optional.empty(), 100)).items().size();
  }

  @Test
  void sqlite_backupThenRestore_bringsBackExactlyTheBackedUpBuilds() throws Exception {
    Path file = TestDatabases.sqliteFile();
    Path backup = file.resolveSibling("backup.db");
    try (SqlStores stores = SqlStores.sqlite(file)) {
      saveBuild(stores);
      saveBuild(stores);
      stores.backup(backup);
      saveBuild(stores);
      assertThat(builds(stores)).isEqualTo(3);
    }

    SqlStores.restoreSqlite(backup, file);

    try (SqlStores restored = SqlStores.sqlite(file)) {
      assertThat(builds(restored)).isEqualTo(2);
    }
    assertThat(Files.size(backup)).isPositive();
  }

  @Test
  void sqlite_backupOntoAnExistingFile_isRefusedAndKeepsTheFile() throws Exception {
    Path file = TestDatabases.sqliteFile();
    Path existing = Files.writeString(file.resolveSibling("keep.db"), "precious");
    try (SqlStores stores = SqlStores.sqlite(file)) {
      assertThatThrownBy(() -> stores.backup(existing))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("the target exists (was " + existing + "); choose a new file name");
    }
    assertThat(Files.readString(existing)).isEqualTo("precious");
  }

  @Test
  void sqlite_restoreFromAFileThatIsNoChengisDatabase_isRefusedAndKeepsTheDatabase()
      throws Exception {
    Path file = TestDatabases.sqliteFile();
    Path stranger = file.resolveSibling("stranger.db");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + stranger);
        Statement statement = connection.createStatement()) {
      statement.execute("create table notes (text text)");
    }
    try (SqlStores stores = SqlStores.sqlite(file)) {
      saveBuild(stores);
    }

    assertThatThrownBy(() -> SqlStores.restoreSqlite(stranger, file))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is not a Chengis database");
    try (SqlStores stores = SqlStores.sqlite(file)) {
      assertThat(builds(stores)).isEqualTo(1);
    }
  }

  @Test
  void postgresql_backupThenRestore_bringsBackExactlyTheBackedUpBuilds() throws Exception {
    TestDatabases.requirePostgres();
    String database = "chengis_backup_" + ProcessHandle.current().pid();
    String admin = TestDatabases.POSTGRES_URL;
    try (Connection connection =
            DriverManager.getConnection(admin, TestDatabases.POSTGRES_USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database);
      statement.execute("create database " + database);
    }
    String url = admin.substring(0, admin.lastIndexOf('/') + 1) + database;
    Path backup = TestDatabases.sqliteFile().resolveSibling("chengis.dump");
    try {
      try (SqlStores stores =
          SqlStores.postgresql(url, TestDatabases.POSTGRES_USER, Secret.of(""))) {
        saveBuild(stores);
        stores.backup(backup);
        saveBuild(stores);
      }

      SqlStores.restorePostgresql(backup, url, TestDatabases.POSTGRES_USER, Secret.of(""));

      try (SqlStores restored =
          SqlStores.postgresql(url, TestDatabases.POSTGRES_USER, Secret.of(""))) {
        assertThat(builds(restored)).isEqualTo(1);
      }
    } finally {
      try (Connection connection =
              DriverManager.getConnection(admin, TestDatabases.POSTGRES_USER, "");
          Statement statement = connection.createStatement()) {
        statement.execute("drop database if exists " + database + " with (force)");
      }
    }
  }
}
