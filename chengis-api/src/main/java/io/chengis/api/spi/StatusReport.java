package io.chengis.api.spi;

import io.chengis.api.BuildId;
import io.chengis.api.BuildState;
import io.chengis.api.Conclusion;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A build's status for one commit, as a forge (GitHub, GitLab, Gitea, Bitbucket) shows it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param org the organization
 * @param jobId the job; reporters use it as the status context
 * @param buildId the build
 * @param repository the repository's clone URL
 * @param commit the full commit id
 * @param state where the build is
 * @param conclusion the build's conclusion; present exactly when the state is {@link
 *     BuildState#FINISHED}
 * @param description a short human-readable summary
 * @param detailsUrl where to see the build, when the host has a UI
 * @param stage the stage this status is about, for per-stage statuses; empty for the whole build
 * @since 0.1.0
 */
public record StatusReport(
    OrgId org,
    JobId jobId,
    BuildId buildId,
    String repository,
    String commit,
    BuildState state,
    Optional<Conclusion> conclusion,
    String description,
    Optional<URI> detailsUrl,
    Optional<String> stage) {
  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException when a conclusion is present without the build being finished
   *     or the other way round
   */
  public StatusReport {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(conclusion, "conclusion");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(detailsUrl, "detailsUrl");
    Objects.requireNonNull(stage, "stage");
    if (conclusion.isPresent() != (state == BuildState.FINISHED)) {
      throw new IllegalArgumentException(
          "status report for build "
              + buildId
              + " in state "
              + state
              + " has a conclusion only a finished build has (was "
              + conclusion
              + "); give the conclusion exactly when the state is FINISHED");
    }
  }

  /**
   * A status of the whole build.
   *
   * @param org the organization
   * @param jobId the job
   * @param buildId the build
   * @param repository the repository's clone URL
   * @param commit the full commit id
   * @param state where the build is
   * @param conclusion the conclusion, present exactly when the state is finished
   * @param description a short human-readable summary
   * @param detailsUrl where to see the build
   * @since 0.1.0
   */
  public StatusReport(
      OrgId org,
      JobId jobId,
      BuildId buildId,
      String repository,
      String commit,
      BuildState state,
      Optional<Conclusion> conclusion,
      String description,
      Optional<URI> detailsUrl) {
    this(
        org,
        jobId,
        buildId,
        repository,
        commit,
        state,
        conclusion,
        description,
        detailsUrl,
        Optional.empty());
  }

  /**
   * The status context the forge shows: {@code chengis/<job>} for the build, {@code
   * chengis/<job>/<stage>} for a stage.
   *
   * @return the context
   * @since 0.1.0
   */
  public String context() {
    return "chengis/" + jobId + stage.map(s -> "/" + s).orElse("");
  }
}
