package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import io.chengis.api.internal.ResultRules;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened when a build ran: the final record the engine stores and publishes. A failing build
 * is this value with a failing {@link #conclusion()}, never an exception.
 *
 * <p>Immutable and thread-safe.
 *
 * @param buildId the build
 * @param jobId the job the build belongs to
 * @param number the build number within its job, from 1
 * @param attempt the attempt number, from 1; a retried build is a new build with a higher attempt
 * @param rootBuildId the first build of a chain of retries; empty for a first attempt
 * @param outcome what happened
 * @param conclusion what it counts as, by {@link Conclusion#combine} of the stages
 * @param startedAt when the build started running; empty when it never ran
 * @param finishedAt when it finished
 * @param reason why it failed, was cancelled or skipped, in words
 * @param stages the stage results, in declaration order (matrix instances in combination order)
 * @param post the results of the post-action steps, in the order they ran; they never change the
 *     conclusion
 * @param warnings problems that did not change the conclusion (failed post actions or notifiers)
 * @since 0.1.0
 */
public record BuildResult(
    BuildId buildId,
    JobId jobId,
    long number,
    int attempt,
    Optional<BuildId> rootBuildId,
    Outcome outcome,
    Conclusion conclusion,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    Optional<String> reason,
    List<StageResult> stages,
    List<StepResult> post,
    List<String> warnings) {

  /**
   * Checks and copies the components.
   *
   * @throws IllegalArgumentException when the number or attempt is below 1, the conclusion does not
   *     fit the outcome, or the build finished before it started
   */
  public BuildResult {
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(jobId, "jobId");
    String subject = "build " + jobId + " #" + number;
    if (number < 1 || attempt < 1) {
      throw new IllegalArgumentException(
          subject
              + " number and attempt must be at least 1 (was number "
              + number
              + ", attempt "
              + attempt
              + "); count builds and attempts from 1");
    }
    Objects.requireNonNull(rootBuildId, "rootBuildId");
    ResultRules.check(subject, outcome, conclusion, startedAt, finishedAt);
    Objects.requireNonNull(reason, "reason");
    stages = OrderedCopies.list(stages, "stages");
    post = OrderedCopies.list(post, "post");
    warnings = OrderedCopies.list(warnings, "warnings");
  }

  /**
   * Every allowed failure of the build's stages, with the stage it happened in.
   *
   * @return the allowed failures, in stage and step declaration order
   * @since 0.1.0
   */
  public List<AllowedFailure> allowedFailures() {
    return stages.stream()
        .flatMap(
            stage -> stage.allowedFailures().stream().map(step -> new AllowedFailure(stage, step)))
        .toList();
  }

  /**
   * A step that failed but was allowed to, with its stage.
   *
   * <p>Immutable and thread-safe.
   *
   * @param stage the stage the step belongs to
   * @param step the step result, an {@linkplain StepResult#allowedFailure() allowed failure}
   * @since 0.1.0
   */
  public record AllowedFailure(StageResult stage, StepResult step) {
    /** Checks the components. */
    public AllowedFailure {
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(step, "step");
    }
  }
}
