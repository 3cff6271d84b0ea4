package io.chengis.api.spi;

import io.chengis.api.JobId;
import io.chengis.api.internal.OrderedCopies;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A build waiting to be claimed by a worker.
 *
 * <p>Claim order: higher {@code priority} first, then older {@code enqueuedAt}; an entry is not
 * claimable before {@code notBefore}. An entry whose lease expired after {@code maxAttempts} claims
 * is dead-lettered instead of claimed again.
 *
 * <p>Immutable and thread-safe.
 *
 * @param build the build
 * @param jobId the build's job
 * @param labels what a worker must offer to run it, e.g. {@code linux}, {@code docker}
 * @param enqueuedAt when it was queued; older entries are claimed first
 * @param priority larger runs first; {@link #NORMAL_PRIORITY} by default
 * @param notBefore the earliest instant it may be claimed
 * @param maxAttempts how many claims may expire before the entry is dead-lettered, at least 1
 * @since 0.1.0
 */
public record QueueEntry(
    BuildRef build,
    JobId jobId,
    Set<String> labels,
    Instant enqueuedAt,
    int priority,
    Instant notBefore,
    int maxAttempts) {
  /** The priority of an entry that asks for none. */
  public static final int NORMAL_PRIORITY = 0;

  /** The attempts of an entry that asks for none. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** Checks and copies the components. */
  public QueueEntry {
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(jobId, "jobId");
    labels = OrderedCopies.set(labels, "labels");
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
    Objects.requireNonNull(notBefore, "notBefore");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "queue entry of build "
              + build.buildId()
              + " allows too few attempts (was "
              + maxAttempts
              + "); allow at least 1");
    }
  }

  /**
   * An entry of normal priority, claimable at once, with the default attempts.
   *
   * @param build the build
   * @param jobId the build's job
   * @param labels what a worker must offer
   * @param enqueuedAt when it was queued
   * @since 0.1.0
   */
  public QueueEntry(BuildRef build, JobId jobId, Set<String> labels, Instant enqueuedAt) {
    this(build, jobId, labels, enqueuedAt, NORMAL_PRIORITY, enqueuedAt, DEFAULT_MAX_ATTEMPTS);
  }

  /**
   * This entry with another priority.
   *
   * @param priority larger runs first
   * @return the copy
   * @since 0.1.0
   */
  public QueueEntry withPriority(int priority) {
    return new QueueEntry(build, jobId, labels, enqueuedAt, priority, notBefore, maxAttempts);
  }

  /**
   * This entry, not claimable before the given instant.
   *
   * @param notBefore the earliest claim
   * @return the copy
   * @since 0.1.0
   */
  public QueueEntry withNotBefore(Instant notBefore) {
    return new QueueEntry(build, jobId, labels, enqueuedAt, priority, notBefore, maxAttempts);
  }

  /**
   * This entry with another attempt budget.
   *
   * @param maxAttempts claims that may expire before it is dead-lettered
   * @return the copy
   * @since 0.1.0
   */
  public QueueEntry withMaxAttempts(int maxAttempts) {
    return new QueueEntry(build, jobId, labels, enqueuedAt, priority, notBefore, maxAttempts);
  }
}
