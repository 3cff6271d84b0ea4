package io.chengis.api.spi;

import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import java.util.Objects;

/**
 * Where a secret is defined. A build's secret is looked up job-scoped first, then org-scoped, then
 * global; the first found wins.
 *
 * <p>All implementations are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface SecretScope permits SecretScope.Global, SecretScope.Org, SecretScope.Job {
  /**
   * Visible to every build.
   *
   * @since 0.1.0
   */
  record Global() implements SecretScope {}

  /**
   * Visible to the builds of one organization.
   *
   * @param org the organization
   * @since 0.1.0
   */
  record Org(OrgId org) implements SecretScope {
    /** Checks the components. */
    public Org {
      Objects.requireNonNull(org, "org");
    }
  }

  /**
   * Visible to the builds of one job.
   *
   * @param org the job's organization
   * @param jobId the job
   * @since 0.1.0
   */
  record Job(OrgId org, JobId jobId) implements SecretScope {
    /** Checks the components. */
    public Job {
      Objects.requireNonNull(org, "org");
      Objects.requireNonNull(jobId, "jobId");
    }
  }
}
