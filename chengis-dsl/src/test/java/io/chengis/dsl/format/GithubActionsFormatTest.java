package io.chengis.dsl.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.CacheSpec;
import io.chengis.api.Concurrency;
import io.chengis.api.Condition;
import io.chengis.api.ContainerSpec;
import io.chengis.api.Parameter;
import io.chengis.api.ParameterType;
import io.chengis.api.Pipeline;
import io.chengis.api.SourceLocation;
import io.chengis.api.Stage;
import io.chengis.api.StageOrder;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import io.chengis.api.Trigger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GithubActionsFormatTest {
  static final Path FORMATS = Path.of("src/test/resources/formats");

  static Pipeline read(String file) {
    return PipelineFormats.parse(FORMATS.resolve(file));
  }

  static String file(String name) {
    return FORMATS.resolve(name).toString();
  }

  @Test
  void mavenWorkflow_read_mapsCheckoutToAStepCacheToTheStageAndUploadToArtifacts() {
    Pipeline pipeline = read(".github/workflows/maven.yml");
    String file = file(".github/workflows/maven.yml");

    assertThat(pipeline.name()).isEqualTo("maven");
    assertThat(pipeline.description()).isEqualTo("Java CI with Maven");
    assertThat(pipeline.location()).isEqualTo(SourceLocation.of(file, 1, 1));
    assertThat(pipeline.env()).containsExactly(Map.entry("MAVEN_OPTS", "-Xmx1g"));
    assertThat(pipeline.triggers())
        .containsExactly(
            new Trigger.Push(List.of("main", "release/**"), SourceLocation.of(file, 4, 3)),
            new Trigger.PullRequest(List.of("main"), SourceLocation.of(file, 6, 3)));
    assertThat(pipeline.stages()).extracting(Stage::name).containsExactly("build");
    Stage build = pipeline.stages().getFirst();
    assertThat(build.labels()).containsExactly("ubuntu-latest");
    assertThat(build.timeout()).contains(Duration.ofMinutes(30));
    assertThat(build.location()).isEqualTo(SourceLocation.of(file, 13, 3));
    assertThat(build.steps())
        .extracting(Step::name)
        .containsExactly("step-1", "Build with Maven", "step-4");
    assertThat(build.steps().get(0).action())
        .isEqualTo(new StepAction.PluginStep("checkout", Map.of()));
    assertThat(build.steps().get(0).location()).isEqualTo(SourceLocation.of(file, 17, 9));
    assertThat(build.caches())
        .containsExactly(
            new CacheSpec(
                "m2-${{ hashFiles('**/pom.xml') }}",
                List.of(".m2/repository"),
                List.of("m2-"),
                SourceLocation.of(file, 21, 11)));
    assertThat(pipeline.artifacts()).isEmpty();
    assertThat(build.steps().get(2).action())
        .isEqualTo(
            new StepAction.PluginStep(
                "upload-artifact",
                Map.of(
                    "name", "surefire-reports",
                    "path", "**/target/surefire-reports",
                    "if-no-files-found", "warn")));
    assertThat(build.steps().get(2).condition()).isNotEqualTo(Condition.ALWAYS);
    Step maven = build.steps().get(1);
    assertThat(maven.action())
        .isEqualTo(new StepAction.Shell("./mvnw -B verify --file pom.xml", Optional.empty()));
    assertThat(maven.env()).containsExactly(Map.entry("CI", "true"));
  }

  @Test
  void matrixWorkflow_read_givesTheJobItsOwnMatrix() {
    Pipeline pipeline = read(".github/workflows/matrix.yml");
    String file = file(".github/workflows/matrix.yml");

    assertThat(pipeline.triggers())
        .containsExactly(new Trigger.Push(List.of(), SourceLocation.of(file, 2, 6)));
    assertThat(pipeline.matrix()).isEmpty();
    Stage test = pipeline.stages().getFirst();
    var matrix = test.matrix().orElseThrow();
    assertThat(matrix.axes())
        .containsExactly(
            Map.entry("os", List.of("ubuntu-latest", "windows-latest")),
            Map.entry("jdk", List.of("17", "21")));
    assertThat(matrix.exclude()).containsExactly(Map.of("os", "windows-latest", "jdk", "17"));
    assertThat(matrix.include())
        .containsExactly(Map.of("os", "ubuntu-latest", "jdk", "25", "experimental", "true"));
    assertThat(matrix.location()).isEqualTo(SourceLocation.of(file, 10, 9));
    assertThat(test.name()).isEqualTo("test");
    assertThat(test.labels()).containsExactly("${{ matrix.os }}");
    assertThat(test.steps().getFirst().action())
        .isEqualTo(
            new StepAction.Shell("./mvnw -B test -Djdk=${{ matrix.jdk }}", Optional.of("bash")));
  }

  @Test
  void dagWorkflow_read_namesStagesByJobIdMapsNeedsAndAppliesDefaults() {
    Pipeline pipeline = read(".github/workflows/dag.yml");
    String file = file(".github/workflows/dag.yml");

    assertThat(pipeline.isDag()).isTrue();
    assertThat(pipeline.stageOrder()).isEqualTo(StageOrder.DEPENDENCIES);
    assertThat(pipeline.stage("lint").orElseThrow().dependsOn()).isEmpty();
    assertThat(pipeline.triggers())
        .containsExactly(
            new Trigger.Push(List.of("main"), SourceLocation.of(file, 3, 3)),
            new Trigger.Cron("30 4 * * 1-5", SourceLocation.of(file, 6, 13)));
    assertThat(pipeline.concurrency())
        .contains(
            new Concurrency("release-${{ github.ref }}", Concurrency.OnConflict.CANCEL_RUNNING));
    assertThat(pipeline.stages())
        .extracting(Stage::name)
        .containsExactly("build", "lint", "publish");
    Stage build = pipeline.stages().get(0);
    assertThat(build.labels()).containsExactly("self-hosted", "linux", "x64");
    ContainerSpec container = build.container().orElseThrow();
    assertThat(container.image()).isEqualTo("eclipse-temurin:21");
    assertThat(container.volumes()).containsExactly("/cache:/cache");
    assertThat(container.extraArgs()).containsExactly("--cpus", "2", "--memory", "4g");
    assertThat(container.location()).isEqualTo(SourceLocation.of(file, 18, 7));
    assertThat(build.env()).containsExactly(Map.entry("LANG", "C.UTF-8"));
    assertThat(build.steps()).extracting(Step::name).containsExactly("compile", "step-2");
    assertThat(build.steps().getFirst().action())
        .isEqualTo(new StepAction.Shell("./mvnw -B package", Optional.of("bash")));
    assertThat(build.steps().getFirst().workingDir()).contains("app");
    Stage publish = pipeline.stage("publish").orElseThrow();
    assertThat(publish.dependsOn()).containsExactly("build", "lint");
    assertThat(publish.condition())
        .isEqualTo(new Condition.Expression("github.ref == 'refs/heads/main'"));
    assertThat(publish.env()).containsExactly(Map.entry("REGISTRY", "ghcr.io"));
    Step push = publish.steps().getFirst();
    assertThat(push.timeout()).contains(Duration.ofMinutes(5));
    assertThat(push.continueOnError()).isTrue();
    assertThat(push.workingDir()).contains("deploy");
    assertThat(publish.steps()).extracting(Step::name).containsExactly("push", "push-2");
  }

  @Test
  void dispatchWorkflow_read_turnsInputsIntoTypedParameters() {
    Pipeline pipeline = read(".github/workflows/dispatch.yml");
    String file = file(".github/workflows/dispatch.yml");

    assertThat(pipeline.triggers()).isEmpty();
    assertThat(pipeline.parameters())
        .containsExactly(
            new Parameter(
                "environment",
                ParameterType.CHOICE,
                "Where to deploy",
                Optional.of("staging"),
                List.of("staging", "production"),
                SourceLocation.of(file, 5, 7)),
            new Parameter(
                "dry-run",
                ParameterType.BOOLEAN,
                "Only print what would happen",
                Optional.of("false"),
                List.of(),
                SourceLocation.of(file, 10, 7)),
            new Parameter(
                "replicas",
                ParameterType.NUMBER,
                "",
                Optional.empty(),
                List.of(),
                SourceLocation.of(file, 14, 7)),
            new Parameter(
                "note",
                ParameterType.TEXT,
                "Free text",
                Optional.of(""),
                List.of(),
                SourceLocation.of(file, 17, 7)));
    assertThat(pipeline.stages().getFirst().steps().getFirst().action())
        .isEqualTo(new StepAction.Shell("./deploy.sh ${{ inputs.environment }}", Optional.empty()));
  }

  @Test
  void callsSeed_read_inlinesTheCallAndKeepsTheLateMatrixForTheEngine() {
    Pipeline pipeline = read(".github/workflows/calls.yml");
    String called = FORMATS.resolve(".github/workflows/called.yml").toAbsolutePath().toString();

    assertThat(pipeline.stageOrder()).isEqualTo(StageOrder.DEPENDENCIES);
    assertThat(pipeline.stages())
        .extracting(Stage::name)
        .containsExactly("setup", "build/compile", "build/package", "build", "test", "lint");
    Stage compile = pipeline.stage("build/compile").orElseThrow();
    assertThat(compile.location()).isEqualTo(SourceLocation.of(called, 21, 3));
    assertThat(compile.dependsOn()).containsExactly("setup");
    assertThat(compile.env()).containsExactly(Map.entry("GRADLE_OPTS", "-Xmx1g"));
    assertThat(compile.concurrency())
        .contains(new Concurrency("compile-${{ '17' }}", Concurrency.OnConflict.CANCEL_RUNNING));
    assertThat(pipeline.stage("build/package").orElseThrow().condition())
        .isEqualTo(new Condition.Expression("${{ (github.ref == 'refs/heads/main') }}"));
    Stage test = pipeline.stage("test").orElseThrow();
    assertThat(test.concurrency())
        .contains(new Concurrency("test-${{ matrix.os }}", Concurrency.OnConflict.QUEUE));
    assertThat(test.matrix().orElseThrow().expressions())
        .containsExactly(
            Map.entry("os", "${{ fromJSON(env.OSES) }}"),
            Map.entry("jdk", "${{ fromJSON(needs.setup.outputs.jdks) }}"));
    assertThat(pipeline.stage("lint").orElseThrow().matrix().orElseThrow().axes())
        .containsExactly(Map.entry("tool", List.of("checkstyle", "spotless")));
  }
}
