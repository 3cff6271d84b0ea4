package io.chengis.api.spi;

import io.chengis.api.BuildId;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import java.util.Objects;

/**
 * Which build to find: by id, or by job and number.
 *
 * <p>All implementations are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface BuildLookup permits BuildLookup.ById, BuildLookup.ByNumber {
  /**
   * Finds a build by its id.
   *
   * @param build the build
   * @since 0.1.0
   */
  record ById(BuildRef build) implements BuildLookup {
    /** Checks the components. */
    public ById {
      Objects.requireNonNull(build, "build");
    }
  }

  /**
   * Finds a build by its job and number.
   *
   * @param job the job
   * @param number the build number
   * @since 0.1.0
   */
  record ByNumber(JobRef job, long number) implements BuildLookup {
    /** Checks the components. */
    public ByNumber {
      Objects.requireNonNull(job, "job");
    }
  }

  /**
   * A lookup by id.
   *
   * @param org the organization
   * @param buildId the build
   * @return the lookup
   * @since 0.1.0
   */
  static BuildLookup byId(OrgId org, BuildId buildId) {
    return new ById(new BuildRef(org, buildId));
  }

  /**
   * A lookup by job and number.
   *
   * @param org the organization
   * @param jobId the job
   * @param number the build number
   * @return the lookup
   * @since 0.1.0
   */
  static BuildLookup byNumber(OrgId org, JobId jobId, long number) {
    return new ByNumber(new JobRef(org, jobId), number);
  }
}
