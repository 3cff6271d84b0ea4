package io.chengis.api.spi;

import io.chengis.api.BuildId;
import io.chengis.api.EventId;
import io.chengis.api.OrgId;
import java.util.Objects;
import java.util.Optional;

/**
 * Which stored events to replay: those of an organization (optionally one build) after a cursor.
 *
 * <p>Immutable and thread-safe.
 *
 * @param org the organization
 * @param buildId only this build's events; every build's when empty
 * @param after only events with a greater id; from the first event when empty
 * @param limit the most events to return, 1 to 10000
 * @since 0.1.0
 */
public record EventReplay(
    OrgId org, Optional<BuildId> buildId, Optional<EventId> after, int limit) {
  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException when the limit is out of range
   */
  public EventReplay {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(after, "after");
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException(
          "event replay limit is out of range (was " + limit + "); ask for 1 to 10000 events");
    }
  }
}
