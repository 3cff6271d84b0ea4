package io.chengis.dsl.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.ApprovalGate;
import io.chengis.api.ArtifactSpec;
import io.chengis.api.CacheSpec;
import io.chengis.api.Condition;
import io.chengis.api.Notification;
import io.chengis.api.NotifyWhen;
import io.chengis.api.Parameter;
import io.chengis.api.ParameterType;
import io.chengis.api.Pipeline;
import io.chengis.api.SourceLocation;
import io.chengis.api.Stage;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import io.chengis.api.Trigger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChengisYamlFormatTest {
  static final Path FILE = Path.of("src/test/resources/formats/.chengis/workflow.yml");
  static final String NAME = FILE.toString();

  final Pipeline pipeline = PipelineFormats.parse(FILE);

  @Test
  void workflowWithEveryKey_read_givesThePipelineLevelValues() {
    assertThat(pipeline.name()).isEqualTo("api");
    assertThat(pipeline.description()).isEqualTo("Builds, tests and ships the API");
    assertThat(pipeline.env())
        .containsExactly(Map.entry("MAVEN_OPTS", "-Xmx1g"), Map.entry("RETRIES", "3"));
    var container = pipeline.container().orElseThrow();
    assertThat(container.image()).isEqualTo("eclipse-temurin:21");
    assertThat(container.volumes()).containsExactly("/m2:/root/.m2");
    assertThat(container.workdir()).contains("/src");
    assertThat(container.network()).contains("host");
    assertThat(container.user()).contains("1000");
    assertThat(container.extraArgs()).containsExactly("--cpus", "2");
    assertThat(container.location()).isEqualTo(SourceLocation.of(NAME, 4, 3));
    assertThat(pipeline.parameters())
        .containsExactly(
            new Parameter(
                "target",
                ParameterType.CHOICE,
                "Where to deploy",
                Optional.of("staging"),
                List.of("staging", "production"),
                SourceLocation.of(NAME, 14, 3)),
            new Parameter(
                "skip-tests",
                ParameterType.BOOLEAN,
                "",
                Optional.of("false"),
                List.of(),
                SourceLocation.of(NAME, 19, 3)));
    assertThat(pipeline.triggers())
        .containsExactly(
            new Trigger.Push(List.of("main"), SourceLocation.of(NAME, 23, 3)),
            new Trigger.Cron("0 3 * * *", SourceLocation.of(NAME, 26, 13)));
    var matrix = pipeline.matrix().orElseThrow();
    assertThat(matrix.axes())
        .containsExactly(Map.entry("jdk", List.of("17", "21")), Map.entry("os", List.of("linux")));
    assertThat(matrix.exclude()).containsExactly(Map.of("jdk", "17"));
    assertThat(matrix.include()).containsExactly(Map.of("jdk", "25"));
    assertThat(pipeline.artifacts())
        .containsExactly(
            new ArtifactSpec(
                List.of("target/*.jar", "target/reports/**"),
                List.of(),
                true,
                SourceLocation.of(NAME, 97, 3)));
    assertThat(pipeline.notifications())
        .containsExactly(
            new Notification(
                "slack",
                Map.of("channel", "#builds"),
                NotifyWhen.ON_FAILURE,
                SourceLocation.of(NAME, 100, 5)));
    assertThat(pipeline.post().always()).extracting(Step::name).containsExactly("cleanup");
    assertThat(pipeline.post().onSuccess()).extracting(Step::name).containsExactly("celebrate");
    assertThat(pipeline.post().onFailure()).extracting(Step::name).containsExactly("alert");
  }

  @Test
  void workflowWithEveryKey_read_givesStagesAndSteps() {
    assertThat(pipeline.stages())
        .extracting(Stage::name)
        .containsExactly("build", "test", "deploy", "docs");
    Stage build = pipeline.stages().get(0);
    assertThat(build.location()).isEqualTo(SourceLocation.of(NAME, 35, 5));
    Step compile = build.steps().getFirst();
    assertThat(compile)
        .isEqualTo(
            new Step(
                "compile",
                new StepAction.Shell("./mvnw -B compile", Optional.empty()),
                Map.of("CI", "true"),
                Optional.of("api"),
                Optional.of(Duration.ofMinutes(10)),
                Condition.ALWAYS,
                io.chengis.api.RetryPolicy.none(),
                false,
                List.of(),
                SourceLocation.of(NAME, 37, 9)));
    Stage test = pipeline.stages().get(1);
    assertThat(test.parallel()).isTrue();
    assertThat(test.dependsOn()).containsExactly("build");
    assertThat(test.condition())
        .isEqualTo(new Condition.Expression("${{ params.skip-tests != 'true' }}"));
    assertThat(test.env()).containsExactly(Map.entry("TZ", "UTC"));
    assertThat(test.timeout()).contains(Duration.ofMinutes(30));
    assertThat(test.labels()).containsExactly("linux");
    assertThat(test.caches())
        .containsExactly(
            new CacheSpec(
                "m2-${{ hashFiles('**/pom.xml') }}",
                List.of(".m2/repository"),
                List.of("m2-"),
                SourceLocation.of(NAME, 52, 9)));
    assertThat(test.steps().get(0).continueOnError()).isTrue();
    assertThat(test.steps().get(1).workingDir()).contains("api");
    assertThat(test.steps().get(1).condition()).isEqualTo(new Condition.Expression("always()"));
    Stage deploy = pipeline.stages().get(2);
    assertThat(deploy.condition()).isEqualTo(new Condition.ParamEquals("target", "production"));
    assertThat(deploy.container().orElseThrow().image()).isEqualTo("alpine:3.20");
    assertThat(deploy.approval())
        .contains(
            new ApprovalGate(
                "Ship to production?",
                List.of("alice", "bob"),
                List.of("release"),
                2,
                Optional.of(Duration.ofMinutes(60)),
                SourceLocation.of(NAME, 70, 7)));
    StepAction ship = deploy.steps().getFirst().action();
    assertThat(ship).isInstanceOf(StepAction.Container.class);
    assertThat(((StepAction.Container) ship).container().image())
        .isEqualTo("curlimages/curl:8.10.1");
    assertThat(((StepAction.Container) ship).command())
        .isEqualTo("curl -X POST https://deploy.example.com");
    Stage docs = pipeline.stages().get(3);
    assertThat(docs.condition()).isEqualTo(new Condition.OnBranch("main"));
    assertThat(docs.steps().getFirst().action())
        .isEqualTo(new StepAction.Shell("./mvnw -B site", Optional.of("bash")));
  }
}
