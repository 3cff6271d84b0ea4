package io.chengis.api.spi;

import io.chengis.api.JobId;
import io.chengis.api.internal.OrderedCopies;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A build waiting to be claimed by a worker.
 *
 * <p>Immutable and thread-safe.
 *
 * @param build the build
 * @param jobId the build's job
 * @param labels what a worker must offer to run it, e.g. {@code linux}, {@code docker}
 * @param enqueuedAt when it was queued; older entries are claimed first
 * @since 0.1.0
 */
public record QueueEntry(BuildRef build, JobId jobId, Set<String> labels, Instant enqueuedAt) {
  /** Checks and copies the components. */
  public QueueEntry {
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(jobId, "jobId");
    labels = OrderedCopies.set(labels, "labels");
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
  }
}
