package io.chengis.engine;

import static io.chengis.dsl.Conditions.allOf;
import static io.chengis.dsl.Conditions.anyOf;
import static io.chengis.dsl.Conditions.not;
import static io.chengis.dsl.Conditions.onBranch;
import static io.chengis.dsl.Conditions.paramEquals;
import static io.chengis.dsl.Steps.container;
import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.BuildEvent;
import io.chengis.api.Conclusion;
import io.chengis.api.EngineException;
import io.chengis.api.Outcome;
import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.Conditions;
import io.chengis.dsl.Parameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN.md §4, one rule per test, on real processes. */
class ExecutionSemanticsTest {
  @TempDir Path root;
  private EngineFixture fixture;

  @BeforeEach
  void start() {
    fixture = new EngineFixture(root);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void stages_withoutDependsOn_runInDeclarationOrder() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "order",
            p ->
                p.stage("one", s -> s.step("a", shell("echo 1 >> ../order.txt")))
                    .stage("two", s -> s.step("b", shell("echo 2 >> ../order.txt")))
                    .stage("three", s -> s.step("c", shell("echo 3 >> ../order.txt"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(Files.readAllLines(root.resolve("order/order.txt"))).containsExactly("1", "2", "3");
    assertThat(run.events(BuildEvent.StageStarted.class))
        .extracting(BuildEvent.StageStarted::stage)
        .containsExactly("one", "two", "three");
  }

  @Test
  void failingStep_failsStage_skipsLaterStepsAndStagesWithReasons() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "fail",
            p ->
                p.stage(
                        "build",
                        s ->
                            s.step("ok", shell("true"))
                                .step("broken", shell("exit 3"))
                                .step("never", shell("true")))
                    .stage("deploy", s -> s.step("ship", shell("true"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.step("build", "broken").exitCode()).contains(3);
    assertThat(run.step("build", "broken").reason()).contains("exit code 3");
    assertThat(run.step("build", "never").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(run.step("build", "never").reason()).contains("step \"broken\" failed");
    assertThat(run.stage("deploy").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(run.stage("deploy").reason()).contains("stage \"build\" failed");
  }

  @Test
  void dag_runsIndependentStagesConcurrentlyAndSkipsDependentsOfAFailure() throws Exception {
    // a and b each wait until the other has started: they can only both succeed concurrently.
    String barrier =
        "touch ../%s.started; for i in $(seq 1 200); do [ -f ../%s.started ] && exit 0; sleep"
            + " 0.05; done; exit 1";
    Pipeline pipeline =
        Chengis.pipeline(
            "dag",
            p ->
                p.stage("a", s -> s.step("run", shell(barrier.formatted("a", "b"))))
                    .stage("b", s -> s.step("run", shell(barrier.formatted("b", "a"))))
                    .stage("broken", s -> s.dependsOn("a").step("run", shell("exit 1")))
                    .stage("after-broken", s -> s.dependsOn("broken").step("run", shell("true")))
                    .stage("after-b", s -> s.dependsOn("b").step("run", shell("true"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.stage("a").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.stage("b").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.stage("after-broken").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(run.stage("after-broken").reason()).contains("dependency \"broken\" failed");
    assertThat(run.stage("after-b").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.result().stages())
        .extracting(stage -> stage.name())
        .containsExactly("a", "b", "broken", "after-broken", "after-b");
  }

  @Test
  void dag_neverStartsAStageBeforeItsDependenciesEnd() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "deps",
            p ->
                p.stage("compile", s -> s.step("run", shell("sleep 0.2; touch ../compiled")))
                    .stage(
                        "test",
                        s -> s.dependsOn("compile").step("run", shell("test -f ../compiled"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.stage("test").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.eventKinds().indexOf("StageFinished"))
        .isLessThan(
            run.events()
                .indexOf(
                    run.events(BuildEvent.StageStarted.class).stream()
                        .filter(e -> e.stage().equals("test"))
                        .findFirst()
                        .orElseThrow()));
  }

  @Test
  void parallelSteps_runConcurrently_reportInDeclarationOrder_andDoNotFailFast() throws Exception {
    String barrier =
        "touch %s.started; for i in $(seq 1 200); do [ -f %s.started ] && exit 0; sleep 0.05;"
            + " done; exit 1";
    Pipeline pipeline =
        Chengis.pipeline(
            "parallel",
            p ->
                p.stage(
                    "test",
                    s ->
                        s.parallel()
                            .step("x", shell(barrier.formatted("x", "y")))
                            .step("y", shell(barrier.formatted("y", "x")))
                            .step("fails", shell("exit 1"))
                            .step("slow", shell("sleep 0.3"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.stage("test").steps())
        .extracting(step -> step.name())
        .containsExactly("x", "y", "fails", "slow");
    assertThat(run.step("test", "x").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.step("test", "y").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.step("test", "slow").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.stage("test").conclusion()).isEqualTo(Conclusion.FAILURE);
  }

  @Test
  void parallelSteps_failFast_cancelsRunningSiblings() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "fast",
            p ->
                p.stage(
                    "test",
                    s ->
                        s.parallel()
                            .failFast()
                            .step("fails", shell("sleep 0.2; exit 1"))
                            .step("long", shell("sleep 60"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.step("test", "long").outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(run.step("test", "long").reason())
        .contains("step \"fails\" failed and the stage fails fast");
    assertThat(run.stage("test").conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
  }

  @Test
  void continueOnError_isAnAllowedFailure_thatDoesNotFailTheBuild() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "allowed",
            p ->
                p.stage(
                    "lint",
                    s ->
                        s.step("style", shell("exit 2"), st -> st.continueOnError())
                            .step("next", shell("true"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.step("lint", "style").outcome()).isEqualTo(Outcome.FAILURE);
    assertThat(run.step("lint", "style").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.step("lint", "next").outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.result().allowedFailures())
        .extracting(failure -> failure.step().name())
        .containsExactly("style");
  }

  @Test
  void postActions_seeTheConclusion_andNeverChangeIt() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "post",
            p ->
                p.stage("build", s -> s.step("broken", shell("exit 1")))
                    .post(
                        post ->
                            post.always("cleanup", shell("echo always"))
                                .onSuccess("celebrate", shell("echo success"))
                                .onFailure("page", shell("echo failure; exit 7"))
                                .onCancel("undo", shell("echo cancel"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().post())
        .extracting(step -> step.name())
        .containsExactly("cleanup", "page");
    assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.result().warnings())
        .singleElement()
        .asString()
        .contains("post action \"page\" failure (exit code 7)")
        .contains("stays FAILURE");
    assertThat(run.events(BuildEvent.Warning.class)).hasSize(1);
  }

  @Test
  void postActions_failingOnSuccess_leaveASuccessfulBuildSuccessful() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "post-ok",
            p ->
                p.stage("build", s -> s.step("fine", shell("true")))
                    .post(post -> post.onSuccess("notify", shell("exit 1"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.result().post().get(0).outcome()).isEqualTo(Outcome.FAILURE);
  }

  @Test
  void stepTimeout_killsTheWholeProcessTree_andTimesOutTheBuild() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "timeout",
            p ->
                p.stage(
                        "slow",
                        s ->
                            s.step(
                                "hang",
                                shell("sleep 300 & echo $! > ../child.pid; sleep 300"),
                                st -> st.timeout(Duration.ofMillis(700))))
                    .stage("later", s -> s.step("never", shell("true")))
                    .post(post -> post.always("cleanup", shell("echo cleaned"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.step("slow", "hang").outcome()).isEqualTo(Outcome.TIMED_OUT);
    assertThat(run.step("slow", "hang").reason()).contains("step \"hang\" timed out after PT0.7S");
    assertThat(run.result().conclusion()).isEqualTo(Conclusion.TIMED_OUT);
    assertThat(run.stage("later").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(run.result().post()).extracting(step -> step.name()).containsExactly("cleanup");
    long child = Long.parseLong(Files.readString(root.resolve("timeout/child.pid")).strip());
    java.util.Optional<ProcessHandle> handle = ProcessHandle.of(child);
    if (handle.isPresent()) {
      handle.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertThat(handle.map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
  }

  @Test
  void stageTimeout_timesOutItsRunningStep() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "stage-timeout",
            p ->
                p.stage(
                    "slow",
                    s -> s.timeout(Duration.ofMillis(500)).step("hang", shell("sleep 300"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.stage("slow").outcome()).isEqualTo(Outcome.TIMED_OUT);
    assertThat(run.stage("slow").reason()).contains("stage \"slow\" timed out after PT0.5S");
    assertThat(run.step("slow", "hang").outcome()).isEqualTo(Outcome.TIMED_OUT);
  }

  @Test
  void pipelineTimeout_timesOutTheBuild() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "build-timeout",
            p ->
                p.timeout(Duration.ofMillis(500))
                    .stage("slow", s -> s.step("hang", shell("sleep 300"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.TIMED_OUT);
    assertThat(run.result().reason()).contains("build timed out after PT0.5S");
  }

  @Test
  void cancel_stopsRunningProcessesPromptly_skipsTheRest_andRunsCleanup() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "cancel",
            p ->
                p.stage(
                        "long",
                        s ->
                            s.step(
                                "hang",
                                shell(
                                    "sleep 300 & echo $! > ../child.pid; touch ../started; sleep 300")))
                    .stage("later", s -> s.step("never", shell("true")))
                    .post(
                        post ->
                            post.always("cleanup", shell("echo cleanup"))
                                .onCancel("undo", shell("echo undo"))
                                .onFailure("page", shell("echo page"))));
    BuildHandle handle = fixture.engine.trigger(pipeline, TriggerRequest.manual());
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Files.exists(root.resolve("cancel/started")));
    long cancelledAt = System.nanoTime();

    handle.cancel("user pressed stop");
    EngineFixture.Run run = EngineFixture.finish(handle);

    assertThat(run.step("long", "hang").outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(run.result().conclusion()).isEqualTo(Conclusion.CANCELLED);
    assertThat(run.result().reason()).contains("build cancelled: user pressed stop");
    assertThat(run.stage("later").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(run.result().post())
        .extracting(step -> step.name())
        .containsExactly("cleanup", "undo");
    assertThat(
            run.events(BuildEvent.StepFinished.class).stream()
                .filter(e -> e.result().name().equals("hang"))
                .findFirst()
                .orElseThrow()
                .timestamp())
        .isNotNull();
    assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt))
        .isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void retry_triesAgainWithBackoffUntilTheStepSucceeds() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "retry",
            p ->
                p.stage(
                    "flaky",
                    s ->
                        s.step(
                            "twice-broken",
                            shell("echo x >> ../tries; [ $(wc -l < ../tries) -ge 3 ]"),
                            st -> st.retry(4, Duration.ofMillis(10)))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.step("flaky", "twice-broken").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.step("flaky", "twice-broken").attempts()).isEqualTo(3);
    assertThat(run.events(BuildEvent.StepRetrying.class))
        .extracting(BuildEvent.StepRetrying::attempt)
        .containsExactly(2, 3);
    assertThat(run.events(BuildEvent.StepStarted.class))
        .extracting(BuildEvent.StepStarted::attempt)
        .containsExactly(1, 2, 3);
  }

  @Test
  void retry_onlyRetriesTheListedExitCodes() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "retry-codes",
            p ->
                p.stage(
                    "s",
                    s ->
                        s.step(
                            "exits-4",
                            shell("exit 4"),
                            st -> st.retry(r -> r.maxAttempts(5).onExitCodes(75)))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.step("s", "exits-4").attempts()).isEqualTo(1);
    assertThat(run.step("s", "exits-4").outcome()).isEqualTo(Outcome.FAILURE);
  }

  @Test
  void parameters_defaultsAndSuppliedValuesReachStepsAsParamVariables() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "params",
            p ->
                p.parameter(Parameters.choice("target-env", "dev", "prod"))
                    .parameter(Parameters.bool("dry-run"))
                    .parameter(Parameters.text("version"))
                    .stage(
                        "show",
                        s ->
                            s.step(
                                "env",
                                shell("echo $PARAM_TARGET_ENV $PARAM_DRY_RUN $PARAM_VERSION"))));

    EngineFixture.Run run =
        fixture.run(pipeline, TriggerRequest.manual().withParameter("version", "1.2.3"));

    assertThat(run.log("show", "env")).containsExactly("dev false 1.2.3");
  }

  @Test
  void parameters_badValuesAreRefusedBeforeTheBuildStarts() {
    Pipeline pipeline =
        Chengis.pipeline(
            "params-bad",
            p ->
                p.parameter(Parameters.choice("env", "dev", "prod"))
                    .parameter(Parameters.number("replicas"))
                    .stage("s", s -> s.step("x", shell("true"))));

    assertThatThrownBy(
            () ->
                fixture.engine.trigger(
                    pipeline,
                    TriggerRequest.manual()
                        .withParameter("env", "qa")
                        .withParameter("colour", "red")))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining(
            "parameter \"colour\" is not declared by the pipeline; use one of [env, replicas]")
        .hasMessageContaining(
            "parameter \"env\" must be one of [dev, prod] (was \"qa\"); supply an allowed value")
        .hasMessageContaining(
            "parameter \"replicas\" is required and has no default; supply it, e.g. --param replicas=...");
    assertThat(root.resolve("params-bad")).doesNotExist();
  }

  @Test
  void matrix_expandsEveryStageInDeclarationOrderWithMatrixVariables() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "matrix",
            p ->
                p.matrix(
                        m ->
                            m.axis("os", "linux", "mac")
                                .axis("jdk", "17", "21")
                                .exclude("os", "mac", "jdk", "17"))
                    .stage("Build", s -> s.step("show", shell("echo $MATRIX_OS-$MATRIX_JDK"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().stages())
        .extracting(stage -> stage.name())
        .containsExactly(
            "Build [os=linux, jdk=17]", "Build [os=linux, jdk=21]", "Build [os=mac, jdk=21]");
    assertThat(run.log("Build [os=mac, jdk=21]", "show")).containsExactly("mac-21");
    assertThat(run.stage("Build [os=linux, jdk=17]").matrix())
        .containsExactly(java.util.Map.entry("os", "linux"), java.util.Map.entry("jdk", "17"));
  }

  @Test
  void conditions_branchGlobsParamsAndCombinations() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "conditions",
            p ->
                p.parameter(Parameters.bool("deploy"))
                    .stage(
                        "release-only",
                        s -> s.when(onBranch("release/**")).step("x", shell("true")))
                    .stage("main-only", s -> s.when(onBranch("main")).step("x", shell("true")))
                    .stage(
                        "deploy",
                        s ->
                            s.when(allOf(onBranch("release/*"), paramEquals("deploy", "true")))
                                .step("x", shell("true")))
                    .stage(
                        "either",
                        s ->
                            s.when(anyOf(onBranch("main"), not(paramEquals("deploy", "true"))))
                                .step("x", shell("true")))
                    .stage("never", s -> s.when(Conditions.never()).step("x", shell("true"))));

    EngineFixture.Run run =
        fixture.run(
            pipeline,
            TriggerRequest.manual().withBranch("release/1.2").withParameter("deploy", "true"));

    assertThat(run.stage("release-only").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.stage("main-only").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(run.stage("main-only").reason())
        .contains("condition not met: branch \"release/1.2\" does not match \"main\"");
    assertThat(run.stage("deploy").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.stage("either").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(run.stage("never").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
  }

  @Test
  void expressionConditions_areEvaluatedWithGithubSemantics_includingStatusFunctions()
      throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "expr",
            p ->
                p.matrix(m -> m.axis("os", "linux"))
                    .stage(
                        "build",
                        s ->
                            s.step(
                                    "on-main",
                                    shell("echo $TARGET"),
                                    st ->
                                        st.when(Conditions.expression("github.ref_name == 'main'"))
                                            .env("TARGET", "${{ matrix.os }}-${{ params.level }}"))
                                .step("broken", shell("exit 1"))
                                .step("never", shell("echo no"))
                                .step(
                                    "report",
                                    shell("echo reporting"),
                                    st -> st.when(Conditions.expression("failure()"))))
                    .stage("deploy", s -> s.step("ship", shell("echo ship")))
                    .stage(
                        "cleanup",
                        s ->
                            s.when(Conditions.expression("always()"))
                                .step("clean", shell("echo clean")))
                    .parameter(io.chengis.dsl.Parameters.text("level").defaultValue("debug")));

    EngineFixture.Run run = fixture.run(pipeline, TriggerRequest.manual().withBranch("main"));

    String build = "build [os=linux]";
    assertThat(run.log(build, "on-main")).containsExactly("linux-debug");
    assertThat(run.step(build, "never").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(run.log(build, "report")).containsExactly("reporting");
    assertThat(run.stage("deploy [os=linux]").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(run.log("cleanup [os=linux]", "clean")).containsExactly("clean");
    assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
  }

  @Test
  void stageEnvironment_isRenderedForEachStep_soLaterStepsSeeEarlierOutputs() throws Exception {
    // The stage's layers are worked out once per stage instance; the values holding templates
    // must still be rendered anew for every step, and a step's own env still wins.
    Pipeline pipeline =
        Chengis.pipeline(
            "stage-env",
            p ->
                p.env("LAYER", "pipeline")
                    .stage(
                        "s",
                        s ->
                            s.env("FROM_FIRST", "[${{ steps.first.outputs.name }}]")
                                .env("LAYER", "stage")
                                .step(
                                    "first",
                                    shell(
                                        "echo \"name=world\" >> \"$CHENGIS_OUTPUT\";"
                                            + " echo \"$FROM_FIRST $LAYER\""))
                                .step("second", shell("echo \"$FROM_FIRST $LAYER\""))
                                .step(
                                    "own",
                                    shell("echo \"$FROM_FIRST $LAYER\""),
                                    st -> st.env("LAYER", "step"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.log("s", "first")).containsExactly("[] stage");
    assertThat(run.log("s", "second")).containsExactly("[world] stage");
    assertThat(run.log("s", "own")).containsExactly("[world] step");
  }

  @Test
  void expressionConditions_thatDoNotParse_areRefusedAtTriggerWithTheirLocation() {
    Pipeline pipeline =
        Chengis.pipeline(
            "expr-bad",
            p ->
                p.stage(
                    "s",
                    s -> s.when(Conditions.expression("github.ref == ")).step("x", shell("true"))));

    assertThatThrownBy(() -> fixture.engine.trigger(pipeline, TriggerRequest.manual()))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("ExecutionSemanticsTest.java:")
        .hasMessageContaining("stage \"s\" condition column");
  }

  @Test
  void outputs_keyValueAndMultiLineValuesAreRecorded() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "outputs",
            p ->
                p.stage(
                    "version",
                    s ->
                        s.step(
                            "compute",
                            shell(
                                "echo version=1.2.3 >> $CHENGIS_OUTPUT; printf 'notes<<EOF\\nline"
                                    + " 1\\nline 2\\nEOF\\n' >> $CHENGIS_OUTPUT"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.step("version", "compute").outputs())
        .containsExactly(
            java.util.Map.entry("version", "1.2.3"),
            java.util.Map.entry("notes", "line 1\nline 2"));
    assertThat(run.stage("version").outputs()).containsEntry("version", "1.2.3");
  }

  @Test
  void stepFiles_chengisNamesAddEnvPathAndSummaryAsTheGithubNamesDo() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "step-files",
            p ->
                p.stage(
                    "s",
                    s ->
                        s.step(
                                "write",
                                shell(
                                    "echo ADDED=yes >> \"$CHENGIS_ENV\";"
                                        + " echo /opt/added-tools >> \"$CHENGIS_PATH\";"
                                        + " echo '# Report' >> \"$CHENGIS_STEP_SUMMARY\";"
                                        + " test \"$CHENGIS_ENV\" = \"$GITHUB_ENV\""
                                        + " && test \"$CHENGIS_PATH\" = \"$GITHUB_PATH\""
                                        + " && test \"$CHENGIS_STEP_SUMMARY\" = \"$GITHUB_STEP_SUMMARY\""
                                        + " && test \"$CHENGIS_OUTPUT\" = \"$GITHUB_OUTPUT\""))
                            .step("read", shell("echo \"added=$ADDED first=${PATH%%:*}\""))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.step("s", "write").outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(run.log("s", "write")).contains("[summary] # Report");
    assertThat(run.log("s", "read")).contains("added=yes first=/opt/added-tools");
    assertThat(root.resolve(".chengis").resolve(run.handle().id().toString()))
        .as("the build's step files, removed when it ends")
        .doesNotExist();
  }

  @Test
  void stepFiles_writtenAfterStepsThatWroteNone_andRightAfterOneThatDid_areAllRead()
      throws Exception {
    // The engine skips looking for a step's files when their directory provably gained no name
    // while the step ran: a step that writes after silent ones, and one that writes right after
    // another (within the directory's settling time), must both be read.
    Pipeline pipeline =
        Chengis.pipeline(
            "step-files-mixed",
            p ->
                p.stage(
                    "s",
                    s ->
                        s.step("quiet-1", shell("true"))
                            .step("quiet-2", shell("true"))
                            .step("first", shell("echo a=1 >> \"$CHENGIS_OUTPUT\""))
                            .step(
                                "second",
                                shell(
                                    "echo b=2 >> \"$CHENGIS_OUTPUT\";"
                                        + " echo FROM_SECOND=yes >> \"$CHENGIS_ENV\""))
                            .step("quiet-3", shell("true"))
                            .step("summary", shell("echo done >> \"$CHENGIS_STEP_SUMMARY\""))
                            .step("read", shell("echo \"from-second=$FROM_SECOND\""))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.step("s", "first").outputs()).containsExactly(java.util.Map.entry("a", "1"));
    assertThat(run.step("s", "second").outputs()).containsExactly(java.util.Map.entry("b", "2"));
    assertThat(run.step("s", "quiet-3").outputs()).isEmpty();
    assertThat(run.log("s", "summary")).contains("[summary] done");
    assertThat(run.log("s", "read")).contains("from-second=yes");
  }

  @Test
  void stepFiles_ofABuildWhoseStepsWroteNone_areRemovedWhenItEnds() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline("no-step-files", p -> p.stage("s", s -> s.step("x", shell("true"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.step("s", "x").outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(root.resolve(".chengis").resolve(run.handle().id().toString())).doesNotExist();
  }

  @Test
  void outputs_overTheBudgetFailTheStepWithAClearReason() throws Exception {
    try (EngineFixture small = new EngineFixture(root, ChengisEngine.builder().outputBudget(16))) {
      Pipeline pipeline =
          Chengis.pipeline(
              "big-outputs",
              p ->
                  p.stage(
                      "s",
                      s -> s.step("big", shell("echo data=0123456789abcdef >> $CHENGIS_OUTPUT"))));

      EngineFixture.Run run = small.run(pipeline);

      assertThat(run.step("s", "big").outcome()).isEqualTo(Outcome.FAILURE);
      assertThat(run.step("s", "big").reason())
          .hasValueSatisfying(
              r -> assertThat(r).contains("larger than the budget of 16 bytes (was 22 bytes)"));
    }
  }

  @Test
  void environment_layersLaterWinsAndBuiltInsAreSet() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "env",
            p ->
                p.env("LAYER", "pipeline")
                    .env("FROM_PIPELINE", "p")
                    .stage(
                        "s",
                        s ->
                            s.env("LAYER", "stage")
                                .env("FROM_STAGE", "s")
                                .step(
                                    "show",
                                    shell(
                                        "echo $LAYER $FROM_PIPELINE $FROM_STAGE; echo $CHENGIS $CI"
                                            + " $CHENGIS_JOB $CHENGIS_BUILD_NUMBER $CHENGIS_STAGE"
                                            + " $CHENGIS_STEP; pwd; echo $CHENGIS_WORKSPACE"),
                                    st -> st.env("LAYER", "step"))));

    EngineFixture.Run run = fixture.run(pipeline);

    Path workspace = root.resolve("env/1").toRealPath();
    assertThat(run.log("s", "show"))
        .containsExactly(
            "step p s", "true true env 1 s show", workspace.toString(), workspace.toString());
  }

  @Test
  void workspace_perBuild_numbersContinueAfterAnEngineRestart() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline("numbers", p -> p.stage("s", s -> s.step("x", shell("pwd"))));
    fixture.run(pipeline);
    fixture.close();
    fixture = new EngineFixture(root);

    EngineFixture.Run second = fixture.run(pipeline);

    assertThat(second.handle().number()).isEqualTo(2);
    assertThat(second.log("s", "x"))
        .containsExactly(root.resolve("numbers/2").toRealPath().toString());
  }

  @Test
  void workingDirectory_outsideTheWorkspaceThroughASymlink_isRefused() throws Exception {
    Path outside = Files.createDirectories(root.resolve("outside"));
    Pipeline pipeline =
        Chengis.pipeline(
            "escape",
            p ->
                p.stage(
                    "s",
                    s ->
                        s.step("link", shell("ln -s " + outside + " out && mkdir -p sub"))
                            .step("inside", shell("pwd"), st -> st.workingDir("sub"))
                            .step("escape", shell("pwd"), st -> st.workingDir("out"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.step("s", "inside").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.log("s", "inside"))
        .containsExactly(root.resolve("escape/1/sub").toRealPath().toString());
    assertThat(run.step("s", "escape").outcome()).isEqualTo(Outcome.FAILURE);
    assertThat(run.step("s", "escape").reason())
        .hasValueSatisfying(r -> assertThat(r).contains("leads outside the workspace"));
  }

  @Test
  void containerSteps_withoutAContainerExecutor_failWithAClearReason() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "containers",
            p -> p.stage("s", s -> s.step("in-box", container("alpine:3.20", "true"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.step("s", "in-box").reason())
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .contains(
                        "no executor is registered for container steps (registered: [shell])"));
  }

  @Test
  void events_coverEveryTransitionInOrderWithIncreasingIds() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "events", p -> p.stage("s", s -> s.step("x", shell("echo out; echo err >&2"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.eventKinds())
        .startsWith("BuildQueued", "BuildStarted", "StageStarted", "StepStarted")
        .endsWith("StepFinished", "StageFinished", "BuildFinished")
        .contains("LogBatch");
    List<BuildEvent> events = run.events();
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).id()).isGreaterThan(events.get(i - 1).id());
      assertThat(events.get(i).buildId()).isEqualTo(run.handle().id());
    }
    assertThat(run.events(BuildEvent.LogBatch.class).stream().flatMap(b -> b.lines().stream()))
        .extracting(line -> line.stream() + ":" + line.text())
        .containsExactlyInAnyOrder("STDOUT:out", "STDERR:err");
  }

  @Test
  void events_aSubscriberThatNeverRequestsMoreDoesNotBlockTheBuild() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline("slow-reader", p -> p.stage("s", s -> s.step("x", shell("seq 1 5000"))));
    BuildHandle handle = fixture.engine.trigger(pipeline, TriggerRequest.manual());
    java.util.concurrent.atomic.AtomicInteger delivered =
        new java.util.concurrent.atomic.AtomicInteger();
    handle
        .events()
        .subscribe(
            new java.util.concurrent.Flow.Subscriber<BuildEvent>() {
              @Override
              public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                subscription.request(1);
              }

              @Override
              public void onNext(BuildEvent item) {
                delivered.incrementAndGet();
              }

              @Override
              public void onError(Throwable throwable) {}

              @Override
              public void onComplete() {}
            });

    EngineFixture.Run run = EngineFixture.finish(handle);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.log("s", "x")).hasSize(5000).startsWith("1", "2").endsWith("5000");
    assertThat(delivered).hasValue(1);
  }

  @Test
  void close_cancelsRunningBuilds() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline("closing", p -> p.stage("s", s -> s.step("hang", shell("sleep 300"))));
    BuildHandle handle = fixture.engine.trigger(pipeline, TriggerRequest.manual());

    fixture.close();

    assertThat(handle.await(Duration.ofSeconds(5)).orElseThrow().conclusion())
        .isEqualTo(Conclusion.CANCELLED);
    assertThatThrownBy(() -> fixture.engine.trigger(pipeline, TriggerRequest.manual()))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("the engine is closed");
  }

  @Test
  void buildEnd_stopsBackgroundProcessesTheStepsLeftRunning() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "daemon",
            p ->
                p.stage(
                    "s",
                    s ->
                        s.step("start", shell("sleep 300 & echo $! > ../daemon.pid"))
                            .step("use", shell("kill -0 $(cat ../daemon.pid)"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.step("s", "use").conclusion())
        .as("a later step still sees the background process")
        .isEqualTo(Conclusion.SUCCESS);
    long daemon = Long.parseLong(Files.readString(root.resolve("daemon/daemon.pid")).strip());
    java.util.Optional<ProcessHandle> handle = ProcessHandle.of(daemon);
    if (handle.isPresent()) {
      handle.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertThat(handle.map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
  }

  @Test
  void commandTemplates_areRenderedBeforeTheShellRuns() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "command-templates",
            p ->
                p.matrix(m -> m.axis("jdk", "21"))
                    .stage(
                        "s",
                        s ->
                            s.step(
                                "show",
                                shell("echo jdk ${{ matrix.jdk }} on ${{ github.ref_name }}"))));

    EngineFixture.Run run = fixture.run(pipeline, TriggerRequest.manual().withBranch("feature/x"));

    assertThat(run.log("s [jdk=21]", "show")).containsExactly("jdk 21 on feature/x");
  }

  @Test
  void commandTemplates_referringToSecrets_areRefusedAtTrigger() {
    Pipeline pipeline =
        Chengis.pipeline(
            "secret-in-command",
            p -> p.stage("s", s -> s.step("leak", shell("curl -H ${{ secrets.TOKEN }} x"))));

    assertThatThrownBy(() -> fixture.engine.trigger(pipeline, TriggerRequest.manual()))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining(
            "step \"leak\" command refers to secrets [TOKEN] (secrets never go on a command line)");
  }
}
