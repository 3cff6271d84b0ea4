package io.chengis.dsl.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.ApprovalGate;
import io.chengis.api.ArtifactSpec;
import io.chengis.api.CacheSpec;
import io.chengis.api.Condition;
import io.chengis.api.ContainerSpec;
import io.chengis.api.Notification;
import io.chengis.api.NotifyWhen;
import io.chengis.api.Parameter;
import io.chengis.api.ParameterType;
import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.PullPolicy;
import io.chengis.api.SecretRef;
import io.chengis.api.SourceLocation;
import io.chengis.api.Stage;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import io.chengis.api.spi.PipelineSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChengisfileFormatTest {
  static final Path FILE = Path.of("src/test/resources/formats/Chengisfile");
  static final String NAME = FILE.toString();

  final Pipeline pipeline = PipelineFormats.parse(FILE);

  static Pipeline parse(String file, String text) {
    return PipelineFormats.chengisfile().parse(new PipelineSource(file, text));
  }

  static void assertProblems(String text, String message) {
    assertThatThrownBy(() -> parse("Chengisfile", text))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessage(message);
  }

  @Test
  void chengisfileWithEveryKey_read_givesThePipelineLevelValues() {
    assertThat(pipeline.name()).isEqualTo("shop-api");
    assertThat(pipeline.description())
        .isEqualTo("Example Chengisfile for testing Pipeline as Code");
    assertThat(pipeline.location()).isEqualTo(SourceLocation.of(NAME, 2, 1));
    assertThat(pipeline.parameters())
        .containsExactly(
            new Parameter(
                "target",
                ParameterType.CHOICE,
                "",
                Optional.of("staging"),
                List.of("staging", "production"),
                SourceLocation.of(NAME, 4, 16)),
            new Parameter(
                "dry-run",
                ParameterType.BOOLEAN,
                "only print",
                Optional.of("false"),
                List.of(),
                SourceLocation.of(NAME, 5, 16)));
    assertThat(pipeline.env())
        .containsExactly(Map.entry("MAVEN_OPTS", "-Xmx1g"), Map.entry("CI_LEVEL", "2"));
    var source = pipeline.source().orElseThrow();
    assertThat(source.url()).isEqualTo("https://github.com/acme/shop.git");
    assertThat(source.ref()).contains("main");
    assertThat(source.depth()).isEqualTo(1);
    assertThat(source.credentials()).contains(SecretRef.of("GIT_TOKEN"));
    var matrix = pipeline.matrix().orElseThrow();
    assertThat(matrix.axes())
        .containsExactly(
            Map.entry("jdk", List.of("17", "21")), Map.entry("os", List.of("linux", "mac")));
    assertThat(matrix.exclude()).containsExactly(Map.of("jdk", "17", "os", "mac"));
    assertThat(matrix.combinations()).hasSize(3);
    assertThat(pipeline.artifacts())
        .containsExactly(
            new ArtifactSpec(
                List.of("target/*.jar", "reports/**"),
                List.of(),
                true,
                SourceLocation.of(NAME, 32, 13)));
    assertThat(pipeline.notifications())
        .containsExactly(
            new Notification(
                "slack",
                Map.of("channel", "#builds"),
                NotifyWhen.ON_FAILURE,
                SourceLocation.of(NAME, 33, 11)));
  }

  @Test
  void chengisfileWithEveryKey_read_givesStagesAndSteps() {
    assertThat(pipeline.stages())
        .extracting(Stage::name)
        .containsExactly("Build", "Test", "Deploy");
    Stage build = pipeline.stages().get(0);
    assertThat(build.location()).isEqualTo(SourceLocation.of(NAME, 10, 11));
    assertThat(build.steps()).extracting(Step::name).containsExactly("List", "Hello");
    Step hello = build.steps().get(1);
    assertThat(hello.action())
        .isEqualTo(new StepAction.Shell("echo Hello from Chengisfile!", Optional.empty()));
    assertThat(hello.env()).containsExactly(Map.entry("GREETING", "hi"));
    assertThat(hello.workingDir()).contains("app");
    assertThat(hello.timeout()).contains(Duration.ofSeconds(60));
    assertThat(hello.location()).isEqualTo(SourceLocation.of(NAME, 12, 20));

    Stage test = pipeline.stages().get(1);
    assertThat(test.parallel()).isTrue();
    assertThat(test.dependsOn()).containsExactly("Build");
    assertThat(test.caches())
        .containsExactly(
            new CacheSpec(
                "m2-${{ hashFiles('pom.xml') }}",
                List.of(".m2/repository"),
                List.of("m2-"),
                SourceLocation.of(NAME, 17, 20)));
    assertThat(test.steps().get(1).condition()).isEqualTo(new Condition.OnBranch("main"));

    Stage deploy = pipeline.stages().get(2);
    assertThat(deploy.condition()).isEqualTo(new Condition.ParamEquals("target", "production"));
    assertThat(deploy.approval())
        .contains(
            new ApprovalGate(
                "Ship it?",
                List.of("ada", "linus"),
                List.of("release"),
                2,
                Optional.of(Duration.ofMinutes(30)),
                SourceLocation.of(NAME, 24, 22)));
    ContainerSpec container = deploy.container().orElseThrow();
    assertThat(container.image()).isEqualTo("alpine:3.20");
    assertThat(container.workdir()).contains("/src");
    assertThat(container.pullPolicy()).isEqualTo(PullPolicy.ALWAYS);
    StepAction.Container ship = (StepAction.Container) deploy.steps().get(0).action();
    assertThat(ship.command()).isEqualTo("./deploy.sh");
    assertThat(ship.container().image()).isEqualTo("curlimages/curl:8.8.0");
    assertThat(ship.container().network()).contains("host");
  }

  @Test
  void chengisfileWithEveryKey_read_givesPostActions() {
    assertThat(pipeline.post().always()).extracting(Step::name).containsExactly("Cleanup");
    assertThat(pipeline.post().onSuccess())
        .extracting(Step::name)
        .containsExactly("Notify Success");
    assertThat(pipeline.post().onFailure()).extracting(Step::name).containsExactly("Alert");
    assertThat(pipeline.post().onCancel()).isEmpty();
  }

  @Test
  void chengisfileWithoutName_read_takesItsDirectoryName() {
    Pipeline named =
        parse(
            "repos/payments/Chengisfile",
            "{:stages [{:name \"a\" :steps [{:name \"s\" :run \"true\"}]}]}");
    Pipeline bare =
        parse("Chengisfile", "{:stages [{:name \"a\" :steps [{:name \"s\" :run \"true\"}]}]}");

    assertThat(named.name()).isEqualTo("payments");
    assertThat(bare.name()).isEqualTo("chengisfile");
  }

  @Test
  void format_accepts_chengisfileNamesOnly() {
    var format = PipelineFormats.chengisfile();

    assertThat(format.accepts("Chengisfile")).isTrue();
    assertThat(format.accepts("repo/Chengisfile.edn")).isTrue();
    assertThat(format.accepts("ci/api.chengis.edn")).isTrue();
    assertThat(format.accepts("chengisfile")).isFalse();
    assertThat(format.accepts("Chengisfile.example")).isFalse();
    assertThat(format.accepts("deps.edn")).isFalse();
  }

  @Test
  void unknownKeysAndWrongTypes_read_reportsEveryProblemWithItsPlace() {
    assertProblems(
        """
        {:descripton "typo"
         :stages [{:name "Build"
                   :parallel "yes"
                   :stpes []}
                  {:steps [{:name "s" :run 42 :timeout -5}]}]}
        """,
        """
        pipeline "chengisfile" has 7 problems:
          Chengisfile:1:2: Chengisfile has unknown key :descripton; did you mean :description? \
        allowed keys are: :name, :description, :parameters, :env, :source, :container, :matrix, \
        :stages, :post, :artifacts, :notify
          Chengisfile:4:12: stage 1 (Build) has unknown key :stpes; did you mean :steps? \
        allowed keys are: :name, :parallel, :when, :depends-on, :container, :env, :cache, \
        :cache-result, :approval, :steps
          Chengisfile:3:22: stage 1 (Build) :parallel must be true or false (was "yes"); write true or false
          Chengisfile:2:11: stage 1 (Build) has no :steps; add :steps [{:name "compile" :run "make"}]
          Chengisfile:5:11: stage 2 has no :name; add :name "Build"
          Chengisfile:5:36: stage 2 step 1 (s) :run must be a string (was 42); write it in double quotes
          Chengisfile:5:48: stage 2 step 1 (s) :timeout must be a positive whole number of milliseconds (was -5); write e.g. 10""");
  }

  @Test
  void syntaxError_read_isLocatedAtTheBracketThatIsNeverClosed() {
    assertProblems(
        """
        {:stages [{:name "Build"
                   :steps [{:name "s" :run "make"}]}
        """,
        """
        pipeline "chengisfile" has 1 problem:
          Chengisfile:1:10: EDN has a vector that is never closed; add the closing ']'""");
  }

  @Test
  void readerTag_read_isRefusedWithItsPlace() {
    assertProblems(
        "{:description #inst \"2024-01-01\"}",
        """
        pipeline "chengisfile" has 1 problem:
          Chengisfile:1:15: EDN has the tagged element #inst, and reader tags are not supported; \
        write the value as a plain string, e.g. "..."; Chengisfiles are read without reader tags \
        so that reading one never runs code""");
  }

  @Test
  void credentialsHoldingAToken_read_isRefused() {
    assertProblems(
        """
        {:source {:url "https://x/y.git" :credentials {:token "ghp_secret"}}
         :stages [{:name "a" :steps [{:name "s" :run "true"}]}]}
        """,
        """
        pipeline "chengisfile" has 1 problem:
          Chengisfile:1:47: :source :credentials must name a secret, not hold one (was a map); \
        store the token or SSH key as a secret and write :credentials "GIT_TOKEN\"""");
  }

  @Test
  void modelRules_read_areReportedAtTheFileLocations() {
    assertProblems(
        """
        {:stages [{:name "Test" :depends-on ["Build"]
                   :steps [{:name "s" :run "true"}]}]}
        """,
        """
        pipeline "chengisfile" has 1 problem:
          Chengisfile:1:11: stage "Test" depends on unknown stage "Build"; declare that stage, or \
        remove the dependency (this is the only stage)""");
  }

  @Test
  void notAMap_read_saysWhatAChengisfileIs() {
    assertProblems(
        "[1 2]",
        """
        pipeline "chengisfile" has 1 problem:
          Chengisfile:1:1: Chengisfile must be a map (was a vector); write {:key value ...}""");
  }
}
