package io.chengis.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

class SqliteWriterTest {
  private static SqliteWriter writer() throws Exception {
    Path file = Files.createTempDirectory("chengis-writer").resolve("w.db");
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + file);
    SqliteWriter writer = new SqliteWriter(source, file.toString());
    writer.write(dsl -> dsl.execute("create table t (n integer)"));
    return writer;
  }

  @Test
  void write_workThrowingAnError_failsThatWriteAndTheWriterKeepsWorking() throws Exception {
    try (SqliteWriter writer = writer()) {
      assertThatThrownBy(
              () ->
                  writer.write(
                      dsl -> {
                        dsl.execute("insert into t values (1)");
                        throw new NoClassDefFoundError("com/example/Missing");
                      }))
          .isInstanceOf(StoreException.class)
          .hasRootCauseInstanceOf(NoClassDefFoundError.class);

      writer.write(dsl -> dsl.execute("insert into t values (2)"));

      List<Integer> stored =
          writer.write(dsl -> dsl.fetch("select n from t").getValues(0, Integer.class));
      assertThat(stored).containsExactly(2);
    }
  }

  @Test
  void write_failingWriteInABatch_rollsBackOnlyItself() throws Exception {
    try (SqliteWriter writer = writer();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Callable<Object>> writes = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        int n = i;
        writes.add(
            () ->
                writer.write(
                    dsl -> {
                      dsl.execute("insert into t values (" + n + ")");
                      if (n % 10 == 0) {
                        throw new IllegalStateException("write " + n + " fails");
                      }
                      return n;
                    }));
      }
      List<Future<Object>> results = threads.invokeAll(writes);
      long failed = results.stream().filter(f -> f.state() == Future.State.FAILED).count();

      assertThat(failed).isEqualTo(5);
      int rows = writer.write(dsl -> dsl.fetchCount(dsl.selectFrom("t")));
      assertThat(rows).isEqualTo(45);
    }
  }

  @Test
  void writeStatements_sameSqlAgain_reusesTheKeptStatement() throws Exception {
    try (SqliteWriter writer = writer()) {
      List<PreparedStatement> used = new ArrayList<>();
      for (int n = 1; n <= 3; n++) {
        int value = n;
        writer.writeStatements(
            statements -> {
              PreparedStatement insert = statements.prepare("insert into t values (?)");
              used.add(insert);
              insert.setInt(1, value);
              return insert.executeUpdate();
            });
      }

      assertThat(used).hasSize(3).containsOnly(used.getFirst());
      List<Integer> stored =
          writer.write(dsl -> dsl.fetch("select n from t order by n").getValues(0, Integer.class));
      assertThat(stored).containsExactly(1, 2, 3);
    }
  }

  @Test
  void writeStatements_batchFailingHalfWay_leavesNothingAndNoRowsForTheNextWrite()
      throws Exception {
    try (SqliteWriter writer = writer()) {
      writer.write(dsl -> dsl.execute("create unique index t_n on t (n)"));
      String insert = "insert into t values (?)";

      assertThatThrownBy(
              () ->
                  writer.writeStatements(
                      statements -> {
                        PreparedStatement rows = statements.prepare(insert);
                        for (int n : new int[] {1, 2, 2, 3}) {
                          rows.setInt(1, n);
                          rows.addBatch();
                        }
                        return rows.executeBatch();
                      }))
          .isInstanceOf(DataAccessException.class)
          .hasMessageContaining("UNIQUE");
      writer.writeStatements(
          statements -> {
            PreparedStatement rows = statements.prepare(insert);
            rows.setInt(1, 7);
            rows.addBatch();
            return rows.executeBatch();
          });

      List<Integer> stored =
          writer.write(dsl -> dsl.fetch("select n from t order by n").getValues(0, Integer.class));
      assertThat(stored).containsExactly(7);
    }
  }

  @Test
  void writeStatements_fromManyThreads_commitsEveryRowOnceWithoutBusyErrors() throws Exception {
    try (SqliteWriter writer = writer();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Callable<Object>> writes = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        int thread = i;
        writes.add(
            () -> {
              for (int n = 0; n < 20; n++) {
                int value = thread * 100 + n;
                writer.writeStatements(
                    statements -> {
                      PreparedStatement insert = statements.prepare("insert into t values (?)");
                      insert.setInt(1, value);
                      return insert.executeUpdate();
                    });
              }
              return null;
            });
      }
      for (Future<Object> result : threads.invokeAll(writes)) {
        result.get();
      }

      List<Integer> stored =
          writer.write(dsl -> dsl.fetch("select n from t order by n").getValues(0, Integer.class));
      assertThat(stored).hasSize(1000).doesNotHaveDuplicates();
    }
  }
}
