package io.chengis.docker;

import static io.chengis.docker.ContainerEngine.IMAGE;
import static io.chengis.dsl.Containers.image;
import static io.chengis.dsl.Steps.container;
import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import io.chengis.api.BuildEvent;
import io.chengis.api.Conclusion;
import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.OrgId;
import io.chengis.api.Outcome;
import io.chengis.api.Pipeline;
import io.chengis.api.PullPolicy;
import io.chengis.api.StepResult;
import io.chengis.docker.internal.Docker;
import io.chengis.dsl.Chengis;
import io.chengis.engine.BuildHandle;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.TriggerRequest;
import io.chengis.engine.memory.InMemoryAuditLog;
import io.chengis.engine.secrets.EnvSecretBackend;
import io.chengis.engine.secrets.SecretResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("container")
@ExtendWith(ContainerEngine.class)
class ContainerStepsTest {
  @TempDir static Path root;
  private static Builds builds;
  private static DockerClient docker;

  @BeforeAll
  static void engine() {
    builds = new Builds(root);
    docker = Docker.connect(ContainerEngine.executor().host());
  }

  @AfterAll
  static void close() throws Exception {
    if (builds != null) {
      builds.close();
      docker.close();
    }
  }

  private static Pipeline oneStep(String command) {
    return Chengis.pipeline(
        "one", p -> p.stage("run", s -> s.step("step", container(IMAGE, command))));
  }

  private static List<String> containersOf(String build) {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(DockerExecutor.BUILD_LABEL, build))
        .exec()
        .stream()
        .map(c -> c.getId())
        .toList();
  }

  @Test
  void containerStep_exitCodes_comeFromTheContainer_andTheContainerIsRemoved() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "exits",
            p ->
                p.stage(
                    "run",
                    s ->
                        s.parallel()
                            .step("ok", container(IMAGE, "true"))
                            .step("three", container(IMAGE, "exit 3"))
                            .step("killed", container(IMAGE, "sh -c 'kill -9 $$'; exit $?"))));

    Builds.Run run = builds.run(pipeline);

    assertThat(run.step("run", "ok").outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(run.step("run", "ok").exitCode()).contains(0);
    assertThat(run.step("run", "three").outcome()).isEqualTo(Outcome.FAILURE);
    assertThat(run.step("run", "three").exitCode()).contains(3);
    assertThat(run.step("run", "killed").exitCode()).contains(137);
    assertThat(containersOf(run.result().buildId().toString())).isEmpty();
  }

  @Test
  void output_isStreamedLineByLine_perStream_andSecretsAreMasked() throws Exception {
    SecretResolver secrets =
        SecretResolver.builder()
            .backend("env", EnvSecretBackend.of(Map.of("CHENGIS_SECRET_TOKEN", "tok-9f8e7d")))
            .auditLog(new InMemoryAuditLog())
            .clock(InstantSource.system())
            .build();
    Pipeline pipeline =
        Chengis.pipeline(
            "stream",
            p ->
                p.stage(
                    "run",
                    s ->
                        s.step(
                            "talk",
                            container(
                                IMAGE,
                                "echo one; echo two >&2; printf 'partial'; echo; echo \"token"
                                    + " $TOKEN\"; printf 'no newline at the end'"),
                            st -> st.env("TOKEN", "${{ secrets.TOKEN }}"))));
    try (Builds masked =
        new Builds(root.resolve("masked"), ChengisEngine.builder().secrets(secrets))) {
      Builds.Run run = masked.run(pipeline);

      assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
      List<LogLine> lines = run.lines("talk");
      assertThat(lines.stream().filter(l -> l.stream() == LogStream.STDOUT).map(LogLine::text))
          .containsExactly("one", "partial", "token ***", "no newline at the end");
      assertThat(lines.stream().filter(l -> l.stream() == LogStream.STDERR).map(LogLine::text))
          .containsExactly("two");
      assertThat(run.events().toString()).doesNotContain("tok-9f8e7d");
    }
  }

  @Test
  void workspace_isMountedAtWorkspace_filesAreVisibleOnTheHost_andOutputsAreRead()
      throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "files",
            p ->
                p.stage(
                    "run",
                    s ->
                        s.step("prepare", shell("mkdir -p sub && echo from-host > sub/in.txt"))
                            .step(
                                "write",
                                container(
                                    IMAGE,
                                    "pwd; cat in.txt; echo from-container > out.txt;"
                                        + " echo answer=42 >> \"$CHENGIS_OUTPUT\"; echo"
                                        + " $CHENGIS_WORKSPACE"),
                                st -> st.workingDir("sub").outputs("answer"))));

    Builds.Run run = builds.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.text("write")).containsExactly("/workspace/sub", "from-host", "/workspace");
    Path workspace = root.resolve("files").resolve(Long.toString(run.number()));
    assertThat(workspace.resolve("sub/out.txt"))
        .content()
        .isEqualToIgnoringNewLines("from-container");
    assertThat(run.step("run", "write").outputs()).containsEntry("answer", "42");
  }

  @Test
  void environment_layersPipelineStageStepAndContainer_butNotTheHost() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "env",
            p ->
                p.env("LAYER", "pipeline")
                    .env("FROM_PIPELINE", "p")
                    .stage(
                        "run",
                        s ->
                            s.env("FROM_STAGE", "s")
                                .step(
                                    "show",
                                    container(
                                        image(IMAGE)
                                            .env("FROM_CONTAINER", "c")
                                            .env("LAYER", "container"),
                                        "echo $LAYER $FROM_PIPELINE $FROM_STAGE $FROM_STEP"
                                            + " $FROM_CONTAINER host=${HOST_ONLY:-unset}"
                                            + " ci=$CI job=$CHENGIS_JOB"),
                                    st -> st.env("FROM_STEP", "t"))));

    Builds.Run run = builds.run(pipeline);

    assertThat(run.text("show")).containsExactly("pipeline p s t c host=unset ci=true job=env");
  }

  @Test
  void nearestContainer_wins_stepOverStageOverPipeline() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "nearest",
            p ->
                p.container(image(IMAGE).env("WHERE", "pipeline"))
                    .stage("plain", s -> s.step("a", shell("echo $WHERE")))
                    .stage(
                        "staged",
                        s ->
                            s.container(image(IMAGE).env("WHERE", "stage"))
                                .step("b", shell("echo $WHERE"))
                                .step(
                                    "c",
                                    container(image(IMAGE).env("WHERE", "step"), "echo $WHERE"))));

    Builds.Run run = builds.run(pipeline);

    assertThat(run.text("a")).containsExactly("pipeline");
    assertThat(run.text("b")).containsExactly("stage");
    assertThat(run.text("c")).containsExactly("step");
  }

  @Test
  void user_limits_andBindMounts_areApplied() throws Exception {
    Path shared = Files.createDirectories(root.resolve("shared-dir"));
    Files.writeString(shared.resolve("data.txt"), "mounted\n");
    try (DockerExecutor withRoot =
            DockerExecutor.builder()
                .instance("chengis-tests-roots")
                .allowMountRoot(shared)
                .build();
        Builds rooted = new Builds(root.resolve("rooted"), ChengisEngine.builder(), withRoot)) {
      Pipeline pipeline =
          Chengis.pipeline(
              "settings",
              p ->
                  p.stage(
                      "run",
                      s ->
                          s.step(
                              "show",
                              container(
                                  image(IMAGE)
                                      .user("65534:65534")
                                      .memoryBytes(64L * 1024 * 1024)
                                      .cpus(0.5)
                                      .volume(shared + ":/data:ro"),
                                  "id -u; cat /sys/fs/cgroup/memory/memory.limit_in_bytes"
                                      + " /sys/fs/cgroup/cpu/cpu.cfs_quota_us 2>/dev/null"
                                      + " || cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/cpu.max;"
                                      + " cat /data/data.txt; touch /data/x 2>/dev/null || echo"
                                      + " read-only"))));

      Builds.Run run = rooted.run(pipeline);

      assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
      assertThat(run.text("show")).first().isEqualTo("65534");
      assertThat(run.text("show")).contains("67108864", "mounted", "read-only");
      assertThat(String.join(" ", run.text("show"))).containsAnyOf("50000", "50000 100000");
    }
  }

  @Test
  void extraArgs_likeGithubContainerOptions_areReadAsData_andUnknownOnesRefused() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "options",
            p ->
                p.stage(
                    "run",
                    s ->
                        s.step(
                                "known",
                                container(
                                    image(IMAGE)
                                        .extraArgs("--user", "65534", "-e", "OPT=from-options"),
                                    "id -u; echo $OPT"))
                            .step(
                                "unknown",
                                container(image(IMAGE).extraArgs("--privileged"), "true"),
                                st -> st.continueOnError())));

    Builds.Run run = builds.run(pipeline);

    assertThat(run.text("known")).containsExactly("65534", "from-options");
    assertThat(run.step("run", "unknown").reason().orElseThrow())
        .contains("container option \"--privileged\" is not supported");
  }

  @Test
  void bindMount_outsideTheAllowedRoots_failsTheStep_withTheFix() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "escape",
            p ->
                p.stage(
                    "run",
                    s -> s.step("peek", container(image(IMAGE).volume("/etc:/host-etc"), "true"))));

    Builds.Run run = builds.run(pipeline);

    StepResult peek = run.step("run", "peek");
    assertThat(peek.outcome()).isEqualTo(Outcome.FAILURE);
    assertThat(peek.reason().orElseThrow())
        .contains("volume host path /etc is outside the allowed roots")
        .contains("allowMountRoot");
  }

  @Test
  void cacheVolume_persistsAcrossBuilds() throws Exception {
    String name = "chengis-test-" + Long.toString(System.nanoTime(), 36);
    Pipeline pipeline =
        Chengis.pipeline(
            "cache",
            p ->
                p.stage(
                    "run",
                    s ->
                        s.step(
                            "count",
                            container(
                                image(IMAGE).cacheVolume(name, "/cache"),
                                "n=$(cat /cache/n 2>/dev/null || echo 0); n=$((n+1)); echo $n >"
                                    + " /cache/n; echo build $n"))));
    try {
      assertThat(builds.run(pipeline).text("count")).containsExactly("build 1");
      assertThat(builds.run(pipeline).text("count")).containsExactly("build 2");
    } finally {
      docker.removeVolumeCmd("chengis-cache-" + name).exec();
    }
  }

  @Test
  void timeout_killsAndRemovesTheContainer() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "slow",
            p ->
                p.stage(
                    "run",
                    s ->
                        s.step(
                            "sleep",
                            container(IMAGE, "echo started; sleep 60"),
                            st -> st.timeout(Duration.ofSeconds(2)))));
    long start = System.nanoTime();

    Builds.Run run = builds.run(pipeline);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    assertThat(run.step("run", "sleep").outcome()).isEqualTo(Outcome.TIMED_OUT);
    assertThat(run.text("sleep")).containsExactly("started");
    assertThat(containersOf(run.result().buildId().toString())).isEmpty();
  }

  @Test
  void cancel_killsAndRemovesTheRunningContainer() throws Exception {
    BuildHandle handle =
        builds.engine.trigger(oneStep("echo ready; sleep 60"), TriggerRequest.manual());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                builds.engine.events(handle.id()).stream()
                    .anyMatch(
                        e ->
                            e instanceof BuildEvent.LogBatch batch
                                && batch.lines().stream().anyMatch(l -> l.text().equals("ready"))));
    assertThat(containersOf(handle.id().toString())).hasSize(1);

    handle.cancel("test");
    Builds.Run run = builds.finish(handle);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.CANCELLED);
    assertThat(run.step("run", "step").outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(containersOf(handle.id().toString())).isEmpty();
  }

  @Test
  void deniedImage_failsTheStepBeforeAnythingRuns_namingTheRule() throws Exception {
    ImagePolicy policy =
        ImagePolicy.builder()
            .allow("local/busybox:*", 10)
            .deny(OrgId.of("contractors"), "local/**", 20)
            .build();
    try (DockerExecutor guarded =
            DockerExecutor.builder().instance("chengis-tests-policy").imagePolicy(policy).build();
        Builds contractors =
            new Builds(
                root.resolve("contractors"),
                ChengisEngine.builder().org(OrgId.of("contractors")),
                guarded);
        Builds others = new Builds(root.resolve("others"), ChengisEngine.builder(), guarded)) {
      Pipeline pipeline = oneStep("touch ran.txt");

      Builds.Run denied = contractors.run(pipeline);
      Builds.Run allowed = others.run(pipeline);

      StepResult step = denied.step("run", "step");
      assertThat(step.outcome()).isEqualTo(Outcome.FAILURE);
      assertThat(step.reason().orElseThrow())
          .contains(
              "image \"local/busybox:latest\" is denied by image policy rule 2 (deny \"local/**\","
                  + " priority 20, organization contractors)");
      assertThat(
              root.resolve("contractors/one")
                  .resolve(Long.toString(denied.number()))
                  .resolve("ran.txt"))
          .doesNotExist();
      assertThat(allowed.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    }
  }

  @Test
  void pullPolicies_inspectFirst_andNameImageAndPolicyWhenTheyCannotPull() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "pulls",
            p ->
                p.stage(
                    "run",
                    s ->
                        s.parallel()
                            .step(
                                "present",
                                container(
                                    image(IMAGE).pullPolicy(PullPolicy.IF_NOT_PRESENT), "true"))
                            .step(
                                "never",
                                container(
                                    image("local/chengis-missing:1").pullPolicy(PullPolicy.NEVER),
                                    "true"))
                            .step(
                                "always",
                                container(image(IMAGE).pullPolicy(PullPolicy.ALWAYS), "true"))));

    Builds.Run run = builds.run(pipeline);

    assertThat(run.step("run", "present").outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(run.step("run", "never").reason().orElseThrow())
        .contains("image \"local/chengis-missing:1\" is not present")
        .contains("its pull policy is never");
    assertThat(run.step("run", "always").reason().orElseThrow())
        .contains("image \"local/busybox:latest\" could not be pulled (pull policy always)");
  }

  @Test
  void invalidImageReference_atRuntime_isAClearError() {
    // Records built directly skip the pipeline's checks; the executor parses references itself.
    io.chengis.api.Step step =
        io.chengis.api.Step.of(
            "bad",
            new io.chengis.api.StepAction.Container(
                io.chengis.api.ContainerSpec.of("Local/BusyBox"), "true"));
    io.chengis.api.spi.StepContext context =
        new io.chengis.api.spi.StepContext(
            io.chengis.api.BuildId.generator(InstantSource.system()).next(),
            "run",
            "bad",
            step,
            Map.of(),
            root,
            line -> {},
            new io.chengis.api.spi.Cancellation() {
              @Override
              public boolean isCancelled() {
                return false;
              }

              @Override
              public void onCancel(Runnable action) {}
            });

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ContainerEngine.executor().execute(context))
        .isInstanceOf(io.chengis.api.PluginException.class)
        .hasMessage(
            "stage \"run\" step \"bad\": container image \"Local/BusyBox\" repository name must"
                + " be lower-case; use a reference such as \"eclipse-temurin:21\" or"
                + " \"registry.example.com/team/app:1.2\"");
  }
}
