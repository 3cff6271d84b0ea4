package io.chengis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.ArtifactSpec;
import io.chengis.api.Condition;
import io.chengis.api.NotifyWhen;
import io.chengis.api.Parameter;
import io.chengis.api.ParameterType;
import io.chengis.api.Pipeline;
import io.chengis.api.Stage;
import io.chengis.api.Step;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JavaMavenPipelineTest {
  private final Pipeline pipeline = new JavaMavenPipeline().define();

  @Test
  void define_always_buildsTestsAndPackagesInOrder() {
    assertThat(pipeline.stages())
        .extracting(Stage::name)
        .containsExactly("Build", "Test", "Package");
    assertThat(pipeline.isDag()).isFalse();
    assertThat(pipeline.timeout()).contains(Duration.ofMinutes(30));
    assertThat(pipeline.env())
        .containsExactly(org.assertj.core.api.Assertions.entry("MAVEN_OPTS", "-Xmx1g"));
  }

  @Test
  void steps_always_runInTheMavenProjectDirectory() {
    assertThat(pipeline.stages())
        .flatExtracting(Stage::steps)
        .extracting(Step::workingDir)
        .allSatisfy(dir -> assertThat(dir).contains("junit-jupiter-starter-maven"));
  }

  @Test
  void testStage_skipTestsParameter_isAFalseByDefaultSwitch() {
    Parameter skipTests = pipeline.parameters().getFirst();

    assertThat(skipTests.name()).isEqualTo("skip-tests");
    assertThat(skipTests.type()).isEqualTo(ParameterType.BOOLEAN);
    assertThat(skipTests.defaultValue()).contains("false");
    assertThat(skipTests.envName()).isEqualTo("PARAM_SKIP_TESTS");
    assertThat(pipeline.stage("Test").orElseThrow().condition())
        .isEqualTo(new Condition.ParamEquals("skip-tests", "false"));
  }

  @Test
  void artifacts_always_keepTheJarAndTestReportsAlsoAfterFailures() {
    ArtifactSpec artifacts = pipeline.artifacts().getFirst();

    assertThat(artifacts.globs())
        .containsExactly(
            "junit-jupiter-starter-maven/target/*.jar",
            "junit-jupiter-starter-maven/target/surefire-reports/*.xml");
    assertThat(artifacts.collectOnFailure()).isTrue();
  }

  @Test
  void post_always_hasOneStepPerOutcome() {
    assertThat(pipeline.post().always()).extracting(Step::name).containsExactly("Disk usage");
    assertThat(pipeline.post().onSuccess()).extracting(Step::name).containsExactly("Announce");
    assertThat(pipeline.post().onFailure()).extracting(Step::name).containsExactly("Show reports");
    assertThat(pipeline.post().onCancel()).isEmpty();
    assertThat(pipeline.notifications().getFirst().when()).isEqualTo(NotifyWhen.ON_CHANGE);
  }
}
