package io.chengis.examples;

import static io.chengis.dsl.Conditions.onBranch;
import static io.chengis.dsl.Parameters.choice;
import static io.chengis.dsl.Steps.shell;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Problem;
import io.chengis.api.Stage;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.PipelineDefinitions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The code shown in README.md; {@link ReadmeTest} keeps the README equal to it. */
class ReadmeExampleTest {

  @Test
  void readmeExample_always_buildsAPipeline() {
    // README-BEGIN
    Pipeline api =
        Chengis.pipeline(
            "api",
            p ->
                p.description("Build, test and ship the API")
                    .parameter(choice("target", "staging", "production"))
                    .env("MAVEN_OPTS", "-Xmx1g")
                    .stage(
                        "verify",
                        s -> s.step("test", shell("./mvnw -B verify")).timeout(ofMinutes(20)))
                    .stage(
                        "deploy",
                        s ->
                            s.when(onBranch("main"))
                                .step("ship", shell("./deploy.sh $PARAM_TARGET"))));
    // README-END

    assertThat(api.stages()).extracting(Stage::name).containsExactly("verify", "deploy");
    assertThat(api.parameters().getFirst().defaultValue()).contains("staging");
    assertThat(api.stage("verify").orElseThrow().timeout()).contains(Duration.ofMinutes(20));
  }

  @Test
  void readmeDefinitionClass_loadedByName_definesItsPipeline() {
    Pipeline api =
        PipelineDefinitions.load(ApiPipeline.class.getName(), getClass().getClassLoader());

    assertThat(api.name()).isEqualTo("api");
    assertThat(api.stages()).extracting(Stage::name).containsExactly("verify", "deploy");
  }

  @Test
  void readmeBrokenExample_twoMistakes_reportsBothWithTheirLines() {
    PipelineDefinitionException error =
        catchThrowableOfType(PipelineDefinitionException.class, ReadmeExampleTest::broken);

    assertThat(error.problems())
        .extracting(Problem::problem)
        .containsExactly("depends on unknown stage \"build\"", "timeout must be positive");
    assertThat(error.problems())
        .allSatisfy(
            problem -> assertThat(problem.where().file()).isEqualTo("ReadmeExampleTest.java"));
  }

  @Test
  void readmeBrokenExample_message_isTheOneShownInTheReadme() {
    assertThatExceptionOfType(PipelineDefinitionException.class)
        .isThrownBy(ReadmeExampleTest::broken)
        .satisfies(error -> assertThat(ReadmeTest.readme()).contains(error.getMessage()));
  }

  private static Pipeline broken() {
    // README-BEGIN
    return Chengis.pipeline(
        "api",
        p ->
            p.stage(
                "deploy",
                s ->
                    s.dependsOn("build")
                        .step("ship", shell("./deploy.sh"), step -> step.timeout(Duration.ZERO))));
    // README-END
  }
}
