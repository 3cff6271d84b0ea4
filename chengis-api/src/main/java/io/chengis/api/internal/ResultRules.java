package io.chengis.api.internal;

import io.chengis.api.Conclusion;
import io.chengis.api.Outcome;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The checks shared by the step, stage and build results. */
public final class ResultRules {
  private ResultRules() {}

  /**
   * Checks that a conclusion fits an outcome and that the timings are in order.
   *
   * @param subject the result, e.g. {@code step "test"}
   * @param outcome what happened
   * @param conclusion what it counts as
   * @param startedAt when it started
   * @param finishedAt when it finished
   * @throws IllegalArgumentException when they do not fit
   */
  public static void check(
      String subject,
      Outcome outcome,
      Conclusion conclusion,
      Optional<Instant> startedAt,
      Optional<Instant> finishedAt) {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(conclusion, "conclusion");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    boolean allowed = outcome.canBeAllowed() && conclusion == Conclusion.SUCCESS;
    if (conclusion != outcome.conclusion() && !allowed) {
      throw new IllegalArgumentException(
          subject
              + " conclusion does not fit its outcome "
              + outcome
              + " (was "
              + conclusion
              + "); use the conclusion of the same name, or SUCCESS for an allowed failure");
    }
    if (startedAt.isPresent()
        && finishedAt.isPresent()
        && finishedAt.get().isBefore(startedAt.get())) {
      throw new IllegalArgumentException(
          subject
              + " finished before it started (was started "
              + startedAt.get()
              + ", finished "
              + finishedAt.get()
              + "); record the times from one clock");
    }
  }

  /**
   * Quotes a name for a message.
   *
   * @param name the name
   * @return the name in double quotes
   */
  public static String quote(String name) {
    return "\"" + Objects.requireNonNull(name, "name") + "\"";
  }
}
