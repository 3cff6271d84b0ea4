package io.chengis.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  static StepResult step(String name, Outcome outcome, Conclusion conclusion) {
    return new StepResult(
        name,
        outcome,
        conclusion,
        Optional.of(T0),
        Optional.of(T0.plusSeconds(3)),
        Optional.of(outcome == Outcome.SUCCESS ? 0 : 1),
        1,
        Optional.empty(),
        Map.of());
  }

  static StageResult stage(String name, List<StepResult> steps) {
    return stage(name, Map.of(), steps, Map.of());
  }

  static StageResult stage(
      String name,
      Map<String, String> matrix,
      List<StepResult> steps,
      Map<String, String> outputs) {
    return new StageResult(
        name,
        matrix,
        Outcome.SUCCESS,
        Conclusion.SUCCESS,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        steps,
        outputs);
  }

  static BuildResult build(List<StageResult> stages) {
    return build(7, stages);
  }

  static BuildResult build(long number, List<StageResult> stages) {
    return new BuildResult(
        BuildId.of("01ARZ3NDEKTSV4RRFFQ69G5FAV"),
        JobId.of("api"),
        number,
        1,
        Optional.empty(),
        Outcome.SUCCESS,
        Conclusion.SUCCESS,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        stages,
        List.of(),
        List.of());
  }

  @Test
  void stepResult_failedWithContinueOnError_isAllowedFailure() {
    StepResult allowed = step("lint", Outcome.FAILURE, Conclusion.SUCCESS);

    assertThat(allowed.allowedFailure()).isTrue();
    assertThat(step("lint", Outcome.FAILURE, Conclusion.FAILURE).allowedFailure()).isFalse();
    assertThat(step("lint", Outcome.SUCCESS, Conclusion.SUCCESS).allowedFailure()).isFalse();
    assertThat(step("slow", Outcome.TIMED_OUT, Conclusion.SUCCESS).allowedFailure()).isTrue();
    assertThat(allowed.duration()).contains(Duration.ofSeconds(3));
  }

  @Test
  void stepResult_conclusionNotFittingOutcome_isRejectedWithFix() {
    assertThatThrownBy(() -> step("x", Outcome.CANCELLED, Conclusion.SUCCESS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "step \"x\" conclusion does not fit its outcome CANCELLED (was SUCCESS); use the"
                + " conclusion of the same name, or SUCCESS for an allowed failure");
    assertThatThrownBy(() -> step("x", Outcome.SUCCESS, Conclusion.FAILURE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stepResult_finishedBeforeStarted_isRejected() {
    assertThatThrownBy(
            () ->
                new StepResult(
                    "x",
                    Outcome.SUCCESS,
                    Conclusion.SUCCESS,
                    Optional.of(T0),
                    Optional.of(T0.minusSeconds(1)),
                    Optional.of(0),
                    1,
                    Optional.empty(),
                    Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finished before it started");
  }

  @Test
  void stepResult_skipped_hasReasonAndNoAttempts() {
    StepResult skipped = StepResult.skipped("deploy", "step \"build\" failed");

    assertThat(skipped.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(skipped.conclusion()).isEqualTo(Conclusion.SKIPPED);
    assertThat(skipped.attempts()).isZero();
    assertThat(skipped.reason()).contains("step \"build\" failed");
    assertThat(skipped.exitCode()).isEmpty();
  }

  @Test
  void results_nullComponents_areRejected() {
    assertThatNullPointerException()
        .isThrownBy(() -> step(null, Outcome.SUCCESS, Conclusion.SUCCESS))
        .withMessage("name");
    assertThatNullPointerException()
        .isThrownBy(() -> step("x", null, Conclusion.SUCCESS))
        .withMessage("outcome");
    List<StepResult> withNull = new ArrayList<>();
    withNull.add(null);
    assertThatNullPointerException()
        .isThrownBy(() -> stage("s", withNull))
        .withMessage("steps must not contain null");
    assertThatNullPointerException().isThrownBy(() -> build(null)).withMessage("stages");
  }

  @Test
  void results_childrenAndOutputs_keepOrderAndAreCopied() {
    List<StepResult> steps = new ArrayList<>();
    for (String name : List.of("zeta", "alpha", "mid")) {
      steps.add(step(name, Outcome.SUCCESS, Conclusion.SUCCESS));
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("z", "1");
    outputs.put("a", "2");
    StageResult stage = stage("Build [os=linux, jdk=21]", Map.of("os", "linux"), steps, outputs);
    steps.clear();
    outputs.put("b", "3");

    assertThat(stage.steps()).extracting(StepResult::name).containsExactly("zeta", "alpha", "mid");
    assertThat(stage.outputs().keySet()).containsExactly("z", "a");
    assertThatThrownBy(() -> stage.steps().add(stage.steps().getFirst()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void buildResult_allowedFailures_listsEachWithItsStageInOrder() {
    StepResult lint = step("lint", Outcome.FAILURE, Conclusion.SUCCESS);
    StepResult docs = step("docs", Outcome.TIMED_OUT, Conclusion.SUCCESS);
    StageResult verify =
        stage("verify", List.of(step("test", Outcome.SUCCESS, Conclusion.SUCCESS), lint));
    StageResult publish = stage("publish", List.of(docs));

    BuildResult result = build(List.of(verify, publish));

    assertThat(result.allowedFailures())
        .containsExactly(
            new BuildResult.AllowedFailure(verify, lint),
            new BuildResult.AllowedFailure(publish, docs));
    assertThat(verify.allowedFailures()).containsExactly(lint);
  }

  @Test
  void buildResult_numberBelowOne_isRejected() {
    assertThatThrownBy(() -> build(0, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "build api #0 number and attempt must be at least 1 (was number 0, attempt 1);"
                + " count builds and attempts from 1");
  }

  @Test
  void buildFinished_resultOfAnotherBuild_isRejected() {
    BuildId other = BuildId.of("01BX5ZZKBKACTAV9WEVGEMMVRZ");
    EventId id = EventId.of("01BX5ZZKBKACTAV9WEVGEMMVS0");
    BuildResult result = build(List.of());

    assertThatThrownBy(() -> new BuildEvent.BuildFinished(id, other, T0, result))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("carries the result of another build (was " + result.buildId());
    assertThat(new BuildEvent.BuildFinished(id, result.buildId(), T0, result).result())
        .isSameAs(result);
  }
}
