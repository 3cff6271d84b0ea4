package io.chengis.engine;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildState;
import io.chengis.api.Conclusion;
import io.chengis.api.Concurrency;
import io.chengis.api.EngineException;
import io.chengis.api.LogLine;
import io.chengis.api.OrgId;
import io.chengis.api.Outcome;
import io.chengis.api.Pipeline;
import io.chengis.api.Secret;
import io.chengis.api.spi.AuditQuery;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.LogKey;
import io.chengis.api.spi.LogRead;
import io.chengis.api.spi.SecretScope;
import io.chengis.dsl.Chengis;
import io.chengis.engine.memory.InMemoryAuditLog;
import io.chengis.engine.memory.InMemoryLogStore;
import io.chengis.engine.secrets.InMemorySecretVault;
import io.chengis.engine.secrets.LocalSecretBackend;
import io.chengis.engine.secrets.SecretCipher;
import io.chengis.engine.secrets.SecretResolver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Approvals, secrets, stores, build retry and concurrency groups on the real engine. */
class EngineFeaturesTest {
  @TempDir Path root;
  private EngineFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private EngineFixture engine() {
    fixture = new EngineFixture(root);
    return fixture;
  }

  private static Pipeline gated(int minApprovals, Duration timeout) {
    return Chengis.pipeline(
        "gated",
        p ->
            p.stage("build", s -> s.step("compile", shell("echo built")))
                .stage(
                    "deploy",
                    s ->
                        s.approval(
                                a ->
                                    a.message("Ship it?")
                                        .approvers("ana", "bo", "cy")
                                        .roles("release-manager")
                                        .minApprovals(minApprovals)
                                        .timeout(timeout))
                            .step("ship", shell("echo shipped"))));
  }

  private static void awaitState(BuildHandle handle, BuildState state) {
    await().atMost(Duration.ofSeconds(20)).until(() -> handle.state() == state);
  }

  @Test
  void approval_waitsInWaitingState_untilEnoughDistinctApprovers() throws Exception {
    BuildHandle handle =
        engine().engine.trigger(gated(2, Duration.ofMinutes(5)), TriggerRequest.manual());
    awaitState(handle, BuildState.WAITING);

    handle.approve("deploy", Approver.of("ana"), "looks good");
    handle.approve("deploy", Approver.of("ana"), "again");
    assertThat(handle.state()).isEqualTo(BuildState.WAITING);
    handle.approve("deploy", new Approver("dee", Set.of("release-manager")), "");
    EngineFixture.Run run = EngineFixture.finish(handle);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.log("deploy", "ship")).containsExactly("shipped");
    assertThat(run.events(BuildEvent.ApprovalRequested.class))
        .singleElement()
        .satisfies(e -> assertThat(e.minApprovals()).isEqualTo(2));
    assertThat(run.events(BuildEvent.ApprovalDecided.class))
        .extracting(BuildEvent.ApprovalDecided::approver)
        .containsExactly("ana", "ana", "dee");
    assertThat(run.events(BuildEvent.BuildWaiting.class))
        .extracting(BuildEvent.BuildWaiting::message)
        .containsExactly("Ship it?");
  }

  @Test
  void approval_rejected_failsTheStageWithTheRejection() throws Exception {
    BuildHandle handle =
        engine().engine.trigger(gated(1, Duration.ofMinutes(5)), TriggerRequest.manual());
    awaitState(handle, BuildState.WAITING);

    handle.reject("deploy", Approver.of("bo"), "not on a Friday");
    EngineFixture.Run run = EngineFixture.finish(handle);

    assertThat(run.stage("deploy").outcome()).isEqualTo(Outcome.FAILURE);
    assertThat(run.stage("deploy").reason()).contains("rejected by bo: not on a Friday");
    assertThat(run.step("deploy", "ship").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
  }

  @Test
  void approval_timeout_failsTheStage() throws Exception {
    EngineFixture.Run run = engine().run(gated(1, Duration.ofMillis(300)));

    assertThat(run.stage("deploy").outcome()).isEqualTo(Outcome.FAILURE);
    assertThat(run.stage("deploy").reason()).contains("approval timed out after PT0.3S");
  }

  @Test
  void approval_byAnIneligiblePersonOrForAStageThatIsNotWaiting_isRefused() throws Exception {
    BuildHandle handle =
        engine().engine.trigger(gated(1, Duration.ofMinutes(5)), TriggerRequest.manual());
    awaitState(handle, BuildState.WAITING);

    assertThatThrownBy(() -> handle.approve("deploy", Approver.of("mallory"), ""))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining(
            "mallory may not decide on stage \"deploy\" (was roles []); ask one of [ana, bo, cy] or someone with a role in [release-manager]");
    assertThatThrownBy(() -> handle.approve("build", Approver.of("ana"), ""))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("no approval is pending for stage \"build\" (pending: [deploy])");
    handle.cancel("test over");
    EngineFixture.Run run = EngineFixture.finish(handle);
    assertThat(run.result().conclusion()).isEqualTo(Conclusion.CANCELLED);
  }

  private SecretResolver secrets(InMemoryAuditLog audit, String name, String value) {
    String masterKey = Base64.getEncoder().encodeToString(new byte[32]);
    LocalSecretBackend local =
        LocalSecretBackend.of(
            SecretCipher.of("k1", Secret.of(masterKey)), new InMemorySecretVault());
    local.put(new SecretScope.Global(), name, Secret.of(value));
    return SecretResolver.builder()
        .backend("local", local)
        .auditLog(audit)
        .clock(InstantSource.system())
        .build();
  }

  @Test
  void secrets_reachStepsAsEnvironment_areMaskedInLogs_andEveryReadIsAudited() throws Exception {
    InMemoryAuditLog audit = new InMemoryAuditLog();
    InMemoryLogStore logs = new InMemoryLogStore();
    fixture =
        new EngineFixture(
            root,
            ChengisEngine.builder()
                .secrets(secrets(audit, "DEPLOY_TOKEN", "tok-3f9a7c"))
                .logStore(logs));
    Pipeline pipeline =
        Chengis.pipeline(
            "secret",
            p ->
                p.stage(
                    "use",
                    s ->
                        s.step(
                            "print",
                            shell("echo token=$TOKEN; printf %s \"$TOKEN\" | base64"),
                            st -> st.env("TOKEN", "${{ secrets.DEPLOY_TOKEN }}"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.log("use", "print")).containsExactly("token=***", "***");
    assertThat(stored(logs, run, "use", "print")).containsExactly("token=***", "***");
    assertThat(audit.read(new AuditQuery(OrgId.DEFAULT, 0, 100)))
        .singleElement()
        .satisfies(entry -> assertThat(entry.toString()).doesNotContain("tok-3f9a7c"));
    assertThat(run.events().toString()).doesNotContain("tok-3f9a7c");
  }

  @Test
  void secrets_missingSecret_failsTheStepWithoutRunningIt() throws Exception {
    fixture =
        new EngineFixture(
            root, ChengisEngine.builder().secrets(secrets(new InMemoryAuditLog(), "OTHER", "x")));
    Pipeline pipeline =
        Chengis.pipeline(
            "missing-secret",
            p ->
                p.stage(
                    "use",
                    s ->
                        s.step(
                            "print",
                            shell("touch ../ran"),
                            st -> st.env("T", "${{ secrets.NOPE }}"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.step("use", "print").outcome()).isEqualTo(Outcome.FAILURE);
    assertThat(run.step("use", "print").reason())
        .hasValueSatisfying(
            r -> assertThat(r).contains("refers to secret NOPE, which no backend holds"));
    assertThat(root.resolve("missing-secret/ran")).doesNotExist();
  }

  @Test
  void templates_thatDoNotParse_andSecretsWithoutBackends_areRefusedAtTrigger() {
    Pipeline pipeline =
        Chengis.pipeline(
            "templates",
            p ->
                p.env("OS", "${{ matrix.os == }}")
                    .stage(
                        "s",
                        s -> s.step("x", shell("true"), st -> st.env("T", "${{ secrets.T }}"))));

    assertThatThrownBy(() -> engine().engine.trigger(pipeline, TriggerRequest.manual()))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining(
            "environment variable OS: column 17: operator '==' needs a value on its right")
        .hasMessageMatching(
            "(?s).*EngineFeaturesTest\\.java:\\d+: pipeline \"templates\" environment variable OS.*")
        .hasMessageContaining("refers to secrets, but the engine has no secret backends");
  }

  @Test
  void store_keepsBuildRecordsAndEventsThatReplayFromACursor() throws Exception {
    EngineFixture.Run run =
        engine()
            .run(Chengis.pipeline("stored", p -> p.stage("s", s -> s.step("x", shell("echo hi")))));

    var record = fixture.engine.find(run.handle().id()).orElseThrow();
    assertThat(record.state()).isEqualTo(BuildState.FINISHED);
    assertThat(record.result()).contains(run.result());
    List<BuildEvent> all = fixture.engine.events(run.handle().id(), Optional.empty(), 1000);
    assertThat(all).isEqualTo(run.events());
    assertThat(fixture.engine.events(run.handle().id())).isEqualTo(run.events());
    List<BuildEvent> afterThird =
        fixture.engine.events(run.handle().id(), Optional.of(all.get(2).id()), 1000);
    assertThat(afterThird).isEqualTo(all.subList(3, all.size()));
  }

  @Test
  void retry_isANewBuildLinkedToItsParent_andCanResumeFromTheFirstFailedStage() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "flaky-build",
            p ->
                p.stage("prepare", s -> s.step("count", shell("echo x >> ../prepared")))
                    .stage("test", s -> s.step("flaky", shell("[ -f ../fixed ]")))
                    .stage("package", s -> s.step("zip", shell("echo packaged"))));
    EngineFixture.Run first = engine().run(pipeline);
    assertThat(first.result().conclusion()).isEqualTo(Conclusion.FAILURE);
    Files.writeString(root.resolve("flaky-build/fixed"), "");

    EngineFixture.Run second =
        EngineFixture.finish(fixture.engine.retry(pipeline, first.handle().id(), true));
    EngineFixture.Run third =
        EngineFixture.finish(fixture.engine.retry(pipeline, second.handle().id(), false));

    assertThat(second.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(second.result().attempt()).isEqualTo(2);
    assertThat(second.result().rootBuildId()).contains(first.handle().id());
    assertThat(second.stage("prepare")).isEqualTo(first.stage("prepare"));
    assertThat(third.result().attempt()).isEqualTo(3);
    assertThat(third.result().rootBuildId()).contains(first.handle().id());
    assertThat(Files.readAllLines(root.resolve("flaky-build/prepared"))).hasSize(2);
  }

  @Test
  void concurrencyGroup_queue_runsBuildsOfOneKeyOneAtATime() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "deploy",
            p ->
                p.concurrency("deploy-prod")
                    .stage(
                        "s",
                        s ->
                            s.step(
                                "exclusive",
                                shell(
                                    "[ ! -f ../../lock ] && touch ../../lock && sleep 0.3 && rm ../../lock"))));
    BuildHandle first = engine().engine.trigger(pipeline, TriggerRequest.manual());
    BuildHandle second = fixture.engine.trigger(pipeline, TriggerRequest.manual());

    assertThat(EngineFixture.finish(first).result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(EngineFixture.finish(second).result().conclusion()).isEqualTo(Conclusion.SUCCESS);
  }

  @Test
  void concurrencyGroup_cancelRunning_cancelsTheOlderBuild() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "preview",
            p ->
                p.concurrency("preview-env", Concurrency.OnConflict.CANCEL_RUNNING)
                    .stage(
                        "s",
                        s ->
                            s.step(
                                "deploy",
                                shell("touch ../started-$CHENGIS_BUILD_NUMBER; sleep 30"))));
    BuildHandle first = engine().engine.trigger(pipeline, TriggerRequest.manual());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Files.exists(root.resolve("preview/started-1")));

    BuildHandle second = fixture.engine.trigger(pipeline, TriggerRequest.manual());

    EngineFixture.Run older = EngineFixture.finish(first);
    assertThat(older.result().conclusion()).isEqualTo(Conclusion.CANCELLED);
    assertThat(older.result().reason())
        .hasValueSatisfying(
            r -> assertThat(r).contains("superseded by build #2 of group preview-env"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Files.exists(root.resolve("preview/started-2")));
    second.cancel("test over");
    assertThat(EngineFixture.finish(second).result().conclusion()).isEqualTo(Conclusion.CANCELLED);
  }

  @Test
  void jobs_registeredPipelinesAreTriggeredByJobId_unknownJobsListTheRegisteredOnes()
      throws Exception {
    Pipeline pipeline =
        Chengis.pipeline("nightly", p -> p.stage("s", s -> s.step("x", shell("true"))));
    io.chengis.api.JobId job = engine().engine.register(pipeline);

    EngineFixture.Run run =
        EngineFixture.finish(fixture.engine.trigger(job, TriggerRequest.manual()));

    assertThat(run.result().jobId()).isEqualTo(job);
    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThatThrownBy(
            () ->
                fixture.engine.trigger(io.chengis.api.JobId.of("weekly"), TriggerRequest.manual()))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining(
            "job \"weekly\" because it is not registered (registered: [nightly])");
  }

  @Test
  void executorThatThrows_failsTheStepWithTheReason_andNoExitCode() throws Exception {
    fixture =
        new EngineFixture(
            root,
            ChengisEngine.builder()
                .executor(
                    "broken",
                    context -> {
                      throw new IllegalStateException("device not ready");
                    }));
    Pipeline pipeline =
        Chengis.pipeline(
            "plugin-step",
            p ->
                p.stage(
                    "s",
                    s -> s.step("x", io.chengis.dsl.Steps.plugin("broken", java.util.Map.of()))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.step("s", "x").outcome()).isEqualTo(Outcome.FAILURE);
    assertThat(run.step("s", "x").exitCode()).isEmpty();
    assertThat(run.step("s", "x").reason())
        .contains("the broken executor failed: java.lang.IllegalStateException: device not ready");
  }

  /**
   * Captured output from the process's bytes to the packed in-memory log store: plain ASCII reads
   * and reads with other characters, malformed UTF-8, every terminator and lines cut at 64 KiB come
   * back as the lines the output holds.
   */
  @Test
  void step_mixedOutput_reachesEventsAndLogStoreLineForLine() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      String line = i % 700 == 0 ? i + " caf\u00e9 \u4e2d\u6587 \ud83d\ude00" : i + " plain text";
      output.writeBytes(line.getBytes(StandardCharsets.UTF_8));
      output.writeBytes(
          i % 3 == 0
              ? new byte[] {'\r', '\n'}
              : i % 5 == 0
                  ? "\r".getBytes(StandardCharsets.UTF_8)
                  : "\n".getBytes(StandardCharsets.UTF_8));
      expected.add(line);
    }
    output.writeBytes(new byte[] {'b', 'a', 'd', (byte) 0xFF, (byte) 0xC3, '\n'});
    expected.add("bad\ufffd\ufffd");
    output.writeBytes(new byte[] {'o', 'k', '\n'});
    expected.add("ok");
    output.writeBytes(("a".repeat(70_000) + "\n").getBytes(StandardCharsets.UTF_8));
    expected.add("a".repeat(65_536));
    expected.add("a".repeat(70_000 - 65_536));
    output.writeBytes(("\u00e9".repeat(40_000) + "\n").getBytes(StandardCharsets.UTF_8));
    expected.add("\u00e9".repeat(32_768));
    expected.add("\u00e9".repeat(40_000 - 32_768));
    output.writeBytes("last, without terminator".getBytes(StandardCharsets.UTF_8));
    expected.add("last, without terminator");
    Path file = root.resolve("output.bin");
    Files.write(file, output.toByteArray());
    InMemoryLogStore logs = new InMemoryLogStore();
    fixture = new EngineFixture(root.resolve("ws"), ChengisEngine.builder().logStore(logs));
    Pipeline pipeline =
        Chengis.pipeline(
            "output", p -> p.stage("print", s -> s.step("cat", shell("cat '" + file + "'"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.log("print", "cat")).isEqualTo(expected);
    assertThat(stored(logs, run, "print", "cat")).isEqualTo(expected);
  }

  /** The texts of a step's lines as the log store holds them. */
  private static List<String> stored(
      InMemoryLogStore logs, EngineFixture.Run run, String stage, String step) {
    return logs
        .read(
            new LogRead(
                new LogKey(new BuildRef(OrgId.DEFAULT, run.handle().id()), stage, step),
                0,
                1_000_000))
        .lines()
        .stream()
        .map(LogLine::text)
        .toList();
  }
}
