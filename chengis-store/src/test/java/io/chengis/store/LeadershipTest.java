package io.chengis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chengis.api.Secret;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeadershipTest {
  @Test
  void postgresql_oneHolderAtATime_handedOverWhenTheHoldersConnectionDies() throws Exception {
    TestDatabases.requirePostgres();
    String url = TestDatabases.POSTGRES_URL;
    try (SqlStores nodeA = SqlStores.postgresql(url, TestDatabases.POSTGRES_USER, Secret.of(""));
        SqlStores nodeB = SqlStores.postgresql(url, TestDatabases.POSTGRES_USER, Secret.of(""));
        Leadership a = nodeA.leadership("scheduler-" + ProcessHandle.current().pid());
        Leadership b = nodeB.leadership("scheduler-" + ProcessHandle.current().pid())) {
      assertThat(a.tryAcquire()).isTrue();
      assertThat(b.tryAcquire()).isFalse();
      assertThat(a.isLeader()).isTrue();

      // The holder's session dies (a crashed node): the server frees its advisory lock.
      try (Connection admin = DriverManager.getConnection(url, TestDatabases.POSTGRES_USER, "");
          Statement statement = admin.createStatement()) {
        statement.execute(
            "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and"
                + " granted and pid <> pg_backend_pid()"
                + " and objid = (hashtext('chengis-leader:scheduler-"
                + ProcessHandle.current().pid()
                + "')::bigint & 4294967295)");
      }

      await().atMost(Duration.ofSeconds(20)).until(b::tryAcquire);
      assertThat(a.isLeader()).isFalse();
      assertThat(b.isLeader()).isTrue();
    }
  }

  @Test
  void postgresql_release_letsTheOtherNodeTakeOver() {
    TestDatabases.requirePostgres();
    String url = TestDatabases.POSTGRES_URL;
    String duty = "retention-" + ProcessHandle.current().pid();
    try (SqlStores nodeA = SqlStores.postgresql(url, TestDatabases.POSTGRES_USER, Secret.of(""));
        SqlStores nodeB = SqlStores.postgresql(url, TestDatabases.POSTGRES_USER, Secret.of(""));
        Leadership a = nodeA.leadership(duty);
        Leadership b = nodeB.leadership(duty)) {
      assertThat(a.tryAcquire()).isTrue();
      a.release();

      assertThat(b.tryAcquire()).isTrue();
      assertThat(a.tryAcquire()).isFalse();
    }
  }

  @Test
  void sqlite_secondHolderInTheSameProcess_isRefusedUntilRelease() {
    Path file = TestDatabases.sqliteFile();
    try (SqlStores stores = SqlStores.sqlite(file);
        Leadership a = stores.leadership("scheduler");
        Leadership b = stores.leadership("scheduler")) {
      assertThat(a.tryAcquire()).isTrue();
      assertThat(b.tryAcquire()).isFalse();

      a.release();

      assertThat(b.tryAcquire()).isTrue();
      assertThat(b.isLeader()).isTrue();
    }
  }
}
