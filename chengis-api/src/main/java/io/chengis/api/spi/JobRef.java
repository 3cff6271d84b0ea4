package io.chengis.api.spi;

import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import java.util.Objects;

/**
 * A job within its organization: the key of per-job store calls.
 *
 * <p>Immutable and thread-safe.
 *
 * @param org the organization
 * @param jobId the job
 * @since 0.1.0
 */
public record JobRef(OrgId org, JobId jobId) {
  /** Checks the components. */
  public JobRef {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(jobId, "jobId");
  }
}
