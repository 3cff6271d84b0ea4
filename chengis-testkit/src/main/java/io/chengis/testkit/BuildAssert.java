package io.chengis.testkit;

import io.chengis.api.BuildResult;
import io.chengis.api.StageResult;
import io.chengis.api.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a finished build, printing the actual values when they fail:
 *
 * <pre>{@code
 * assertThat(build).conclusion().isSuccess();
 * assertThat(build).stage("deploy").isSkipped().because("branch");
 * assertThat(build).step("test").ranWithEnv("CI", "true");
 * }</pre>
 *
 * <p>Not thread-safe: use it on the test's thread.
 *
 * @since 0.1.0
 */
public final class BuildAssert extends AbstractAssert<BuildAssert, BuildResult> {
  private final BuildFacts facts;

  BuildAssert(BuildFacts facts) {
    super(facts.result(), BuildAssert.class);
    this.facts = facts;
  }

  /**
   * Assertions on the build's conclusion.
   *
   * @return the assertions
   * @since 0.1.0
   */
  public ConclusionAssert conclusion() {
    return new ConclusionAssert(actual.conclusion(), facts.describe(), details(actual));
  }

  /**
   * Assertions on one stage, by its name (a matrix combination by its full name, {@code Build
   * [os=linux]}).
   *
   * @param name the stage
   * @return the assertions
   * @since 0.1.0
   */
  public StageAssert stage(String name) {
    Optional<StageResult> stage =
        actual.stages().stream().filter(s -> s.name().equals(name)).findFirst();
    if (stage.isEmpty()) {
      failWithMessage(
          "Expected %s to have a stage \"%s\" but its stages were %s",
          facts.describe(), name, actual.stages().stream().map(StageResult::name).toList());
    }
    return new StageAssert(stage.orElseThrow(), facts);
  }

  /**
   * Assertions on the one step of this name, in any stage or among the post actions.
   *
   * @param name the step
   * @return the assertions
   * @since 0.1.0
   */
  public StepAssert step(String name) {
    List<String> places = new ArrayList<>();
    Optional<StepAssert> found = Optional.empty();
    for (StageResult stage : actual.stages()) {
      for (StepResult step : stage.steps()) {
        if (step.name().equals(name)) {
          places.add(stage.name());
          found = Optional.of(new StepAssert(step, stage.name(), facts));
        }
      }
    }
    for (StepResult step : actual.post()) {
      if (step.name().equals(name)) {
        places.add("post");
        found = Optional.of(new StepAssert(step, "post", facts));
      }
    }
    if (places.size() > 1) {
      failWithMessage(
          "Expected one step \"%s\" in %s but stages %s each have one; use"
              + " stage(\"...\").step(\"%s\")",
          name, facts.describe(), places, name);
    }
    if (found.isEmpty()) {
      failWithMessage(
          "Expected %s to have a step \"%s\" but its steps were %s",
          facts.describe(), name, allSteps());
    }
    return found.orElseThrow();
  }

  /**
   * Checks the build has a warning containing the text.
   *
   * @param text part of the warning
   * @return this
   * @since 0.1.0
   */
  public BuildAssert hasWarningContaining(String text) {
    if (actual.warnings().stream().noneMatch(w -> w.contains(text))) {
      failWithMessage(
          "Expected %s to have a warning containing \"%s\" but its warnings were %s",
          facts.describe(), text, actual.warnings());
    }
    return this;
  }

  private List<String> allSteps() {
    List<String> steps = new ArrayList<>();
    actual.stages().forEach(s -> s.steps().forEach(st -> steps.add(s.name() + "/" + st.name())));
    actual.post().forEach(st -> steps.add("post/" + st.name()));
    return steps;
  }

  /** What went wrong in a build, for failure messages. */
  static String details(BuildResult result) {
    StringBuilder text = new StringBuilder();
    result.reason().ifPresent(r -> text.append(" (").append(r).append(')'));
    for (StageResult stage : result.stages()) {
      text.append("\n  stage \"")
          .append(stage.name())
          .append("\": ")
          .append(stage.conclusion())
          .append(stage.reason().map(r -> " (" + r + ")").orElse(""));
      for (StepResult step : stage.steps()) {
        text.append("\n    step \"")
            .append(step.name())
            .append("\": ")
            .append(step.conclusion())
            .append(step.reason().map(r -> " (" + r + ")").orElse(""));
      }
    }
    return text.toString();
  }
}
