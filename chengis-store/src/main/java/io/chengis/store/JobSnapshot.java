package io.chengis.store;

import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import java.util.Objects;

/**
 * The definition a job last ran with, kept so that a build can be retried as it ran: a {@code
 * PipelineDefinition} class name, or the text of a pipeline file with the path it was read from.
 *
 * <p>Immutable and thread-safe.
 *
 * @param org the organization
 * @param jobId the job
 * @param version counts from 1, up by one each time the definition changes
 * @param source {@code class} or the file's path
 * @param definition the class name or the file's text
 * @since 0.1.0
 */
public record JobSnapshot(OrgId org, JobId jobId, int version, String source, String definition) {
  /** The source of a snapshot of a {@code PipelineDefinition} class. */
  public static final String CLASS = "class";

  /** Checks the components. */
  public JobSnapshot {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(definition, "definition");
  }
}
