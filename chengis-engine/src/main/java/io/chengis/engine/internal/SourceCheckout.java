package io.chengis.engine.internal;

import io.chengis.api.Conclusion;
import io.chengis.api.Condition;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.SourceSpec;
import io.chengis.api.spi.BuildQuery;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildStore;
import io.chengis.api.spi.JobRef;
import io.chengis.api.spi.Page;
import io.chengis.api.spi.SourceRevision;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The engine's side of source checkout: which ref a trigger asks for, the {@code GIT_*} variables,
 * the monorepo filters, the last successful commit per job (the base for changed files, read from
 * the build store) and the successful build that answers a duplicate trigger. Thread-safe.
 */
public final class SourceCheckout {
  /** How many of a job's newest builds are searched for a successful one. */
  private static final int SEARCHED = 200;

  private final BuildStore builds;
  private final OrgId org;
  private final Optional<Duration> dedupWindow;

  /**
   * Reads the builds' history from this store.
   *
   * @param builds the build store, which records each build's commit
   * @param org the organization
   * @param dedupWindow how long a successful build answers a trigger of the same commit and
   *     parameters; empty to always start a new build
   */
  public SourceCheckout(BuildStore builds, OrgId org, Optional<Duration> dedupWindow) {
    this.builds = builds;
    this.org = org;
    this.dedupWindow = dedupWindow;
  }

  /** The source to check out: the trigger's commit, else its branch, else the declared ref. */
  static SourceSpec effective(
      SourceSpec declared, Optional<String> branch, Optional<String> commit) {
    return commit.or(() -> branch).map(declared::withRef).orElse(declared);
  }

  /**
   * The commit of the job's last successful build, the base for its changed files; from the build
   * store, so it survives restarts.
   */
  Optional<String> baseCommit(JobId job) {
    try {
      return newestSuccess(job, build -> build.commit().isPresent()).flatMap(BuildRecord::commit);
    } catch (RuntimeException unreadable) {
      // Unknown changes run every stage: a store that cannot answer must not fail the checkout.
      return Optional.empty();
    }
  }

  /**
   * The successful build that answers a trigger instead of a new build: same job, commit, branch
   * and parameters, queued within the deduplication window before {@code now}. The branch counts
   * because branch conditions may have skipped stages that a build of another branch runs.
   */
  public Optional<BuildRecord> duplicate(
      JobId job,
      Optional<String> commit,
      Optional<String> branch,
      Map<String, String> parameters,
      Instant now) {
    if (dedupWindow.isEmpty() || commit.isEmpty()) {
      return Optional.empty();
    }
    Instant since = now.minus(dedupWindow.get());
    return newestSuccess(
        job,
        build ->
            build.commit().equals(commit)
                && build.branch().equals(branch)
                && build.parameters().equals(parameters)
                && !build.queuedAt().isBefore(since));
  }

  private Optional<BuildRecord> newestSuccess(JobId job, Predicate<BuildRecord> wanted) {
    Optional<String> cursor = Optional.empty();
    int searched = 0;
    do {
      Page<BuildRecord> page = builds.list(new BuildQuery(new JobRef(org, job), cursor, 50));
      for (BuildRecord build : page.items()) {
        boolean succeeded =
            build.result().filter(r -> r.conclusion() == Conclusion.SUCCESS).isPresent();
        if (succeeded && wanted.test(build)) {
          return Optional.of(build);
        }
      }
      searched += page.items().size();
      cursor = page.next();
    } while (cursor.isPresent() && searched < SEARCHED);
    return Optional.empty();
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
