package io.chengis.store;

import static io.chengis.testkit.contract.StoreFixtures.ACME;
import static io.chengis.testkit.contract.StoreFixtures.T0;
import static io.chengis.testkit.contract.StoreFixtures.buildRef;
import static io.chengis.testkit.contract.StoreFixtures.concurrently;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildId;
import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.LogChunk;
import io.chengis.api.spi.LogKey;
import io.chengis.api.spi.LogRead;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Log appends on SQLite go through statements prepared once on the writer's connection (decision
 * 54): an append returns only once its chunk is committed to the file — another connection sees it,
 * and a process killed with SIGKILL right after loses none of the lines it was told are stored —
 * and appends from many threads at once all land, in order, without {@code SQLITE_BUSY}.
 */
class LogAppendDurabilityTest {
  private static LogChunk line(LogKey key, long offset, String text) {
    return new LogChunk(key, offset, List.of(new LogLine(T0, LogStream.STDOUT, text)));
  }

  private static long linesInFile(Path file, LogKey key) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement count =
            connection.prepareStatement(
                "select coalesce(sum(line_count), 0) from chengis_log_chunks"
                    + " where build_id = ? and step = ?")) {
      count.setString(1, key.build().buildId().value());
      count.setString(2, key.step());
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  @Test
  void append_returned_theChunkIsCommittedForAnotherConnection() throws Exception {
    Path file = TestDatabases.sqliteFile();
    LogKey key = new LogKey(buildRef(ACME), "build", "compile");
    try (SqlStores stores = SqlStores.sqlite(file)) {
      for (int n = 0; n < 20; n++) {
        stores.logs().append(line(key, n, "line " + n));

        assertThat(linesInFile(file, key)).isEqualTo(n + 1);
      }
    }
  }

  @Test
  void append_processKilledRightAfter_everyAcknowledgedLineIsInTheFile() throws Exception {
    Path file = TestDatabases.sqliteFile();
    BuildId build = buildRef(ACME).buildId();
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Appender.class.getName(),
                file.toString(),
                build.value())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    long acknowledged = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String said; acknowledged < 300 && (said = out.readLine()) != null; ) {
        acknowledged = Long.parseLong(said);
      }
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(acknowledged).isEqualTo(300);
    LogKey key = new LogKey(new BuildRef(ACME, build), "build", "compile");
    try (SqlStores stores = SqlStores.sqlite(file)) {
      List<LogLine> stored = stores.logs().read(new LogRead(key, 0, 10_000)).lines();
      assertThat(stored.size()).isGreaterThanOrEqualTo((int) acknowledged);
      for (int n = 0; n < stored.size(); n++) {
        assertThat(stored.get(n).text()).isEqualTo("line " + n);
      }
    }
  }

  @Test
  void append_fiftyStepsAtOnce_everyLogCompleteAndInOrder() throws Exception {
    BuildRef build = buildRef(ACME);
    try (SqlStores stores = SqlStores.sqlite(TestDatabases.sqliteFile())) {
      List<Callable<Void>> steps = new ArrayList<>();
      for (int s = 0; s < 50; s++) {
        LogKey key = new LogKey(build, "build", "step-" + s);
        steps.add(
            () -> {
              for (int n = 0; n < 40; n++) {
                stores.logs().append(line(key, n, key.step() + " line " + n));
              }
              return null;
            });
      }
      concurrently(steps);

      for (int s = 0; s < 50; s++) {
        LogKey key = new LogKey(build, "build", "step-" + s);
        List<String> texts =
            stores.logs().read(new LogRead(key, 0, 1000)).lines().stream()
                .map(LogLine::text)
                .toList();
        List<String> expected = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
          expected.add(key.step() + " line " + n);
        }
        assertThat(texts).containsExactlyElementsOf(expected);
      }
    }
  }

  /**
   * The child of the kill test: appends one line at a time and prints how many lines are stored
   * after each append returns, until it is killed.
   */
  static final class Appender {
    private Appender() {}

    /**
     * Appends until killed.
     *
     * @param args the database file and the build id
     */
    public static void main(String[] args) {
      LogKey key = new LogKey(new BuildRef(ACME, BuildId.of(args[1])), "build", "compile");
      try (SqlStores stores = SqlStores.sqlite(Path.of(args[0]))) {
        for (long n = 0; ; n++) {
          stores.logs().append(line(key, n, "line " + n));
          System.out.println(n + 1);
          System.out.flush();
        }
      }
    }
  }
}
