package io.chengis.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineImageAndCronRulesTest {
  private static final SourceLocation CRON_AT = SourceLocation.of("Chengisfile", 3, 5);
  private static final SourceLocation IMAGE_AT = SourceLocation.of("Chengisfile", 7, 3);

  @Test
  void pipeline_badCronAndBadImage_reportsBothProblems() {
    ContainerSpec badImage = withLocation(ContainerSpec.of("Foo:1"), IMAGE_AT);

    PipelineDefinitionException failure =
        catchThrowableOfType(
            PipelineDefinitionException.class,
            () -> pipeline(Optional.of(badImage), new Trigger.Cron("0 24 * * *", CRON_AT)));

    assertThat(failure.problems())
        .extracting(Problem::message)
        .containsExactlyInAnyOrder(
            "Chengisfile:7:3: pipeline \"api\" container image repository name must be lower-case"
                + " (was \"Foo:1\"); use a reference such as \"eclipse-temurin:21\" or"
                + " \"registry.example.com/team/app:1.2\"",
            "Chengisfile:3:5: cron trigger field 2 (hour) at column 3: 24 is out of range 0-23"
                + " (was \"0 24 * * *\"); use five fields (minute hour day-of-month month"
                + " day-of-week), e.g. \"0 2 * * 1-5\", or a macro such as \"@daily\"");
  }

  @Test
  void pipeline_validCronAndImage_builds() {
    Pipeline pipeline =
        pipeline(
            Optional.of(ContainerSpec.of("registry.example.com/team/app:1.2")),
            new Trigger.Cron("@daily", CRON_AT));

    assertThat(pipeline.triggers()).hasSize(1);
  }

  private static Pipeline pipeline(Optional<ContainerSpec> container, Trigger trigger) {
    Step step = Step.of("test", new StepAction.Shell("./mvnw -B verify", Optional.empty()));
    return new Pipeline(
        "api",
        "",
        List.of(),
        Map.of(),
        Optional.empty(),
        container,
        Optional.empty(),
        List.of(Stage.of("verify", List.of(step))),
        PostActions.none(),
        List.of(),
        List.of(),
        List.of(),
        List.of(trigger),
        Optional.empty(),
        Optional.empty(),
        Set.of(),
        SourceLocation.unknown());
  }

  private static ContainerSpec withLocation(ContainerSpec spec, SourceLocation location) {
    return new ContainerSpec(
        spec.image(),
        spec.volumes(),
        spec.cacheVolumes(),
        spec.workdir(),
        spec.network(),
        spec.pullPolicy(),
        spec.extraArgs(),
        spec.user(),
        spec.resources(),
        location);
  }
}
