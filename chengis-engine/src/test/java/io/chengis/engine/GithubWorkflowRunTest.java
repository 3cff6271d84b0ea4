package io.chengis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Conclusion;
import io.chengis.api.Outcome;
import io.chengis.api.Pipeline;
import io.chengis.api.Secret;
import io.chengis.api.StageResult;
import io.chengis.api.spi.PipelineSource;
import io.chengis.api.spi.SecretScope;
import io.chengis.dsl.format.PipelineFormats;
import io.chengis.engine.memory.InMemoryAuditLog;
import io.chengis.engine.secrets.InMemorySecretVault;
import io.chengis.engine.secrets.LocalSecretBackend;
import io.chengis.engine.secrets.SecretCipher;
import io.chengis.engine.secrets.SecretResolver;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub Actions workflows on the real engine and real processes: the runner's files ({@code
 * GITHUB_OUTPUT}, {@code GITHUB_ENV}, {@code GITHUB_PATH}, {@code GITHUB_STEP_SUMMARY}), job
 * outputs and {@code needs}, per-job matrices and the {@code secrets} context.
 */
class GithubWorkflowRunTest {
  @TempDir Path root;
  EngineFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  static Pipeline workflow(String text) {
    return PipelineFormats.githubActions()
        .parse(new PipelineSource(".github/workflows/ci.yml", text));
  }

  @Test
  void runnerFiles_run_reachTheLaterStepsOfTheJobOnly() throws Exception {
    fixture = new EngineFixture(root);
    Pipeline pipeline =
        workflow(
            """
            on: push
            jobs:
              build:
                runs-on: local
                outputs:
                  version: ${{ steps.v.outputs.version }}
                steps:
                  - id: v
                    run: |
                      echo "version=1.2.3" >> "$GITHUB_OUTPUT"
                      echo "GREETING=hello" >> "$GITHUB_ENV"
                      printf 'NOTE<<EOF\\nline one\\nline two\\nEOF\\n' >> "$CHENGIS_ENV"
                      mkdir -p tools
                      printf '#!/bin/sh\\necho tool ran\\n' > tools/mytool
                      chmod +x tools/mytool
                      echo "$PWD/tools" >> "$GITHUB_PATH"
                      echo "## Built 1.2.3" >> "$GITHUB_STEP_SUMMARY"
                  - id: use
                    run: |
                      echo "greeting=$GREETING from ${{ env.GREETING }}"
                      echo "note=$NOTE" | tr '\\n' ' '; echo
                      mytool
                      echo "version=${{ steps.v.outputs.version }}"
                  - id: step-env-wins
                    env:
                      GREETING: declared
                    run: echo "greeting=$GREETING"
              ship:
                needs: build
                runs-on: local
                steps:
                  - run: |
                      echo "shipping ${{ needs.build.outputs.version }} greeting=[$GREETING]"
                      command -v mytool || echo "no mytool"
            """);

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.log("build", "v")).containsExactly("[summary] ## Built 1.2.3");
    assertThat(run.log("build", "use"))
        .containsExactly(
            "greeting=hello from hello", "note=line one line two ", "tool ran", "version=1.2.3");
    assertThat(run.log("build", "step-env-wins")).containsExactly("greeting=declared");
    assertThat(run.stage("build").outputs())
        .containsExactly(java.util.Map.entry("version", "1.2.3"));
    assertThat(run.log("ship", "step-1"))
        .containsExactly("shipping 1.2.3 greeting=[]", "no mytool");
  }

  @Test
  void outputTemplateThatDoesNotParse_trigger_isRefusedNamingTheOutput() {
    fixture = new EngineFixture(root);
    Pipeline pipeline =
        workflow(
            """
            on: push
            jobs:
              build:
                runs-on: local
                outputs:
                  version: ${{ steps.v.outputs. }}
                steps:
                  - run: "true"
            """);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> fixture.engine.trigger(pipeline, TriggerRequest.manual()))
        .isInstanceOf(io.chengis.api.EngineException.class)
        .hasMessageContaining(".github/workflows/ci.yml:3:3: stage \"build\" output version: ");
  }

  @Test
  void malformedEnvFile_run_failsTheStepWithTheReason() throws Exception {
    fixture = new EngineFixture(root);
    Pipeline pipeline =
        workflow(
            """
            on: push
            jobs:
              build:
                runs-on: local
                steps:
                  - run: echo "not a variable" >> "$GITHUB_ENV"
            """);

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.step("build", "step-1").reason().orElseThrow())
        .contains("is neither key=value nor key<<DELIMITER (was \"not a variable\")");
  }

  @Test
  void jobMatrix_run_expandsOnlyThatJobAndNeedsSeesAllItsInstances() throws Exception {
    fixture = new EngineFixture(root);
    Pipeline pipeline =
        workflow(
            """
            on: push
            jobs:
              test:
                runs-on: local
                strategy:
                  matrix:
                    n: [1, 2, 3]
                    exclude: [{n: 3}]
                    include: [{n: 2, extra: yes}]
                outputs:
                  last: ${{ matrix.n }}
                steps:
                  - run: echo "n=${{ matrix.n }} env=$MATRIX_N extra=${{ matrix.extra }}"
              lint:
                runs-on: local
                steps:
                  - run: echo lint
              after:
                needs: [test, lint]
                runs-on: local
                steps:
                  - run: echo "result=${{ needs.test.result }} last=${{ needs.test.outputs.last }}"
            """);

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.result().stages())
        .extracting(StageResult::name)
        .containsExactly("test [n=1]", "test [n=2, extra=yes]", "lint", "after");
    assertThat(run.log("test [n=1]", "step-1")).containsExactly("n=1 env=1 extra=");
    assertThat(run.log("test [n=2, extra=yes]", "step-1")).containsExactly("n=2 env=2 extra=yes");
    assertThat(run.log("after", "step-1")).containsExactly("result=success last=2");
    var afterStarted =
        run.events(io.chengis.api.BuildEvent.StageStarted.class).stream()
            .map(io.chengis.api.BuildEvent.StageStarted::stage)
            .toList();
    assertThat(afterStarted.indexOf("after"))
        .isGreaterThan(afterStarted.indexOf("test [n=1]"))
        .isGreaterThan(afterStarted.indexOf("test [n=2, extra=yes]"));
  }

  @Test
  void failedMatrixInstance_run_skipsTheJobThatNeedsIt() throws Exception {
    fixture = new EngineFixture(root);
    Pipeline pipeline =
        workflow(
            """
            on: push
            jobs:
              test:
                runs-on: local
                strategy:
                  matrix:
                    n: [1, 2]
                steps:
                  - run: test "${{ matrix.n }}" = 1
              after:
                needs: test
                runs-on: local
                steps:
                  - run: echo never
              report:
                needs: test
                if: failure()
                runs-on: local
                steps:
                  - run: echo "test was ${{ needs.test.result }}"
            """);

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.stage("after").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(run.log("report", "step-1")).containsExactly("test was failure");
  }

  @Test
  void maxParallelOne_run_startsEachInstanceAfterThePreviousEnded() throws Exception {
    fixture = new EngineFixture(root);
    Pipeline pipeline =
        workflow(
            """
            on: push
            jobs:
              test:
                runs-on: local
                strategy:
                  max-parallel: 1
                  matrix:
                    n: [1, 2, 3]
                steps:
                  - run: "true"
            """);

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    List<String> order =
        run.events().stream()
            .<String>mapMulti(
                (event, out) -> {
                  if (event instanceof io.chengis.api.BuildEvent.StageStarted started) {
                    out.accept("start " + started.stage());
                  } else if (event instanceof io.chengis.api.BuildEvent.StageFinished finished) {
                    out.accept("end " + finished.result().name());
                  }
                })
            .toList();
    assertThat(order)
        .containsExactly(
            "start test [n=1]",
            "end test [n=1]",
            "start test [n=2]",
            "end test [n=2]",
            "start test [n=3]",
            "end test [n=3]");
  }

  @Test
  void failFast_run_skipsTheInstancesThatHaveNotStarted() throws Exception {
    fixture = new EngineFixture(root);
    Pipeline pipeline =
        workflow(
            """
            on: push
            jobs:
              test:
                runs-on: local
                strategy:
                  max-parallel: 1
                  matrix:
                    n: [1, 2, 3]
                steps:
                  - run: test "${{ matrix.n }}" != 2
            """);

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.stage("test [n=1]").outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(run.stage("test [n=2]").outcome()).isEqualTo(Outcome.FAILURE);
    assertThat(run.stage("test [n=3]").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(run.stage("test [n=3]").reason())
        .contains("matrix instance \"test [n=2]\" failed and the matrix fails fast");
  }

  @Test
  void failFastFalse_run_runsEveryInstance() throws Exception {
    fixture = new EngineFixture(root);
    Pipeline pipeline =
        workflow(
            """
            on: push
            jobs:
              keep-going:
                runs-on: local
                strategy:
                  fail-fast: false
                  max-parallel: 1
                  matrix:
                    n: [1, 2, 3]
                steps:
                  - run: test "${{ matrix.n }}" != 2
            """);

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.stage("keep-going [n=2]").outcome()).isEqualTo(Outcome.FAILURE);
    assertThat(run.stage("keep-going [n=3]").outcome()).isEqualTo(Outcome.SUCCESS);
  }

  @Test
  void secretsContext_run_isResolvedThroughTheBackendsAndMasked() throws Exception {
    InMemoryAuditLog audit = new InMemoryAuditLog();
    fixture = new EngineFixture(root, ChengisEngine.builder().secrets(secrets(audit)));
    Pipeline pipeline =
        workflow(
            """
            on: push
            jobs:
              build:
                runs-on: local
                outputs:
                  token: ${{ secrets.DEPLOY_TOKEN }}
                steps:
                  - if: secrets.DEPLOY_TOKEN != ''
                    run: echo has token
                  - if: ${{ secrets.MISSING != '' }}
                    run: echo never
                  - env:
                      T: ${{ secrets.DEPLOY_TOKEN || 'none' }}
                    run: echo "t=$T"
              ship:
                needs: build
                runs-on: local
                steps:
                  - env:
                      FROM_OUTPUT: ${{ needs.build.outputs.token }}
                    run: echo "from output=$FROM_OUTPUT"
            """);

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.log("build", "step-1")).containsExactly("has token");
    assertThat(run.step("build", "step-2").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(run.log("build", "step-3")).containsExactly("t=***");
    assertThat(run.log("ship", "step-1")).containsExactly("from output=");
    assertThat(run.result().warnings())
        .containsExactly(
            "stage \"build\" output \"token\" is left out because it holds a secret; pass the"
                + " secret itself to the steps that need it, e.g. env TOKEN: ${{ secrets.NAME }}");
    assertThat(run.events().toString()).doesNotContain("s3cr3t-v4lue");
    assertThat(audit.read(new io.chengis.api.spi.AuditQuery(io.chengis.api.OrgId.DEFAULT, 0, 100)))
        .isNotEmpty()
        .allSatisfy(entry -> assertThat(entry.toString()).doesNotContain("s3cr3t-v4lue"));
  }

  private static SecretResolver secrets(InMemoryAuditLog audit) {
    String masterKey = Base64.getEncoder().encodeToString(new byte[32]);
    LocalSecretBackend local =
        LocalSecretBackend.of(
            SecretCipher.of("k1", Secret.of(masterKey)), new InMemorySecretVault());
    local.put(new SecretScope.Global(), "DEPLOY_TOKEN", Secret.of("s3cr3t-v4lue"));
    return SecretResolver.builder()
        .backend("local", local)
        .auditLog(audit)
        .clock(InstantSource.system())
        .build();
  }
}
