package io.chengis.engine.internal;

import io.chengis.api.Condition;
import io.chengis.api.JobId;
import io.chengis.api.SourceSpec;
import io.chengis.api.spi.SourceRevision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The engine's side of source checkout: which ref a trigger asks for, the {@code GIT_*} variables,
 * the monorepo filters, and the last successful commit per job (the base for changed files).
 * Thread-safe.
 */
public final class SourceCheckout {
  private final ConcurrentMap<JobId, String> lastGoodCommits = new ConcurrentHashMap<>();

  /** Creates an empty memory of successful commits. */
  public SourceCheckout() {}

  /** The source to check out: the trigger's commit, else its branch, else the declared ref. */
  static SourceSpec effective(
      SourceSpec declared, Optional<String> branch, Optional<String> commit) {
    return commit.or(() -> branch).map(declared::withRef).orElse(declared);
  }

  /** The commit of the job's last successful build, the base for its changed files. */
  Optional<String> baseCommit(JobId job) {
    return Optional.ofNullable(lastGoodCommits.get(job));
  }

  /** Remembers a successful build's commit. */
  void succeeded(JobId job, String commit) {
    lastGoodCommits.put(job, commit);
  }

  /** The {@code GIT_*} environment variables of a checked-out revision. */
  static Map<String, String> environment(SourceRevision revision) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GIT_COMMIT", revision.commit());
    revision.branch().ifPresent(branch -> env.put("GIT_BRANCH", branch));
    revision.tag().ifPresent(tag -> env.put("GIT_TAG", tag));
    env.put("GIT_AUTHOR", revision.author());
    env.put("GIT_EMAIL", revision.email());
    env.put("GIT_MESSAGE", revision.message());
    revision
        .changedFiles()
        .ifPresent(files -> env.put("GIT_CHANGED_FILES", String.join("\n", files)));
    return env;
  }

  /**
   * Why a monorepo filter does not hold, or empty when it holds or the changed files are unknown.
   */
  static Optional<String> unmet(
      Condition.ChangedFiles filter, Optional<SourceRevision> revision, String owner) {
    Optional<List<String>> changed = revision.flatMap(SourceRevision::changedFiles);
    if (changed.isEmpty() || (filter.paths().isEmpty() && filter.pathsIgnore().isEmpty())) {
      return Optional.empty();
    }
    List<PathGlob> include = filter.paths().stream().map(PathGlob::of).toList();
    List<PathGlob> exclude = filter.pathsIgnore().stream().map(PathGlob::of).toList();
    if (changed.get().stream().anyMatch(path -> PathGlob.selects(path, include, exclude))) {
      return Optional.empty();
    }
    return Optional.of(
        "no changed file matches the "
            + owner
            + " paths filter (paths "
            + filter.paths()
            + ", pathsIgnore "
            + filter.pathsIgnore()
            + "; "
            + changed.get().size()
            + " file(s) changed)");
  }
}
