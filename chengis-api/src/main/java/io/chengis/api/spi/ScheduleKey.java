package io.chengis.api.spi;

import java.util.Objects;

/**
 * One cron trigger of a job: the key under which a {@link ScheduleStore} keeps its last slot.
 *
 * <p>Immutable and thread-safe.
 *
 * @param job the job and its organization
 * @param expression the cron expression, as the pipeline declares it
 * @since 0.1.0
 */
public record ScheduleKey(JobRef job, String expression) {
  /** Checks the components. */
  public ScheduleKey {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(expression, "expression");
    if (expression.isBlank()) {
      throw new IllegalArgumentException(
          "schedule of job "
              + job.jobId()
              + ": the cron expression is blank (was \""
              + expression
              + "\"); give the expression the pipeline declares, e.g. \"0 2 * * *\"");
    }
  }
}
