package io.chengis.api.spi;

import io.chengis.api.BuildId;
import io.chengis.api.BuildResult;
import io.chengis.api.BuildState;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.internal.OrderedCopies;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A build as the {@link BuildStore} keeps it: its identity, state and, once finished, result.
 *
 * <p>Immutable and thread-safe.
 *
 * @param org the organization
 * @param buildId the build
 * @param jobId the job
 * @param number the build number within the job, from 1
 * @param attempt the attempt number, from 1
 * @param rootBuildId the first build of a chain of retries; empty for a first attempt
 * @param state where the build is
 * @param parameters the parameter values supplied, in declaration order
 * @param queuedAt when it was queued
 * @param result the result; present exactly when the state is {@link BuildState#FINISHED}
 * @param commit the commit the build checked out (or, before its checkout, the commit its trigger
 *     asked for); empty when it has no source
 * @param branch the branch its trigger asked for, which branch conditions and the branch variables
 *     see; empty when the trigger named none (or the record predates branches being kept)
 * @param triggeredBy who or what started the build, e.g. a user name or {@code cron}; a resumed
 *     build keeps it; empty when the record predates it being kept
 * @since 0.1.0
 */
public record BuildRecord(
    OrgId org,
    BuildId buildId,
    JobId jobId,
    long number,
    int attempt,
    Optional<BuildId> rootBuildId,
    BuildState state,
    Map<String, String> parameters,
    Instant queuedAt,
    Optional<BuildResult> result,
    Optional<String> commit,
    Optional<String> branch,
    Optional<String> triggeredBy) {
  /**
   * Checks and copies the components.
   *
   * @throws IllegalArgumentException when the result does not match the state or the build
   */
  public BuildRecord {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(rootBuildId, "rootBuildId");
    Objects.requireNonNull(state, "state");
    parameters = OrderedCopies.map(parameters, "parameters");
    Objects.requireNonNull(queuedAt, "queuedAt");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(triggeredBy, "triggeredBy");
    if (result.isPresent() != (state == BuildState.FINISHED)
        || result.filter(r -> !r.buildId().equals(buildId)).isPresent()) {
      throw new IllegalArgumentException(
          "build record "
              + buildId
              + " in state "
              + state
              + " has a result that does not fit (was "
              + result.map(r -> "result of build " + r.buildId()).orElse("no result")
              + "); give this build's result exactly when the state is FINISHED");
    }
  }

  /**
   * A record without a branch or trigger, as before they were kept.
   *
   * @param org the organization
   * @param buildId the build
   * @param jobId the job
   * @param number the build number within the job, from 1
   * @param attempt the attempt number, from 1
   * @param rootBuildId the first build of a chain of retries; empty for a first attempt
   * @param state where the build is
   * @param parameters the parameter values supplied, in declaration order
   * @param queuedAt when it was queued
   * @param result the result; present exactly when the state is {@link BuildState#FINISHED}
   * @param commit the commit the build checked out, or its trigger asked for
   */
  public BuildRecord(
      OrgId org,
      BuildId buildId,
      JobId jobId,
      long number,
      int attempt,
      Optional<BuildId> rootBuildId,
      BuildState state,
      Map<String, String> parameters,
      Instant queuedAt,
      Optional<BuildResult> result,
      Optional<String> commit) {
    this(
        org,
        buildId,
        jobId,
        number,
        attempt,
        rootBuildId,
        state,
        parameters,
        queuedAt,
        result,
        commit,
        Optional.empty(),
        Optional.empty());
  }

  /**
   * A record without a commit.
   *
   * @param org the organization
   * @param buildId the build
   * @param jobId the job
   * @param number the build number within the job, from 1
   * @param attempt the attempt number, from 1
   * @param rootBuildId the first build of a chain of retries; empty for a first attempt
   * @param state where the build is
   * @param parameters the parameter values supplied, in declaration order
   * @param queuedAt when it was queued
   * @param result the result; present exactly when the state is {@link BuildState#FINISHED}
   */
  public BuildRecord(
      OrgId org,
      BuildId buildId,
      JobId jobId,
      long number,
      int attempt,
      Optional<BuildId> rootBuildId,
      BuildState state,
      Map<String, String> parameters,
      Instant queuedAt,
      Optional<BuildResult> result) {
    this(
        org,
        buildId,
        jobId,
        number,
        attempt,
        rootBuildId,
        state,
        parameters,
        queuedAt,
        result,
        Optional.empty());
  }

  /**
   * This record with another state and result.
   *
   * @param state the new state
   * @param result the result, present exactly when {@code state} is {@link BuildState#FINISHED}
   * @return the new record
   * @since 0.1.0
   */
  public BuildRecord withState(BuildState state, Optional<BuildResult> result) {
    return new BuildRecord(
        org,
        buildId,
        jobId,
        number,
        attempt,
        rootBuildId,
        state,
        parameters,
        queuedAt,
        result,
        commit,
        branch,
        triggeredBy);
  }
}
