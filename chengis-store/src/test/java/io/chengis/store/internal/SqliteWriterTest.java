package io.chengis.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
}
