package io.chengis.notify.internal;

import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.StageResult;
import io.chengis.api.spi.NotificationRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What every notifier says about a finished build, in words: the job and number, the conclusion,
 * the duration, the failed stages, whether it broke or fixed the job, and the link.
 *
 * @param job the job
 * @param number the build number
 * @param conclusion the conclusion
 * @param verb the conclusion in words, e.g. {@code failed}
 * @param duration how long it ran, e.g. {@code 1m 3s}; empty when it never ran
 * @param failedStages the stages that failed, in declaration order
 * @param change {@code fixed}, {@code broken} or empty
 * @param link where to see it
 */
public record BuildSummary(
    String job,
    long number,
    Conclusion conclusion,
    String verb,
    Optional<String> duration,
    List<String> failedStages,
    Optional<String> change,
    Optional<String> link) {

  /**
   * Summarises a request.
   *
   * @param request the notification request
   * @return the summary
   */
  public static BuildSummary of(NotificationRequest request) {
    BuildResult result = request.result();
    Optional<String> duration =
        result
            .startedAt()
            .flatMap(start -> result.finishedAt().map(end -> Duration.between(start, end)))
            .map(BuildSummary::words);
    List<String> failed =
        result.stages().stream()
            .filter(stage -> stage.conclusion().isFailing())
            .map(StageResult::name)
            .toList();
    Optional<String> change =
        request.fixed()
            ? Optional.of("fixed")
            : request.broken() ? Optional.of("broken") : Optional.empty();
    return new BuildSummary(
        result.jobId().toString(),
        result.number(),
        result.conclusion(),
        verb(result.conclusion()),
        duration,
        failed,
        change,
        request.detailsUrl().map(Object::toString));
  }

  /**
   * The one-line headline, e.g. {@code app #12 failed in 1m 3s (broken)}.
   *
   * @return the headline
   */
  public String headline() {
    return job
        + " #"
        + number
        + " "
        + verb
        + duration.map(d -> " in " + d).orElse("")
        + change.map(c -> " (" + c + ")").orElse("");
  }

  /**
   * The failed stages in words, e.g. {@code failed stage: test}; empty when none failed.
   *
   * @return the text
   */
  public Optional<String> failures() {
    if (failedStages.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        (failedStages.size() == 1 ? "failed stage: " : "failed stages: ")
            + String.join(", ", failedStages));
  }

  /**
   * Whether the build counts as failing.
   *
   * @return {@code true} for failed, timed-out and cancelled builds
   */
  public boolean failing() {
    return conclusion.isFailing();
  }

  /**
   * The headline, the failures and the link as plain-text lines.
   *
   * @return the text
   */
  public String text() {
    StringBuilder text = new StringBuilder(headline());
    failures().ifPresent(f -> text.append('\n').append(f));
    link.ifPresent(l -> text.append('\n').append(l));
    return text.toString();
  }

  static String verb(Conclusion conclusion) {
    return switch (conclusion) {
      case SUCCESS -> "succeeded";
      case FAILURE -> "failed";
      case CANCELLED -> "was cancelled";
      case TIMED_OUT -> "timed out";
      case SKIPPED -> "was skipped";
    };
  }

  /** A duration as people read it: {@code 850ms}, {@code 42s}, {@code 1m 3s}, {@code 2h 5m}. */
  static String words(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    long seconds = duration.toSeconds();
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m " + seconds % 60 + "s";
    }
    return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
  }
}
