package io.chengis.engine.secrets;

import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import java.util.Objects;

/**
 * A request for a job's secret, by whom: what {@link SecretResolver#resolve} looks up and audits.
 *
 * <p>Immutable and thread-safe.
 *
 * @param org the job's organization
 * @param job the job
 * @param name the secret's name, e.g. {@code GITHUB_TOKEN}
 * @param actor who asks, for the audit log: a build (e.g. {@code build:api-service#42}) or a user
 * @since 0.1.0
 */
public record SecretRequest(OrgId org, JobId job, String name, String actor) {
  /** Checks the components. */
  public SecretRequest {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(actor, "actor");
  }

  /**
   * A request.
   *
   * @param org the job's organization
   * @param job the job
   * @param name the secret's name
   * @param actor who asks
   * @return the request
   * @since 0.1.0
   */
  public static SecretRequest of(OrgId org, JobId job, String name, String actor) {
    return new SecretRequest(org, job, name, actor);
  }
}
