package io.chengis.api.internal;

import io.chengis.api.BuildId;
import io.chengis.api.EventId;
import java.time.Instant;
import java.util.Objects;

/** The checks every build event shares. */
public final class EventRules {
  private EventRules() {}

  /**
   * Checks the components every event has.
   *
   * @param id the event id
   * @param buildId the build
   * @param timestamp when it happened
   */
  public static void check(EventId id, BuildId buildId, Instant timestamp) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /**
   * Checks that a result carried by an event belongs to the event's build.
   *
   * @param buildId the event's build
   * @param resultBuildId the result's build
   */
  public static void checkSameBuild(BuildId buildId, BuildId resultBuildId) {
    if (!buildId.equals(resultBuildId)) {
      throw new IllegalArgumentException(
          "build event for build "
              + buildId
              + " carries the result of another build (was "
              + resultBuildId
              + "); publish each result with its own build's id");
    }
  }
}
