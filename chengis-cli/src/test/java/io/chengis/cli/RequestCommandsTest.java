package io.chengis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chengis.api.BuildState;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.spi.BuildLookup;
import io.chengis.cli.fixtures.GatedPipeline;
import io.chengis.cli.fixtures.SlowPipeline;
import io.chengis.store.SqlStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chengis approve|reject|cancel} reach a build that another process runs: the build runs in
 * a child JVM, the request is sent from this one.
 */
class RequestCommandsTest {
  @TempDir Path dir;

  private Path database() {
    return dir.resolve("chengis.db");
  }

  private CliOutcome chengis(String... args) {
    return CliOutcome.onDatabase(database(), args);
  }

  private Process runInChild(String pipelineClass, String... extra) throws Exception {
    return CliOutcome.runInChild(dir, database(), Map.of(), pipelineClass, extra);
  }

  private void awaitState(String job, BuildState state) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              if (!Files.exists(database())) {
                return false;
              }
              try (SqlStores stores = SqlStores.sqlite(database())) {
                return stores
                    .builds()
                    .find(BuildLookup.byNumber(OrgId.of("default"), JobId.of(job), 1))
                    .map(build -> build.state() == state)
                    .orElse(false);
              }
            });
  }

  @Test
  void approve_waitingStageOfABuildInAnotherProcess_resumesItToSuccess() throws Exception {
    Process child = runInChild(GatedPipeline.class.getName());
    try {
      awaitState("gated", BuildState.WAITING);

      CliOutcome approve = chengis("approve", "gated#1", "Deploy", "--comment", "looks good");

      assertThat(approve.exitCode()).as(approve.err()).isZero();
      assertThat(approve.out()).contains("approve of stage \"Deploy\" applied to gated #1");
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isZero();
      assertThat(chengis("show", "gated#1").out()).contains("conclusion: SUCCESS");
      assertThat(chengis("audit", "export").out()).contains("\"action\":\"build.approve\"");
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void reject_waitingStage_failsTheBuild() throws Exception {
    Process child = runInChild(GatedPipeline.class.getName());
    try {
      awaitState("gated", BuildState.WAITING);

      CliOutcome reject = chengis("reject", "gated#1", "Deploy", "--comment", "not today");

      assertThat(reject.exitCode()).as(reject.err()).isZero();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isEqualTo(1);
      assertThat(chengis("show", "gated#1").out()).contains("conclusion: FAILURE");
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void cancel_runningBuildOfAnotherProcess_cancelsItAndRunsItsPostActions() throws Exception {
    Process child = runInChild(SlowPipeline.class.getName(), "--param", "dir=" + dir);
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("started")));
      awaitState("slow", BuildState.RUNNING);

      CliOutcome cancel = chengis("cancel", "slow#1", "--reason", "wrong branch");

      assertThat(cancel.exitCode()).as(cancel.err()).isZero();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(chengis("show", "slow#1").out()).contains("conclusion: CANCELLED");
      assertThat(dir.resolve("post-cancel")).exists();
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void cancel_finishedBuild_isRefusedWithItsConclusion() throws Exception {
    Process child = runInChild(GatedPipeline.class.getName());
    try {
      awaitState("gated", BuildState.WAITING);
      chengis("approve", "gated#1", "Deploy");
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

      CliOutcome cancel = chengis("cancel", "gated#1");

      assertThat(cancel.exitCode()).isEqualTo(2);
      assertThat(cancel.err())
          .contains("build gated #1 has finished (was SUCCESS); only a running or waiting build");
    } finally {
      child.destroyForcibly();
    }
  }
}
