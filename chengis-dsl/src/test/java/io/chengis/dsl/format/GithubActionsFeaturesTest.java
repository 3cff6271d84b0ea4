package io.chengis.dsl.format;

import static io.chengis.api.Concurrency.OnConflict.CANCEL_RUNNING;
import static io.chengis.api.Concurrency.OnConflict.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.Matrix;
import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Stage;
import io.chengis.api.StepAction;
import io.chengis.api.Trigger;
import io.chengis.api.spi.ActionMapper;
import io.chengis.api.spi.ActionUse;
import io.chengis.api.spi.PipelineSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Job outputs, environments, per-job matrices, trigger filters and action mappings. */
class GithubActionsFeaturesTest {
  static final String FILE = ".github/workflows/ci.yml";

  static Pipeline read(String text) {
    return PipelineFormats.githubActions().parse(new PipelineSource(FILE, text));
  }

  @Test
  void featuresSeed_read_givesEveryFeatureItsPlaceInTheModel() {
    Pipeline pipeline =
        PipelineFormats.parse(
            java.nio.file.Path.of("src/test/resources/formats/.github/workflows/features.yml"));

    Stage build = pipeline.stage("build").orElseThrow();
    assertThat(build.steps())
        .extracting(io.chengis.api.Step::name)
        .containsExactly("step-1", "version", "step-4");
    assertThat(build.caches().getFirst().paths())
        .containsExactly(".m2/repository", ".gradle/caches");
    assertThat(pipeline.artifacts()).isEmpty();
    assertThat(build.steps())
        .extracting(io.chengis.api.Step::action)
        .contains(
            new StepAction.PluginStep(
                "upload-artifact",
                Map.of(
                    "name", "jars",
                    "path", "target/*.jar\n!target/*-sources.jar\n",
                    "if-no-files-found", "warn")));
    Stage test = pipeline.stage("test").orElseThrow();
    assertThat(test.matrix().orElseThrow().combinations()).hasSize(4);
    assertThat(test.steps())
        .extracting(io.chengis.api.Step::action)
        .first()
        .isEqualTo(new StepAction.PluginStep("download-artifact", Map.of("name", "jars")));
    assertThat(test.steps()).hasSize(2);
    assertThat(pipeline.triggers()).hasSize(2);
  }

  @Test
  void jobOutputsAndEnvironment_read_becomeStageOutputsAndEnv() {
    Pipeline pipeline =
        read(
            """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                environment:
                  name: production
                  url: https://example.com
                outputs:
                  version: ${{ steps.v.outputs.version }}
                steps:
                  - id: v
                    run: echo "version=1.2" >> "$GITHUB_OUTPUT"
              ship:
                needs: build
                runs-on: ubuntu-latest
                environment: staging
                steps:
                  - run: echo ${{ needs.build.outputs.version }}
            """);

    Stage build = pipeline.stage("build").orElseThrow();
    assertThat(build.outputs())
        .containsExactly(Map.entry("version", "${{ steps.v.outputs.version }}"));
    assertThat(build.env()).containsEntry("CHENGIS_ENVIRONMENT", "production");
    assertThat(pipeline.stage("ship").orElseThrow().env())
        .containsEntry("CHENGIS_ENVIRONMENT", "staging");
  }

  @Test
  void differentJobMatrices_read_giveEachJobItsOwnMatrix() {
    Pipeline pipeline =
        read(
            """
            on: push
            jobs:
              test:
                runs-on: ubuntu-latest
                strategy:
                  matrix:
                    jdk: [17, 21]
                    os: [linux, mac]
                    exclude: [{jdk: 17, os: mac}]
                    include: [{jdk: 25, os: linux}]
                steps: [{run: make test}]
              lint:
                runs-on: ubuntu-latest
                strategy:
                  matrix:
                    tool: [pmd, spotbugs]
                steps: [{run: make lint}]
              deploy:
                needs: [test, lint]
                runs-on: ubuntu-latest
                steps: [{run: make deploy}]
            """);

    assertThat(pipeline.matrix()).isEmpty();
    Matrix test = pipeline.stage("test").orElseThrow().matrix().orElseThrow();
    assertThat(test.combinations())
        .containsExactly(
            Map.of("jdk", "17", "os", "linux"),
            Map.of("jdk", "21", "os", "linux"),
            Map.of("jdk", "21", "os", "mac"),
            Map.of("jdk", "25", "os", "linux"));
    assertThat(pipeline.stage("lint").orElseThrow().matrix().orElseThrow().axes())
        .containsOnlyKeys("tool");
    assertThat(pipeline.stage("deploy").orElseThrow().matrix()).isEmpty();
    assertThat(pipeline.stage("deploy").orElseThrow().dependsOn()).containsExactly("test", "lint");
  }

  @Test
  void triggerFilters_read_keepEveryFilter() {
    Pipeline pipeline =
        read(
            """
            on:
              push:
                branches-ignore: [wip/**]
                tags: [v*]
                paths-ignore: [docs/**]
              pull_request:
                branches: [main]
                paths: [src/**, '!src/**/*.md']
                types: [opened, labeled]
            jobs:
              b: {runs-on: x, steps: [{run: make}]}
            """);

    Trigger.Push push = (Trigger.Push) pipeline.triggers().get(0);
    assertThat(push.branches()).isEmpty();
    assertThat(push.branchesIgnore()).containsExactly("wip/**");
    assertThat(push.tags()).containsExactly("v*");
    assertThat(push.pathsIgnore()).containsExactly("docs/**");
    assertThat(push.matches("refs/heads/main", List.of("src/A.java"))).isTrue();
    assertThat(push.matches("refs/heads/wip/x", List.of("src/A.java"))).isFalse();
    assertThat(push.matches("refs/tags/v1.0", List.of())).isTrue();
    assertThat(push.matches("refs/tags/release-1", List.of())).isFalse();
    assertThat(push.matches("refs/heads/main", List.of("docs/a.md", "docs/b.md"))).isFalse();
    Trigger.PullRequest pr = (Trigger.PullRequest) pipeline.triggers().get(1);
    assertThat(pr.types()).containsExactly("opened", "labeled");
    assertThat(pr.matches("labeled", "main", List.of("src/A.java"))).isTrue();
    assertThat(pr.matches("synchronize", "main", List.of("src/A.java"))).isFalse();
    assertThat(pr.matches("opened", "main", List.of("src/README.md"))).isFalse();
    assertThat(pr.matches("opened", "dev", List.of("src/A.java"))).isFalse();
  }

  @Test
  void actionFromAServiceLoadedProvider_read_isMappedByIt() {
    Pipeline pipeline =
        read(
            """
            on: push
            jobs:
              b:
                runs-on: x
                steps:
                  - uses: actions/setup-java@v4
                    with: {java-version: '21', distribution: temurin}
            """);

    assertThat(pipeline.stages().getFirst().steps().getFirst().action())
        .isEqualTo(new StepAction.Shell("java -version 2>&1 | grep -q '\"21' ", Optional.empty()));
  }

  @Test
  void providerRefusingTheInputs_read_reportsItsMessageAtTheStep() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    on: push
                    jobs:
                      b:
                        runs-on: x
                        steps:
                          - uses: actions/setup-java@v4
                            with: {distribution: temurin}
                    """))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining(
            ".github/workflows/ci.yml:7:15: job \"b\" step 1 cannot use actions/setup-java@v4: needs"
                + " java-version (was nothing); add with: java-version: '21'; fix the step's with:"
                + " inputs");
  }

  @Test
  void mapperRegisteredInCode_read_winsAndIsListedAsMappable() {
    ActionMapper gradle =
        new ActionMapper() {
          @Override
          public List<String> actions() {
            return List.of("gradle/actions/setup-gradle");
          }

          @Override
          public StepAction map(ActionUse use) {
            return new StepAction.PluginStep("gradle", Map.of("ref", use.ref()));
          }
        };
    var format = PipelineFormats.githubActions(List.of(gradle));
    String text =
        """
        on: push
        jobs:
          b:
            runs-on: x
            steps:
              - uses: gradle/actions/setup-gradle@v3
              - uses: acme/unknown@v1
        """;

    assertThatThrownBy(() -> format.parse(new PipelineSource(FILE, text)))
        .hasMessageContaining(
            "uses acme/unknown@v1, which Chengis cannot map; the mappable actions are:"
                + " actions/checkout, actions/cache, actions/upload-artifact,"
                + " actions/download-artifact, gradle/actions/setup-gradle, actions/setup-java,"
                + " acme/duplicate;");
    Pipeline pipeline =
        format.parse(new PipelineSource(FILE, text.replace("      - uses: acme/unknown@v1\n", "")));
    assertThat(pipeline.stages().getFirst().steps().getFirst().action())
        .isEqualTo(new StepAction.PluginStep("gradle", Map.of("ref", "v3")));
  }

  @Test
  void actionMappedByTwoPlugins_read_isAProblemNamingBoth() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    on: push
                    jobs:
                      b:
                        runs-on: x
                        steps:
                          - uses: acme/duplicate@v1
                    """))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining(
            ".github/workflows/ci.yml:6:15: job \"b\" step 1 uses acme/duplicate@v1, which several"
                + " plugins map: io.chengis.dsl.format.fixtures.DuplicateActionProviders$First and"
                + " io.chengis.dsl.format.fixtures.DuplicateActionProviders$Second; remove one of the"
                + " plugins, or register the mapper to use in code with"
                + " PipelineFormats.githubActions(List.of(mapper))");
  }

  @Test
  void checkoutWithSecretToken_read_namesTheSecretOnly() {
    Pipeline pipeline =
        read(
            """
            on: push
            jobs:
              b:
                runs-on: x
                steps:
                  - uses: actions/checkout@v4
                    with:
                      repository: acme/tools
                      token: ${{ secrets.TOOLS_TOKEN }}
                      fetch-depth: 0
                  - uses: actions/download-artifact@v4
                    with: {name: reports}
            """);

    assertThat(pipeline.stages().getFirst().steps())
        .extracting(io.chengis.api.Step::action)
        .containsExactly(
            new StepAction.PluginStep(
                "checkout",
                Map.of(
                    "repository", "acme/tools",
                    "fetch-depth", "0",
                    "credentials", "TOOLS_TOKEN")),
            new StepAction.PluginStep("download-artifact", Map.of("name", "reports")));
  }

  @Test
  void jobsWithoutNeeds_read_areIndependentStagesNotAChain() {
    Pipeline pipeline =
        read(
            """
            on: push
            jobs:
              unit:
                runs-on: ubuntu-latest
                steps:
                  - run: make test
              lint:
                runs-on: ubuntu-latest
                steps:
                  - run: make lint
            """);

    assertThat(pipeline.stageOrder()).isEqualTo(io.chengis.api.StageOrder.DEPENDENCIES);
    assertThat(pipeline.isDag()).isTrue();
    assertThat(pipeline.stages()).allSatisfy(stage -> assertThat(stage.dependsOn()).isEmpty());
  }

  @Test
  void jobConcurrency_read_becomesTheStagesGroupWithItsExpressionKept() {
    Pipeline pipeline =
        read(
            """
            on: push
            concurrency: ci-${{ github.ref }}
            jobs:
              deploy:
                runs-on: ubuntu-latest
                concurrency:
                  group: deploy-${{ matrix.env }}
                  cancel-in-progress: true
                strategy:
                  matrix:
                    env: [staging, production]
                steps:
                  - run: make deploy
              docs:
                runs-on: ubuntu-latest
                concurrency: docs
                steps:
                  - run: make docs
              test:
                runs-on: ubuntu-latest
                steps:
                  - run: make test
            """);

    assertThat(pipeline.concurrency())
        .contains(new io.chengis.api.Concurrency("ci-${{ github.ref }}", QUEUE));
    assertThat(pipeline.stage("deploy").orElseThrow().concurrency())
        .contains(new io.chengis.api.Concurrency("deploy-${{ matrix.env }}", CANCEL_RUNNING));
    assertThat(pipeline.stage("docs").orElseThrow().concurrency())
        .contains(new io.chengis.api.Concurrency("docs", QUEUE));
    assertThat(pipeline.stage("test").orElseThrow().concurrency()).isEmpty();
  }

  @Test
  void jobConcurrencyWithoutGroup_read_isALocatedProblem() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    on: push
                    jobs:
                      deploy:
                        runs-on: ubuntu-latest
                        concurrency:
                          cancel-in-progress: yes-please
                        steps:
                          - run: make deploy
                    """))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessage(
            """
            pipeline "ci" has 2 problems:
              .github/workflows/ci.yml:6:27: job "deploy" concurrency cancel-in-progress must be true \
            or false (was "yes-please"); write true or false
              .github/workflows/ci.yml:6:7: job "deploy" concurrency has no group; add group: \
            ${{ github.ref }}""");
  }
}
