package io.chengis.dsl.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.Condition;
import io.chengis.api.Parameter;
import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Stage;
import io.chengis.api.StepAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jobs.<id>.uses: ./.github/workflows/x.yml}: called jobs inlined into the caller. */
class ReusableWorkflowsTest {
  @TempDir Path repo;

  Path write(String name, String text) throws Exception {
    Path file = Files.createDirectories(repo.resolve(".github/workflows")).resolve(name);
    Files.writeString(file, text);
    return file;
  }

  static final String BUILD =
      """
      on:
        workflow_call:
          inputs:
            jdk:
              type: string
              default: '21'
            release:
              type: boolean
              required: true
          secrets:
            token:
              required: true
          outputs:
            version:
              value: ${{ jobs.package.outputs.version }}
      env:
        SHARED: from-callee
      jobs:
        compile:
          runs-on: ubuntu-latest
          steps:
            - run: ./mvnw -Djdk=${{ inputs.jdk }} compile 'inputs.jdk'
        package:
          needs: compile
          if: ${{ inputs.release }}
          runs-on: ubuntu-latest
          outputs:
            version: ${{ steps.v.outputs.version }}
          steps:
            - id: v
              env:
                TOKEN: ${{ secrets.token }}
              run: echo "version=1.${{ needs.compile.result }}" >> "$GITHUB_OUTPUT"
      """;

  @Test
  void localCall_read_inlinesTheCalledJobsUnderTheCallerAndJoinsThem() throws Exception {
    write("build.yml", BUILD);
    Path ci =
        write(
            "ci.yml",
            """
            on: push
            jobs:
              lint:
                runs-on: ubuntu-latest
                steps:
                  - run: make lint
              build:
                needs: lint
                uses: ./.github/workflows/build.yml
                with:
                  release: true
                secrets:
                  token: ${{ secrets.DEPLOY_TOKEN }}
              ship:
                needs: build
                runs-on: ubuntu-latest
                steps:
                  - run: echo ${{ needs.build.outputs.version }}
            """);

    Pipeline pipeline = PipelineFormats.parse(ci);

    assertThat(pipeline.stages())
        .extracting(Stage::name)
        .containsExactly("lint", "build/compile", "build/package", "build", "ship");
    Stage compile = pipeline.stage("build/compile").orElseThrow();
    assertThat(compile.dependsOn()).containsExactly("lint");
    assertThat(compile.env()).containsExactly(Map.entry("SHARED", "from-callee"));
    assertThat(compile.steps().getFirst().action())
        .isEqualTo(
            new StepAction.Shell(
                "./mvnw -Djdk=${{ '21' }} compile 'inputs.jdk'", Optional.empty()));
    Stage pack = pipeline.stage("build/package").orElseThrow();
    assertThat(pack.dependsOn()).containsExactly("build/compile");
    assertThat(pack.condition()).isEqualTo(new Condition.Expression("${{ fromJSON('true') }}"));
    assertThat(pack.steps().getFirst().env())
        .containsExactly(Map.entry("TOKEN", "${{ (secrets.DEPLOY_TOKEN) }}"));
    assertThat(((StepAction.Shell) pack.steps().getFirst().action()).command())
        .isEqualTo("echo \"version=1.${{ needs['build/compile'].result }}\" >> \"$GITHUB_OUTPUT\"");
    Stage join = pipeline.stage("build").orElseThrow();
    assertThat(join.dependsOn()).containsExactly("build/compile", "build/package");
    assertThat(join.outputs())
        .containsExactly(Map.entry("version", "${{ needs['build/package'].outputs.version }}"));
    assertThat(pipeline.stage("ship").orElseThrow().dependsOn()).containsExactly("build");
  }

  @Test
  void inheritedSecretsAndCallerCondition_read_keepSecretsAndGuardEveryCalledJob()
      throws Exception {
    write("build.yml", BUILD);
    Path ci =
        write(
            "ci.yml",
            """
            on: push
            jobs:
              build:
                if: github.ref == 'refs/heads/main'
                uses: ./.github/workflows/build.yml
                with:
                  jdk: ${{ matrix.none || '17' }}
                  release: false
                secrets: inherit
            """);

    Pipeline pipeline = PipelineFormats.parse(ci);

    Stage compile = pipeline.stage("build/compile").orElseThrow();
    assertThat(compile.condition())
        .isEqualTo(new Condition.Expression("github.ref == 'refs/heads/main'"));
    assertThat(((StepAction.Shell) compile.steps().getFirst().action()).command())
        .isEqualTo("./mvnw -Djdk=${{ (matrix.none || '17') }} compile 'inputs.jdk'");
    Stage pack = pipeline.stage("build/package").orElseThrow();
    assertThat(pack.condition())
        .isEqualTo(
            new Condition.AllOf(
                List.of(
                    new Condition.Expression("github.ref == 'refs/heads/main'"),
                    new Condition.Expression("${{ fromJSON('false') }}"))));
    assertThat(pack.steps().getFirst().env())
        .containsExactly(Map.entry("TOKEN", "${{ secrets.token }}"));
  }

  @Test
  void calledWorkflowOnItsOwn_read_takesItsInputsAsParameters() throws Exception {
    Path build = write("build.yml", BUILD);

    Pipeline pipeline = PipelineFormats.parse(build);

    assertThat(pipeline.parameters()).extracting(Parameter::name).containsExactly("jdk", "release");
    assertThat(pipeline.stages()).extracting(Stage::name).containsExactly("compile", "package");
  }

  @Test
  void remoteCall_read_isALocatedProblemSayingWhatToDo() throws Exception {
    Path ci =
        write(
            "ci.yml",
            """
            on: push
            jobs:
              build:
                uses: octo-org/shared/.github/workflows/build.yml@v1
            """);

    assertThatThrownBy(() -> PipelineFormats.parse(ci))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageEndingWith(
            "ci.yml:4:11: job \"build\" calls the remote workflow"
                + " \"octo-org/shared/.github/workflows/build.yml@v1\", which Chengis does not"
                + " support; copy the workflow into .github/workflows/ of this repository and call"
                + " it with uses: ./.github/workflows/<file>.yml");
  }

  @Test
  void callCycle_read_isAProblemNamingTheCycle() throws Exception {
    write(
        "a.yml",
        """
        on: workflow_call
        jobs:
          again:
            uses: ./.github/workflows/b.yml
        """);
    write(
        "b.yml",
        """
        on:
          workflow_call:
        jobs:
          back:
            uses: ./.github/workflows/a.yml
        """);
    Path ci =
        write(
            "ci.yml",
            """
            on: push
            jobs:
              start:
                uses: ./.github/workflows/a.yml
            """);

    assertThatThrownBy(() -> PipelineFormats.parse(ci))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining(
            "b.yml:5:11: job \"back\" calls workflows in a cycle (.github/workflows/a.yml ->"
                + " .github/workflows/b.yml -> .github/workflows/a.yml); break the cycle");
  }

  @Test
  void badCalls_read_reportEveryProblemWithItsPlace() throws Exception {
    write("build.yml", BUILD);
    write(
        "plain.yml",
        """
        on: push
        jobs:
          x:
            runs-on: ubuntu-latest
            steps:
              - run: make
        """);
    Path ci =
        write(
            "ci.yml",
            """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                uses: ./.github/workflows/build.yml
                with:
                  jdk: '17'
                  flavour: fast
                secrets:
                  tokn: x
              other:
                uses: ./.github/workflows/plain.yml
              missing:
                uses: ./.github/workflows/nope.yml
            """);

    assertThatThrownBy(() -> PipelineFormats.parse(ci))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining(
            "ci.yml:4:5: job \"build\" sets runs-on beside uses, which a job calling a workflow"
                + " cannot; move it into the jobs of the called workflow")
        .hasMessageContaining(
            "ci.yml:7:7: job \"build\" with passes input \"flavour\", which"
                + " ./.github/workflows/build.yml does not declare; declare it under"
                + " on.workflow_call.inputs or remove it; the inputs are: jdk, release")
        .hasMessageContaining(
            "ci.yml:5:11: job \"build\" does not pass the required input \"release\" of"
                + " ./.github/workflows/build.yml; add it under with:")
        .hasMessageContaining(
            "ci.yml:10:7: job \"build\" secrets passes secret \"tokn\", which"
                + " ./.github/workflows/build.yml does not declare")
        .hasMessageContaining(
            "plain.yml:1:1: workflow is called with uses but has no on: workflow_call; add on:"
                + " workflow_call: to the called workflow")
        .hasMessageContaining(
            "ci.yml:14:11: job \"missing\" calls \"./.github/workflows/nope.yml\", which cannot"
                + " be read; check the path");
  }

  @Test
  void nestedCalls_read_nameStagesByEveryCallerAndPassInputsThrough() throws Exception {
    write(
        "inner.yml",
        """
        on:
          workflow_call:
            inputs:
              target:
                type: string
                required: true
            outputs:
              where:
                value: ${{ jobs.deploy.outputs.where }}
        jobs:
          deploy:
            runs-on: ubuntu-latest
            outputs:
              where: ${{ steps.d.outputs.where }}
            steps:
              - id: d
                run: ./deploy.sh ${{ inputs.target }}
        """);
    write(
        "outer.yml",
        """
        on:
          workflow_call:
            inputs:
              env:
                type: string
                default: staging
            outputs:
              where:
                value: ${{ jobs.ship.outputs.where }}
        jobs:
          ship:
            uses: ./.github/workflows/inner.yml
            with:
              target: eu-${{ inputs.env }}
        """);
    Path ci =
        write(
            "ci.yml",
            """
            on: push
            jobs:
              release:
                uses: ./.github/workflows/outer.yml
                with:
                  env: production
            """);

    Pipeline pipeline = PipelineFormats.parse(ci);

    assertThat(pipeline.stages())
        .extracting(Stage::name)
        .containsExactly("release/ship/deploy", "release/ship", "release");
    assertThat(
            ((StepAction.Shell)
                    pipeline.stage("release/ship/deploy").orElseThrow().steps().getFirst().action())
                .command())
        .isEqualTo("./deploy.sh ${{ format('eu-{0}', ('production')) }}");
    assertThat(pipeline.stage("release/ship").orElseThrow().dependsOn())
        .containsExactly("release/ship/deploy");
    assertThat(pipeline.stage("release").orElseThrow().outputs())
        .containsExactly(Map.entry("where", "${{ needs['release/ship'].outputs.where }}"));
  }
}
