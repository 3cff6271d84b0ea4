package io.chengis.api.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A page of a job's builds, newest (highest number) first.
 *
 * <p>Immutable and thread-safe.
 *
 * @param job the job
 * @param cursor the {@link Page#next()} cursor of the previous page; empty for the first page
 * @param limit the most builds to return, 1 to 1000
 * @since 0.1.0
 */
public record BuildQuery(JobRef job, Optional<String> cursor, int limit) {
  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException when the limit is out of range
   */
  public BuildQuery {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(cursor, "cursor");
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException(
          "build query limit is out of range (was " + limit + "); ask for 1 to 1000 builds a page");
    }
  }
}
