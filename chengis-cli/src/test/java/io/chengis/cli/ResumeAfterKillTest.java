package io.chengis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildState;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.spi.Approval;
import io.chengis.api.spi.BuildLookup;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.EventReplay;
import io.chengis.cli.fixtures.GatedPipeline;
import io.chengis.cli.fixtures.RequeuedPipeline;
import io.chengis.store.SqlStores;
import io.chengis.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds outlive a process killed with SIGKILL: a build waiting for approval is resumed by {@code
 * chengis approve} in another process (same build, finished stages kept), and a build whose
 * pipeline requeues on crash is resumed by {@code chengis resume}.
 */
class ResumeAfterKillTest {
  private static final OrgId ORG = OrgId.of("default");
  // Long enough that a child starved of CPU (tests share the machine) still renews in time.
  private static final Duration LEASE = Duration.ofSeconds(3);

  @TempDir Path dir;

  private Path database() {
    return dir.resolve("chengis.db");
  }

  private CliOutcome chengis(String... args) {
    return CliOutcome.onDatabase(database(), args);
  }

  private Process runInChild(String pipelineClass, String... extra) throws Exception {
    return CliOutcome.runInChild(
        dir, database(), Map.of("CHENGIS_BUILD_LEASE", LEASE.toString()), pipelineClass, extra);
  }

  private SqlStores open() {
    return SqlStores.sqlite(database(), StoreOptions.defaults().withBuildLease(LEASE));
  }

  private Optional<BuildRecord> find(String job) {
    try (SqlStores stores = open()) {
      return stores.builds().find(BuildLookup.byNumber(ORG, JobId.of(job), 1));
    }
  }

  private BuildRecord build(String job) {
    return find(job).orElseThrow();
  }

  private void awaitState(String job, BuildState state) {
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions() // the child may be creating the database
        .until(
            () -> Files.exists(database()) && find(job).map(b -> b.state() == state).orElse(false));
  }

  /** Kills the child with SIGKILL and waits until its leases have expired. */
  private void kill(Process child, String job) throws InterruptedException {
    child.destroyForcibly();
    child.waitFor();
    BuildRecord left = build(job);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              try (SqlStores stores = open()) {
                return !stores.isRunning(ORG, left.buildId());
              }
            });
  }

  private List<BuildEvent> events(BuildRecord build) {
    try (SqlStores stores = open()) {
      return stores
          .events()
          .replay(new EventReplay(ORG, Optional.of(build.buildId()), Optional.empty(), 1000));
    }
  }

  private static long started(List<BuildEvent> events, String stage) {
    return events.stream()
        .filter(e -> e instanceof BuildEvent.StageStarted started && started.stage().equals(stage))
        .count();
  }

  @Test
  void approve_afterTheProcessWaitingForItWasKilled_resumesTheSameBuildHereToSuccess()
      throws Exception {
    Process child = runInChild(GatedPipeline.class.getName());
    try {
      awaitState("gated", BuildState.WAITING);
      BuildRecord waiting = build("gated");
      kill(child, "gated");
      try (SqlStores stores = open()) {
        assertThat(stores.resumable()).extracting(BuildRecord::buildId).contains(waiting.buildId());
        assertThat(stores.recovered()).isEmpty();
      }

      CliOutcome approve =
          chengis(
              "approve",
              "gated#1",
              "Deploy",
              "--comment",
              "after the crash",
              "--workspace",
              dir.resolve("work").toString());

      assertThat(approve.exitCode()).as(approve.err()).isZero();
      assertThat(approve.out())
          .contains("approve of stage \"Deploy\" recorded for gated #1; its process stopped");
      BuildRecord finished = build("gated");
      assertThat(finished.buildId()).isEqualTo(waiting.buildId());
      assertThat(finished.result().orElseThrow().conclusion().name()).isEqualTo("SUCCESS");
      List<BuildEvent> events = events(finished);
      assertThat(started(events, "Build")).isEqualTo(1);
      assertThat(started(events, "Deploy")).isEqualTo(1);
      assertThat(events).filteredOn(BuildEvent.ApprovalDecided.class::isInstance).hasSize(1);
      assertThat(events.getLast()).isInstanceOf(BuildEvent.BuildFinished.class);
      try (SqlStores stores = open()) {
        Approval gate =
            stores.approvals().find(new BuildRef(ORG, waiting.buildId()), "Deploy").orElseThrow();
        assertThat(gate.state()).isEqualTo(Approval.State.APPROVED);
        assertThat(gate.votes()).singleElement().satisfies(v -> assertThat(v.approve()).isTrue());
      }
      assertThat(chengis("audit", "export").out()).contains("\"action\":\"build.resume\"");
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void reject_afterTheProcessWasKilled_concludesTheBuildWithTheRejection() throws Exception {
    Process child = runInChild(GatedPipeline.class.getName());
    try {
      awaitState("gated", BuildState.WAITING);
      kill(child, "gated");

      CliOutcome reject = chengis("reject", "gated#1", "Deploy", "--comment", "frozen");

      assertThat(reject.exitCode()).isEqualTo(1);
      BuildRecord finished = build("gated");
      assertThat(finished.result().orElseThrow().stages().get(1).reason())
          .hasValueSatisfying(r -> assertThat(r).startsWith("rejected by ").endsWith(": frozen"));
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void resume_requeuedBuildKilledMidStep_runsTheUnfinishedStageAgainAndKeepsTheFinishedOne()
      throws Exception {
    Process child = runInChild(RequeuedPipeline.class.getName(), "--param", "dir=" + dir);
    long stepPid = -1;
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("started")));
      stepPid = Long.parseLong(Files.readString(dir.resolve("step.pid")).strip());
      kill(child, "requeued");
      try (SqlStores stores = open()) {
        assertThat(stores.resumable())
            .singleElement()
            .satisfies(b -> assertThat(b.state()).isEqualTo(BuildState.QUEUED));
      }

      CliOutcome resume =
          chengis("resume", "requeued#1", "--workspace", dir.resolve("work").toString());

      assertThat(resume.exitCode()).as(resume.err() + resume.out()).isZero();
      assertThat(Files.readAllLines(dir.resolve("prepared"))).hasSize(1);
      BuildRecord finished = build("requeued");
      assertThat(finished.result().orElseThrow().conclusion().name()).isEqualTo("SUCCESS");
      List<BuildEvent> events = events(finished);
      assertThat(started(events, "Prepare")).isEqualTo(1);
      assertThat(started(events, "Work")).isEqualTo(2);
      assertThat(events)
          .filteredOn(BuildEvent.Warning.class::isInstance)
          .extracting(e -> ((BuildEvent.Warning) e).message())
          .anySatisfy(m -> assertThat(m).startsWith("requeued:"));
    } finally {
      child.destroyForcibly();
      if (stepPid > 0) {
        ProcessHandle.of(stepPid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }
}
