package io.chengis.engine;

import static io.chengis.engine.GithubWorkflowRunTest.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chengis.api.Conclusion;
import io.chengis.api.Outcome;
import io.chengis.api.Pipeline;
import io.chengis.dsl.format.PipelineFormats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub Actions job scheduling on the real engine with real processes: jobs without {@code needs}
 * run side by side, job-level {@code concurrency} groups queue or cancel stages across builds, and
 * reusable workflows called with {@code uses: ./...} run inlined with their inputs and outputs.
 */
class GithubJobsRunTest {
  /** Waits (at most 30 s, polling in the shell) until a file exists; fails when it never does. */
  static String awaitFile(Path file) {
    return "for i in $(seq 1 1500); do [ -f '"
        + file
        + "' ] && exit 0; sleep 0.02; done; echo 'never saw "
        + file.getFileName()
        + "'; exit 1";
  }

  @TempDir Path root;
  @TempDir Path shared;
  EngineFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void jobsWithoutNeeds_run_runSideBySide() throws Exception {
    fixture = new EngineFixture(root);
    Path a = shared.resolve("a");
    Path b = shared.resolve("b");
    Pipeline pipeline =
        workflow(
            """
            on: push
            jobs:
              first:
                runs-on: local
                steps:
                  - run: touch '%s'
                  - run: "%s"
              second:
                runs-on: local
                steps:
                  - run: touch '%s'
                  - run: "%s"
              after:
                needs: [first, second]
                runs-on: local
                steps:
                  - run: echo both done
            """
                .formatted(a, awaitFile(b), b, awaitFile(a)));

    EngineFixture.Run run = fixture.run(pipeline);

    // Each job waits for a file the other creates: in declaration order the first would never
    // finish (it fails after 30 s), so both succeeding proves they ran at the same time.
    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.stage("first").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.stage("second").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.log("after", "step-1")).containsExactly("both done");
  }

  @Test
  void failingJobWithoutNeeds_run_doesNotSkipTheJobsBesideIt() throws Exception {
    fixture = new EngineFixture(root);
    Pipeline pipeline =
        workflow(
            """
            on: push
            jobs:
              broken:
                runs-on: local
                steps:
                  - run: exit 3
              independent:
                runs-on: local
                steps:
                  - run: echo still ran
            """);

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.stage("independent").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.log("independent", "step-1")).containsExactly("still ran");
  }

  @Test
  void jobConcurrencyGroup_twoBuilds_secondJobWaitsUntilTheFirstEnds() throws Exception {
    fixture = new EngineFixture(root);
    Path started = shared.resolve("started-1");
    Path go = shared.resolve("go");
    Path done = shared.resolve("done-1");
    Path second = shared.resolve("started-2");
    Pipeline holder =
        workflow(
            """
            on: push
            jobs:
              deploy:
                runs-on: local
                concurrency:
                  group: deploy-${{ github.ref_name }}
                steps:
                  - run: touch '%s'
                  - run: "%s"
                  - run: touch '%s'
            """
                .formatted(started, awaitFile(go), done));
    Pipeline waiter =
        workflow(
            """
            on: push
            jobs:
              deploy:
                runs-on: local
                concurrency: deploy-${{ github.ref_name }}
                steps:
                  - run: touch '%s'; test -f '%s'
            """
                .formatted(second, done));

    BuildHandle first = fixture.engine.trigger(holder, TriggerRequest.manual().withBranch("main"));
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(started));
    BuildHandle next = fixture.engine.trigger(waiter, TriggerRequest.manual().withBranch("main"));
    await()
        .during(Duration.ofMillis(700))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !Files.exists(second));
    Files.createFile(go);

    assertThat(EngineFixture.finish(first).result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(EngineFixture.finish(next).result().conclusion()).isEqualTo(Conclusion.SUCCESS);
  }

  @Test
  void jobConcurrencyGroupsWithOtherKeys_twoBuilds_runAtTheSameTime() throws Exception {
    assertBranchesRunTogether(
        """
        on: push
        jobs:
          deploy:
            runs-on: local
            concurrency:
              group: deploy-${{ github.ref_name }}
            steps:
              - run: touch '%s'
              - run: "%s"
        """);
  }

  /**
   * Builds of {@code text} (a workflow whose job touches one file, then awaits another) on the
   * branches main and dev, each awaiting the other's file: both finish only if they run at once.
   */
  private void assertBranchesRunTogether(String text) throws Exception {
    fixture = new EngineFixture(root);
    Path a = shared.resolve("main");
    Path b = shared.resolve("dev");
    BuildHandle first =
        fixture.engine.trigger(
            workflow(text.formatted(a, awaitFile(b))), TriggerRequest.manual().withBranch("main"));
    BuildHandle other =
        fixture.engine.trigger(
            workflow(text.formatted(b, awaitFile(a))), TriggerRequest.manual().withBranch("dev"));

    assertThat(EngineFixture.finish(first).result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(EngineFixture.finish(other).result().conclusion()).isEqualTo(Conclusion.SUCCESS);
  }

  @Test
  void jobConcurrencyCancelInProgress_secondBuild_cancelsTheRunningJob() throws Exception {
    fixture = new EngineFixture(root);
    Path started = shared.resolve("started");
    Pipeline pipeline =
        workflow(
            """
            on: push
            jobs:
              deploy:
                runs-on: local
                concurrency:
                  group: deploy
                  cancel-in-progress: true
                steps:
                  - run: touch '%s'; %s
            """
                .formatted(started, awaitFile(shared.resolve("never"))));

    BuildHandle first = fixture.engine.trigger(pipeline, TriggerRequest.manual());
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(started));
    Files.delete(started);
    BuildHandle next = fixture.engine.trigger(pipeline, TriggerRequest.manual());
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(started));
    next.cancel("test over");

    EngineFixture.Run cancelled = EngineFixture.finish(first);
    assertThat(cancelled.stage("deploy").outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(cancelled.stage("deploy").reason())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .isEqualTo(
                        "superseded by stage \"deploy\" of build #2 of concurrency group deploy"));
    assertThat(EngineFixture.finish(next).result().conclusion()).isEqualTo(Conclusion.CANCELLED);
    assertThat(List.of(first.number(), next.number())).containsExactly(1L, 2L);
  }

  @Test
  void reusableWorkflow_run_getsItsInputsAndSecretsAndPublishesItsOutputs() throws Exception {
    Path workflows = Files.createDirectories(shared.resolve("repo/.github/workflows"));
    Files.writeString(
        workflows.resolve("release.yml"),
        """
        on:
          workflow_call:
            inputs:
              flavour:
                type: string
                required: true
              count:
                type: number
                default: 2
            secrets:
              token:
            outputs:
              artifact:
                value: ${{ jobs.pack.outputs.name }}
        jobs:
          pack:
            runs-on: local
            outputs:
              name: ${{ steps.n.outputs.name }}
            steps:
              - id: n
                env:
                  TOKEN: ${{ secrets.token }}
                run: |
                  echo "count ${{ inputs.count }} above one ${{ inputs.count > 1 }}"
                  echo "token length ${#TOKEN}"
                  echo "name=app-${{ inputs.flavour }}.tar" >> "$GITHUB_OUTPUT"
        """);
    Path ci =
        Files.writeString(
            workflows.resolve("ci.yml"),
            """
            on: push
            jobs:
              release:
                uses: ./.github/workflows/release.yml
                with:
                  flavour: ${{ github.ref_name }}-fast
                secrets:
                  token: ${{ secrets.MISSING }}
              announce:
                needs: release
                runs-on: local
                steps:
                  - run: echo "released ${{ needs.release.outputs.artifact }}"
            """);
    fixture = new EngineFixture(root);

    EngineFixture.Run run =
        fixture.run(PipelineFormats.parse(ci), TriggerRequest.manual().withBranch("main"));

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.log("release/pack", "n"))
        .containsExactly("count 2 above one true", "token length 0");
    assertThat(run.stage("release").outputs())
        .containsExactly(java.util.Map.entry("artifact", "app-main-fast.tar"));
    assertThat(run.log("announce", "step-1")).containsExactly("released app-main-fast.tar");
  }

  @Test
  void matrixFromNeedsOutputs_run_expandsWhenTheNeededJobHasFinished() throws Exception {
    fixture = new EngineFixture(root);
    Pipeline pipeline =
        workflow(
            """
            on: push
            jobs:
              setup:
                runs-on: local
                outputs:
                  oses: ${{ steps.list.outputs.oses }}
                steps:
                  - id: list
                    run: echo 'oses=["linux", "mac"]' >> "$GITHUB_OUTPUT"
              test:
                needs: setup
                runs-on: local
                strategy:
                  matrix:
                    os: ${{ fromJSON(needs.setup.outputs.oses) }}
                    jdk: [21]
                steps:
                  - run: echo "testing on ${{ matrix.os }} with ${{ matrix.jdk }}"
              report:
                needs: test
                runs-on: local
                steps:
                  - run: echo "tests ${{ needs.test.result }}"
            """);

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.result().stages())
        .extracting(io.chengis.api.StageResult::name)
        .containsExactly("setup", "test [jdk=21, os=linux]", "test [jdk=21, os=mac]", "report");
    assertThat(run.log("test [jdk=21, os=mac]", "step-1"))
        .containsExactly("testing on mac with 21");
    assertThat(run.log("report", "step-1")).containsExactly("tests success");
  }

  @Test
  void matrixFromBadNeedsOutputs_run_failsTheJobWithALocatedReason() throws Exception {
    fixture = new EngineFixture(root);
    Pipeline pipeline =
        workflow(
            """
            on: push
            jobs:
              setup:
                runs-on: local
                outputs:
                  oses: ${{ steps.list.outputs.oses }}
                steps:
                  - id: list
                    run: |
                      echo 'oses={"not": "a list"}' >> "$GITHUB_OUTPUT"
              test:
                needs: setup
                runs-on: local
                strategy:
                  matrix:
                    os: ${{ fromJSON(needs.setup.outputs.oses) }}
                steps:
                  - run: echo never
              report:
                needs: test
                runs-on: local
                steps:
                  - run: echo never
            """);

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.stage("test").conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.stage("test").reason())
        .contains(
            ".github/workflows/ci.yml:16:9: strategy.matrix axis \"os\" must be an array of"
                + " scalars (was Object { \"not\": \"a list\" })");
    assertThat(run.stage("report").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(run.stage("report").reason()).contains("dependency \"test\" failed");
  }

  @Test
  void workflowConcurrencyKey_twoBranches_isRenderedSoTheBuildsRunTogether() throws Exception {
    // Written as is, both keys would be "ci-${{ github.ref_name }}" and the second build would
    // wait for the first, which waits for the second's file: only rendered keys let both finish.
    assertBranchesRunTogether(
        """
        on: push
        concurrency: ci-${{ github.ref_name }}
        jobs:
          build:
            runs-on: local
            steps:
              - run: touch '%s'
              - run: "%s"
        """);
  }

  @Test
  void brokenOrSecretConcurrencyKeys_trigger_areRefusedWithTheirPlace() {
    fixture = new EngineFixture(root);
    Pipeline pipeline =
        workflow(
            """
            on: push
            concurrency: ci-${{ github.ref_name
            jobs:
              deploy:
                runs-on: local
                concurrency: deploy-${{ secrets.TOKEN }}
                steps:
                  - run: "true"
            """);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> fixture.engine.trigger(pipeline, TriggerRequest.manual()))
        .isInstanceOf(io.chengis.api.EngineException.class)
        .hasMessageContaining(
            ".github/workflows/ci.yml:4:3: stage \"deploy\" concurrency group refers to secrets"
                + " [TOKEN] (group keys appear in cancel reasons and logs)")
        .hasMessageContaining(
            ".github/workflows/ci.yml:1:1: pipeline \"ci\" concurrency group: column 3: '${{' is"
                + " not closed");
  }
}
