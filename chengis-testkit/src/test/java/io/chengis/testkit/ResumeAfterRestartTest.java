package io.chengis.testkit;

import static io.chengis.dsl.Conditions.not;
import static io.chengis.dsl.Conditions.onBranch;
import static io.chengis.dsl.Steps.shell;
import static io.chengis.testkit.TestBuild.as;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildState;
import io.chengis.api.EngineException;
import io.chengis.api.OrgId;
import io.chengis.api.Pipeline;
import io.chengis.api.spi.Approval;
import io.chengis.api.spi.ApprovalVote;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildRef;
import io.chengis.dsl.Chengis;
import io.chengis.engine.BuildHandle;
import io.chengis.engine.TriggerRequest;
import io.chengis.engine.memory.InMemoryApprovalStore;
import io.chengis.engine.memory.InMemoryBuildStore;
import io.chengis.engine.memory.InMemoryEventStore;
import io.chengis.engine.memory.InMemoryLogStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A build waiting for approval outlives the engine that ran it: a second engine on the same stores
 * resumes it, counting the votes cast meanwhile and keeping the first deadline, in virtual time.
 */
class ResumeAfterRestartTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final InMemoryBuildStore builds = new InMemoryBuildStore();
  private final InMemoryEventStore events = new InMemoryEventStore();
  private final InMemoryLogStore logs = new InMemoryLogStore();
  private final InMemoryApprovalStore approvals = new InMemoryApprovalStore();
  private final List<TestEngine> engines = new ArrayList<>();

  private final Pipeline release =
      Chengis.pipeline(
          "release",
          p ->
              p.stage("build", s -> s.step("compile", shell("make")))
                  .stage(
                      "deploy",
                      s ->
                          s.approval(
                                  a ->
                                      a.message("Ship?")
                                          .approvers("alice", "bob", "carol")
                                          .minApprovals(2)
                                          .timeout(ofHours(4)))
                              .step("ship", shell("./ship.sh"))));

  private TestEngine engineAt(Instant start) {
    TestEngine engine =
        TestEngine.builder()
            .startAt(start)
            .buildStore(builds)
            .engine(e -> e.eventStore(events).logStore(logs).approvalStore(approvals))
            .build();
    engines.add(engine);
    return engine;
  }

  @AfterEach
  void closeEngines() {
    engines.forEach(TestEngine::close);
  }

  /** Runs the build on a first engine until it waits at the gate with alice's approval. */
  private TestBuild waitingWithOneApproval() {
    TestEngine first = engineAt(T0);
    first.fakes().step("compile").takes(ofMinutes(3));
    TestBuild build = first.start(release).approve("deploy", as("alice"));
    assertThat(build.handle().state()).isEqualTo(BuildState.WAITING);
    // The first engine now "stops": nothing drives it any more.
    return build;
  }

  private BuildRef ref(TestBuild build) {
    return new BuildRef(OrgId.DEFAULT, build.id());
  }

  @Test
  void resume_voteCastWhileNobodyRanIt_completesTheBuildFromTheGateWithoutRerunningStages() {
    TestBuild waiting = waitingWithOneApproval();
    approvals.vote(new ApprovalVote(ref(waiting), "deploy", "bob", true, "", T0.plusSeconds(900)));
    TestEngine second = engineAt(T0.plus(ofHours(1)));
    second.fakes().step("ship").takes(ofMinutes(2));

    TestBuild resumed = second.resume(release, waiting.id()).await();

    assertThat(resumed).conclusion().isSuccess();
    assertThat(resumed.id()).isEqualTo(waiting.id());
    assertThat(resumed.number()).isEqualTo(waiting.number());
    assertThat(second.fakes().invocations()).extracting(Invocation::step).containsExactly("ship");
    assertThat(resumed.result().stages())
        .extracting(s -> s.name())
        .containsExactly("build", "deploy");
    assertThat(resumed.result().stages().getFirst().finishedAt()).contains(T0.plus(ofMinutes(3)));
    assertThat(resumed.result().startedAt()).contains(T0);
    assertThat(resumed.result().finishedAt()).contains(T0.plus(ofHours(1)).plus(ofMinutes(2)));
    List<BuildEvent> stream = second.engine().events(waiting.id());
    assertThat(stream).filteredOn(BuildEvent.BuildStarted.class::isInstance).hasSize(1);
    assertThat(stream).filteredOn(BuildEvent.BuildQueued.class::isInstance).hasSize(1);
    assertThat(stream).filteredOn(BuildEvent.ApprovalRequested.class::isInstance).hasSize(1);
    assertThat(stream)
        .filteredOn(BuildEvent.StageFinished.class::isInstance)
        .extracting(e -> ((BuildEvent.StageFinished) e).result().name())
        .containsExactly("build", "deploy");
    assertThat(stream.getLast()).isInstanceOf(BuildEvent.BuildFinished.class);
    Approval gate = approvals.find(ref(waiting), "deploy").orElseThrow();
    assertThat(gate.state()).isEqualTo(Approval.State.APPROVED);
    assertThat(gate.votes()).extracting(ApprovalVote::voter).containsExactly("alice", "bob");
  }

  @Test
  void resume_stillShortOfApprovals_waitsAndTheNextApprovalOnTheNewEngineCounts() {
    TestBuild waiting = waitingWithOneApproval();
    TestEngine second = engineAt(T0.plus(ofHours(1)));
    second.fakes().step("ship").succeeds();

    TestBuild resumed = second.resume(release, waiting.id()).approve("deploy", as("carol")).await();

    assertThat(resumed).conclusion().isSuccess();
    assertThat(approvals.find(ref(waiting), "deploy").orElseThrow().votes())
        .extracting(ApprovalVote::voter)
        .containsExactly("alice", "carol");
  }

  @Test
  void resume_rejectionCastWhileNobodyRanIt_failsTheStageWithTheReason() {
    TestBuild waiting = waitingWithOneApproval();
    approvals.vote(
        new ApprovalVote(ref(waiting), "deploy", "carol", false, "freeze", T0.plusSeconds(900)));
    TestEngine second = engineAt(T0.plus(ofHours(1)));

    TestBuild resumed = second.resume(release, waiting.id()).await();

    assertThat(resumed).conclusion().isFailure();
    assertThat(resumed).stage("deploy").failed().because("rejected by carol: freeze");
    assertThat(approvals.find(ref(waiting), "deploy").orElseThrow().state())
        .isEqualTo(Approval.State.REJECTED);
  }

  @Test
  void resume_afterTheDeadlinePassed_timesTheGateOutAtOnce() {
    TestBuild waiting = waitingWithOneApproval();
    Instant later = T0.plus(ofHours(5));
    TestEngine second = engineAt(later);

    TestBuild resumed = second.resume(release, waiting.id()).await();

    assertThat(resumed).stage("deploy").failed().because("approval timed out after PT4H");
    assertThat(resumed.result().finishedAt()).contains(later);
    assertThat(approvals.find(ref(waiting), "deploy").orElseThrow().state())
        .isEqualTo(Approval.State.TIMED_OUT);
  }

  @Test
  void resume_beforeTheDeadline_keepsTheFirstDeadlineNotAFreshTimeout() {
    TestBuild waiting = waitingWithOneApproval();
    TestEngine second = engineAt(T0.plus(ofHours(3)));

    TestBuild resumed = second.resume(release, waiting.id()).await();

    assertThat(resumed).stage("deploy").failed().because("approval timed out after PT4H");
    assertThat(resumed.result().finishedAt()).contains(T0.plus(ofMinutes(3)).plus(ofHours(4)));
  }

  @Test
  void close_keepingWaitingBuilds_leavesTheGateOpenForTheNextEngine() throws Exception {
    TestEngine first =
        TestEngine.builder()
            .startAt(T0)
            .buildStore(builds)
            .engine(
                e ->
                    e.eventStore(events)
                        .logStore(logs)
                        .approvalStore(approvals)
                        .keepWaitingBuilds(true))
            .build();
    first.fakes().step("compile").succeeds();
    TestBuild waiting = first.start(release).approve("deploy", as("alice"));

    first.engine().close(); // a planned restart: the engine closes, the build is not cancelled

    assertThat(builds.find(io.chengis.api.spi.BuildLookup.byId(OrgId.DEFAULT, waiting.id())))
        .hasValueSatisfying(b -> assertThat(b.state()).isEqualTo(BuildState.WAITING));
    assertThat(approvals.find(ref(waiting), "deploy").orElseThrow().state())
        .isEqualTo(Approval.State.PENDING);
    TestEngine second = engineAt(T0.plus(ofHours(1)));
    second.fakes().step("ship").succeeds();
    TestBuild resumed = second.resume(release, waiting.id()).approve("deploy", as("bob")).await();
    assertThat(resumed).conclusion().isSuccess();
    try (var files = java.nio.file.Files.walk(first.workspaceRoot())) {
      for (var file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(file);
      }
    }
  }

  @Test
  void resumeRegistered_leftBuilds_resumesThoseOfRegisteredJobsOnly() {
    TestBuild waiting = waitingWithOneApproval();
    approvals.vote(new ApprovalVote(ref(waiting), "deploy", "bob", true, "", T0.plusSeconds(900)));
    BuildRecord left =
        builds.find(io.chengis.api.spi.BuildLookup.byId(OrgId.DEFAULT, waiting.id())).orElseThrow();
    BuildRecord otherJob =
        new BuildRecord(
            OrgId.DEFAULT,
            io.chengis.api.BuildId.generator(() -> T0).next(),
            io.chengis.api.JobId.of("unknown"),
            1,
            1,
            java.util.Optional.empty(),
            BuildState.WAITING,
            java.util.Map.of(),
            T0,
            java.util.Optional.empty());
    TestEngine second = engineAt(T0.plus(ofHours(1)));
    second.fakes().step("ship").succeeds();
    second.engine().register(release);

    List<BuildHandle> resumed = second.engine().resumeRegistered(List.of(otherJob, left));

    assertThat(resumed).extracting(BuildHandle::id).containsExactly(waiting.id());
    assertThat(new TestBuild(second, release, resumed.getFirst()).await()).conclusion().isSuccess();
  }

  @Test
  void resume_buildOfABranch_keepsItsBranchForConditionsAndVariables() {
    Pipeline branched =
        Chengis.pipeline(
            "branched",
            p ->
                p.stage("build", s -> s.when(onBranch("main")).step("compile", shell("make")))
                    .stage(
                        "deploy",
                        s ->
                            s.approval(
                                    a ->
                                        a.approvers("alice", "bob")
                                            .minApprovals(2)
                                            .timeout(ofHours(4)))
                                .step("ship", shell("./ship.sh")))
                    .stage(
                        "announce", s -> s.when(onBranch("main")).step("tell", shell("./tell.sh")))
                    .stage(
                        "preview",
                        s -> s.when(not(onBranch("main"))).step("preview", shell("./preview.sh"))));
    TestEngine first = engineAt(T0);
    first.fakes().step("compile").succeeds();
    TestBuild waiting =
        first
            .start(
                branched,
                TriggerRequest.manual()
                    .withTriggeredBy("alice")
                    .withBranch("main")
                    .withCommit("4f2a9c1e"))
            .approve("deploy", as("alice"));
    assertThat(waiting.handle().state()).isEqualTo(BuildState.WAITING);
    approvals.vote(new ApprovalVote(ref(waiting), "deploy", "bob", true, "", T0.plusSeconds(60)));
    TestEngine second = engineAt(T0.plus(ofHours(1)));
    second.fakes().step("ship").succeeds();
    second.fakes().step("tell").succeeds();
    second.fakes().step("preview").succeeds();

    TestBuild resumed = second.resume(branched, waiting.id()).await();

    assertThat(resumed).conclusion().isSuccess();
    assertThat(resumed).stage("announce").succeeded();
    assertThat(resumed).stage("preview").isSkipped();
    Map<String, String> before = trigger(first.fakes().invocations().getFirst());
    assertThat(before)
        .containsEntry("CHENGIS_BRANCH", "main")
        .containsEntry("CHENGIS_COMMIT", "4f2a9c1e");
    assertThat(second.fakes().invocations())
        .extracting(Invocation::step)
        .containsExactly("ship", "tell");
    assertThat(second.fakes().invocations())
        .allSatisfy(step -> assertThat(trigger(step)).isEqualTo(before));
    assertThat(builds.find(io.chengis.api.spi.BuildLookup.byId(OrgId.DEFAULT, waiting.id())))
        .hasValueSatisfying(
            b -> {
              assertThat(b.branch()).contains("main");
              assertThat(b.triggeredBy()).contains("alice");
            });
  }

  /** The variables a step sees about its build's trigger. */
  private static Map<String, String> trigger(Invocation step) {
    Map<String, String> seen = new TreeMap<>(step.env());
    seen.keySet()
        .retainAll(
            Set.of(
                "CHENGIS_BRANCH",
                "CHENGIS_COMMIT",
                "CHENGIS_BUILD_ID",
                "CHENGIS_BUILD_NUMBER",
                "CHENGIS_JOB"));
    return seen;
  }

  @Test
  void resume_finishedBuild_isRefusedWithItsState() {
    TestEngine only = engineAt(T0);
    only.fakes().step("compile").succeeds();
    only.fakes().step("ship").succeeds();
    TestBuild done =
        only.start(release).approve("deploy", as("alice")).approve("deploy", as("bob")).await();

    assertThatThrownBy(() -> only.engine().resume(release, done.id()))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("(was FINISHED)");
  }
}
