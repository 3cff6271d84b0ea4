package io.chengis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chengis.api.BuildState;
import io.chengis.api.Conclusion;
import io.chengis.api.JobId;
import io.chengis.api.LogLine;
import io.chengis.api.OrgId;
import io.chengis.api.spi.BuildQuery;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.JobRef;
import io.chengis.api.spi.LogKey;
import io.chengis.api.spi.LogRead;
import io.chengis.cli.fixtures.ChattyPipeline;
import io.chengis.store.SqlStores;
import io.chengis.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reliability test of the persistence issue: a build runs in a child JVM, which is killed with
 * SIGKILL mid-step; the next open of the database concludes the build with a reason, and every log
 * line stored before the kill is still there.
 */
class KillRecoveryTest {
  private static final JobRef JOB = new JobRef(OrgId.of("default"), JobId.of("chatty"));
  private static final Duration LEASE = Duration.ofSeconds(3);

  @TempDir Path dir;

  @Test
  void sigkill_midStep_nextOpenConcludesTheBuildAndKeepsItsStoredLines() throws Exception {
    Path database = dir.resolve("chengis.db");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder child =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "run",
                    "--class",
                    ChattyPipeline.class.getName(),
                    "--param",
                    "dir=" + dir,
                    "--workspace",
                    dir.resolve("work").toString(),
                    "--db",
                    database.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("output.txt").toFile());
    child.environment().put("CHENGIS_BUILD_LEASE", LEASE.toString());
    Process cli = child.start();
    long stepPid = -1;
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("started")));
      stepPid = Long.parseLong(Files.readString(dir.resolve("step.pid")).strip());
      StoreOptions options = StoreOptions.defaults().withBuildLease(LEASE);
      AtomicReference<BuildRecord> running = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                try (SqlStores stores = SqlStores.sqlite(database, options)) {
                  List<BuildRecord> builds =
                      stores.builds().list(new BuildQuery(JOB, Optional.empty(), 10)).items();
                  if (builds.isEmpty()) {
                    return false;
                  }
                  running.set(builds.getFirst());
                  return lines(stores, builds.getFirst()).size() == 3;
                }
              });
      assertThat(running.get().state()).isEqualTo(BuildState.RUNNING);

      cli.destroyForcibly();
      cli.waitFor();

      AtomicReference<List<BuildRecord>> recovered = new AtomicReference<>(List.of());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                try (SqlStores stores = SqlStores.sqlite(database, options)) {
                  recovered.set(stores.recovered());
                  return !stores.recovered().isEmpty();
                }
              });
      BuildRecord concluded = recovered.get().getFirst();
      assertThat(concluded.buildId()).isEqualTo(running.get().buildId());
      assertThat(concluded.result().orElseThrow().conclusion()).isEqualTo(Conclusion.FAILURE);
      assertThat(concluded.result().orElseThrow().reason())
          .hasValueSatisfying(
              reason -> assertThat(reason).contains("stopped while it was running"));
      try (SqlStores stores = SqlStores.sqlite(database, options)) {
        assertThat(lines(stores, concluded)).containsExactly("line-1", "line-2", "line-3");
        assertThat(stores.recovered()).isEmpty();
      }
    } finally {
      cli.destroyForcibly();
      if (stepPid > 0) {
        ProcessHandle.of(stepPid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  private static List<String> lines(SqlStores stores, BuildRecord build) {
    LogKey key = new LogKey(new BuildRef(JOB.org(), build.buildId()), "Talk", "Chat");
    return stores.logs().read(new LogRead(key, 0, 100)).lines().stream()
        .map(LogLine::text)
        .toList();
  }
}
