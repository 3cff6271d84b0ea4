package io.chengis.store;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What retention deletes, per job: finished builds older than {@code buildsMaxAge} or beyond the
 * newest {@code keepBuilds} (with everything they own); separately, the logs and the events of
 * finished builds older than their own ages. A build that has not finished is never touched.
 *
 * <p>Immutable and thread-safe.
 *
 * @param buildsMaxAge finished builds older than this go, with their logs and events
 * @param keepBuilds at most this many finished builds per job stay, the newest
 * @param logsMaxAge the step logs of finished builds older than this go
 * @param eventsMaxAge the events of finished builds older than this go
 * @since 0.1.0
 */
public record RetentionPolicy(
    Optional<Duration> buildsMaxAge,
    OptionalInt keepBuilds,
    Optional<Duration> logsMaxAge,
    Optional<Duration> eventsMaxAge) {
  /** Checks the components. */
  public RetentionPolicy {
    Objects.requireNonNull(buildsMaxAge, "buildsMaxAge");
    Objects.requireNonNull(keepBuilds, "keepBuilds");
    Objects.requireNonNull(logsMaxAge, "logsMaxAge");
    Objects.requireNonNull(eventsMaxAge, "eventsMaxAge");
    for (Optional<Duration> age : java.util.List.of(buildsMaxAge, logsMaxAge, eventsMaxAge)) {
      if (age.filter(d -> d.isNegative() || d.isZero()).isPresent()) {
        throw new IllegalArgumentException(
            "retention age must be positive (was " + age.get() + "); e.g. P30D");
      }
    }
    if (keepBuilds.isPresent() && keepBuilds.getAsInt() < 1) {
      throw new IllegalArgumentException(
          "retention must keep at least one build per job (was "
              + keepBuilds.getAsInt()
              + "); give 1 or more, or no count");
    }
  }

  /**
   * Keeps everything.
   *
   * @return a policy that deletes nothing
   * @since 0.1.0
   */
  public static RetentionPolicy keepAll() {
    return new RetentionPolicy(
        Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * This policy, also deleting finished builds older than {@code age}.
   *
   * @param age the age
   * @return the copy
   * @since 0.1.0
   */
  public RetentionPolicy withBuildsMaxAge(Duration age) {
    return new RetentionPolicy(Optional.of(age), keepBuilds, logsMaxAge, eventsMaxAge);
  }

  /**
   * This policy, keeping at most {@code count} finished builds per job.
   *
   * @param count how many
   * @return the copy
   * @since 0.1.0
   */
  public RetentionPolicy withKeepBuilds(int count) {
    return new RetentionPolicy(buildsMaxAge, OptionalInt.of(count), logsMaxAge, eventsMaxAge);
  }

  /**
   * This policy, also deleting the logs of finished builds older than {@code age}.
   *
   * @param age the age
   * @return the copy
   * @since 0.1.0
   */
  public RetentionPolicy withLogsMaxAge(Duration age) {
    return new RetentionPolicy(buildsMaxAge, keepBuilds, Optional.of(age), eventsMaxAge);
  }

  /**
   * This policy, also deleting the events of finished builds older than {@code age}.
   *
   * @param age the age
   * @return the copy
   * @since 0.1.0
   */
  public RetentionPolicy withEventsMaxAge(Duration age) {
    return new RetentionPolicy(buildsMaxAge, keepBuilds, logsMaxAge, Optional.of(age));
  }

  /**
   * What a retention run deleted.
   *
   * @param builds builds deleted
   * @param logChunks log chunks deleted
   * @param events events deleted
   * @since 0.1.0
   */
  public record Report(int builds, int logChunks, int events) {}
}
