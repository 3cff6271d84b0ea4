package io.chengis.scm;

import io.chengis.api.BuildState;
import io.chengis.api.Conclusion;
import io.chengis.api.JobId;
import io.chengis.api.ScmEvent;
import io.chengis.api.spi.ScmStatusReporter;
import io.chengis.api.spi.StatusReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Required checks per job, and auto-merge: publishes every status through a {@link
 * ForgeStatusReporter} and, when every required check of a job with auto-merge has succeeded on a
 * pull request's head commit, merges the pull request with the forge's merge API, once.
 *
 * <pre>{@code
 * AutoMerge merging = AutoMerge.builder(github)
 *     .requiredChecks(JobId.of("app"), List.of("chengis/app/build", "chengis/app/test"))
 *     .autoMerge(JobId.of("app"))
 *     .build();
 * // register it as the engine's status reporter, and tell it about pull requests:
 * merging.track(event);   // from WebhookIntake
 * }</pre>
 *
 * <p>A job's required checks default to its build status {@code chengis/<job>}. A check that failed
 * holds the merge until a later status of the same context succeeds on the same commit (a retried
 * build); a new push changes the head commit and starts over. Thread-safe.
 *
 * @since 0.1.0
 */
public final class AutoMerge implements ScmStatusReporter {
  private final ForgeStatusReporter forge;
  private final Map<JobId, List<String>> required;
  private final Set<JobId> merging;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Head, Map<String, Boolean>> passed = new HashMap<>();
  private final Map<Head, ScmEvent.PullRequest> pulls = new HashMap<>();
  private final Set<Head> merged = new HashSet<>();

  private AutoMerge(
      ForgeStatusReporter forge, Map<JobId, List<String>> required, Set<JobId> merging) {
    this.forge = forge;
    this.required = Map.copyOf(required);
    this.merging = Set.copyOf(merging);
  }

  /**
   * Starts describing auto-merge for a forge.
   *
   * @param forge the reporter that publishes statuses and merges
   * @return the builder
   * @since 0.1.0
   */
  public static Builder builder(ForgeStatusReporter forge) {
    return new Builder(Objects.requireNonNull(forge, "forge"));
  }

  /**
   * Remembers a pull request so that it can be merged when its checks pass; other events are
   * ignored.
   *
   * @param event the event from webhook intake
   * @since 0.1.0
   */
  public void track(ScmEvent event) {
    event
        .pullRequest()
        .ifPresent(
            pull -> {
              lock.lock();
              try {
                pulls.put(new Head(event.repositoryUrl(), event.commit()), pull);
              } finally {
                lock.unlock();
              }
            });
  }

  /**
   * The required checks of a job.
   *
   * @param job the job
   * @return the status contexts that must succeed
   * @since 0.1.0
   */
  public List<String> requiredChecks(JobId job) {
    return required.getOrDefault(job, List.of("chengis/" + job));
  }

  /**
   * Whether every required check of a job has succeeded on a commit.
   *
   * @param job the job
   * @param repository the repository's clone URL
   * @param commit the commit
   * @return {@code true} when all passed
   * @since 0.1.0
   */
  public boolean passed(JobId job, String repository, String commit) {
    lock.lock();
    try {
      Map<String, Boolean> checks = passed.getOrDefault(new Head(repository, commit), Map.of());
      return requiredChecks(job).stream().allMatch(c -> checks.getOrDefault(c, false));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Publishes the status, records it, and merges the pull request of the commit when this made
   * every required check of an auto-merge job pass.
   *
   * @throws io.chengis.api.PluginException when publishing or merging fails
   * @since 0.1.0
   */
  @Override
  public void report(StatusReport report) {
    forge.report(report);
    Head head = new Head(report.repository(), report.commit());
    Optional<ScmEvent.PullRequest> toMerge;
    lock.lock();
    try {
      boolean success =
          report.state() == BuildState.FINISHED
              && report.conclusion().filter(c -> c == Conclusion.SUCCESS).isPresent();
      passed.computeIfAbsent(head, h -> new LinkedHashMap<>()).put(report.context(), success);
      toMerge =
          Optional.ofNullable(pulls.get(head))
              .filter(pull -> !merged.contains(head))
              .filter(pull -> merging.contains(report.jobId()))
              .filter(pull -> allPassed(report.jobId(), head));
      toMerge.ifPresent(pull -> merged.add(head));
    } finally {
      lock.unlock();
    }
    if (toMerge.isPresent()) {
      try {
        forge.merge(report.repository(), toMerge.get().number(), report.commit());
      } catch (RuntimeException refused) {
        lock.lock();
        try {
          merged.remove(head);
        } finally {
          lock.unlock();
        }
        throw refused;
      }
    }
  }

  private boolean allPassed(JobId job, Head head) {
    Map<String, Boolean> checks = passed.getOrDefault(head, Map.of());
    return requiredChecks(job).stream().allMatch(c -> checks.getOrDefault(c, false));
  }

  /** A pull request's head: repository and commit. */
  private record Head(String repository, String commit) {}

  /**
   * Describes auto-merge. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final ForgeStatusReporter forge;
    private final Map<JobId, List<String>> required = new LinkedHashMap<>();
    private final Set<JobId> merging = new HashSet<>();

    private Builder(ForgeStatusReporter forge) {
      this.forge = forge;
    }

    /**
     * Sets the status contexts that must succeed for a job's pull requests.
     *
     * @param job the job
     * @param contexts e.g. {@code chengis/app} or {@code chengis/app/test}
     * @return this builder
     * @since 0.1.0
     */
    public Builder requiredChecks(JobId job, List<String> contexts) {
      if (contexts.isEmpty()) {
        throw new IllegalArgumentException(
            "required checks of job "
                + job
                + " are empty; list at least one status context, e.g. chengis/"
                + job);
      }
      required.put(Objects.requireNonNull(job, "job"), List.copyOf(new ArrayList<>(contexts)));
      return this;
    }

    /**
     * Merges a job's pull requests when their required checks pass.
     *
     * @param job the job
     * @return this builder
     * @since 0.1.0
     */
    public Builder autoMerge(JobId job) {
      merging.add(Objects.requireNonNull(job, "job"));
      return this;
    }

    /**
     * Builds it.
     *
     * @return the auto-merging reporter
     * @since 0.1.0
     */
    public AutoMerge build() {
      return new AutoMerge(forge, required, merging);
    }
  }
}
