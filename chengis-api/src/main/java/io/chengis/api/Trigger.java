package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import io.chengis.api.internal.TriggerFilters;
import java.util.List;
import java.util.Objects;

/**
 * What starts builds of a pipeline besides a manual trigger. A closed set.
 *
 * <p>All implementations are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface Trigger permits Trigger.Cron, Trigger.Push, Trigger.PullRequest {

  /**
   * Where this trigger was declared.
   *
   * @return the location
   */
  SourceLocation location();

  /**
   * On a schedule written as a five-field cron expression ({@code minute hour day-of-month month
   * day-of-week}) or a macro such as {@code @daily}.
   *
   * @param expression the cron expression
   * @param location where it was declared
   * @since 0.1.0
   */
  record Cron(String expression, SourceLocation location) implements Trigger {
    /** Checks the components. */
    public Cron {
      Objects.requireNonNull(expression, "expression");
      Objects.requireNonNull(location, "location");
    }
  }

  /**
   * On a push, filtered as GitHub Actions filters {@code on.push}: by branch ({@code branches} or
   * {@code branchesIgnore}), by tag ({@code tags} or {@code tagsIgnore}) and by the changed files
   * ({@code paths} or {@code pathsIgnore}). Filters are globs ({@code *}, {@code **}, {@code ?},
   * {@code +}, {@code [...]}); a leading {@code !} negates, and the last matching pattern decides.
   * With branch filters only, pushes of tags do not match, and the other way round; with neither,
   * every push does.
   *
   * @param branches branch globs (any branch when empty and no other ref filter is given)
   * @param branchesIgnore branch globs that do not start a build
   * @param tags tag globs
   * @param tagsIgnore tag globs that do not start a build
   * @param paths file globs of which at least one changed file must match
   * @param pathsIgnore file globs; a push whose changed files all match them does not start a build
   * @param location where it was declared
   * @since 0.1.0
   */
  record Push(
      List<String> branches,
      List<String> branchesIgnore,
      List<String> tags,
      List<String> tagsIgnore,
      List<String> paths,
      List<String> pathsIgnore,
      SourceLocation location)
      implements Trigger {
    /** Checks and copies the components. */
    public Push {
      branches = OrderedCopies.list(branches, "branches");
      branchesIgnore = OrderedCopies.list(branchesIgnore, "branchesIgnore");
      tags = OrderedCopies.list(tags, "tags");
      tagsIgnore = OrderedCopies.list(tagsIgnore, "tagsIgnore");
      paths = OrderedCopies.list(paths, "paths");
      pathsIgnore = OrderedCopies.list(pathsIgnore, "pathsIgnore");
      Objects.requireNonNull(location, "location");
    }

    /**
     * On a push to a branch matching one of the globs (any branch when empty).
     *
     * @param branches branch globs
     * @param location where it was declared
     * @since 0.1.0
     */
    public Push(List<String> branches, SourceLocation location) {
      this(branches, List.of(), List.of(), List.of(), List.of(), List.of(), location);
    }

    /**
     * Whether a push of a ref that changed these files starts a build.
     *
     * @param ref the pushed ref: {@code refs/heads/<branch>}, {@code refs/tags/<tag>}, or a bare
     *     branch name
     * @param changedFiles the repository-relative paths the push changed; empty when unknown (the
     *     path filters then let it through)
     * @return whether the filters let it through
     * @since 0.1.0
     */
    public boolean matches(String ref, List<String> changedFiles) {
      return TriggerFilters.refMatches(ref, branches, branchesIgnore, tags, tagsIgnore)
          && TriggerFilters.pathsMatch(changedFiles, paths, pathsIgnore);
    }
  }

  /**
   * On a pull or merge request, filtered as GitHub Actions filters {@code on.pull_request}: by the
   * target branch ({@code branches} or {@code branchesIgnore}), the changed files ({@code paths} or
   * {@code pathsIgnore}) and the activity ({@code types}; GitHub's default is {@code opened},
   * {@code synchronize} and {@code reopened} when empty).
   *
   * @param branches target branch globs (any when empty)
   * @param branchesIgnore target branch globs that do not start a build
   * @param paths file globs of which at least one changed file must match
   * @param pathsIgnore file globs; a request whose changed files all match them does not start one
   * @param types the activity types, e.g. {@code opened}, {@code labeled}
   * @param location where it was declared
   * @since 0.1.0
   */
  record PullRequest(
      List<String> branches,
      List<String> branchesIgnore,
      List<String> paths,
      List<String> pathsIgnore,
      List<String> types,
      SourceLocation location)
      implements Trigger {
    /** The activity types that start a build when {@link #types()} is empty. */
    public static final List<String> DEFAULT_TYPES = List.of("opened", "synchronize", "reopened");

    /** Checks and copies the components. */
    public PullRequest {
      branches = OrderedCopies.list(branches, "branches");
      branchesIgnore = OrderedCopies.list(branchesIgnore, "branchesIgnore");
      paths = OrderedCopies.list(paths, "paths");
      pathsIgnore = OrderedCopies.list(pathsIgnore, "pathsIgnore");
      types = OrderedCopies.list(types, "types");
      Objects.requireNonNull(location, "location");
    }

    /**
     * On a pull or merge request targeting a branch matching one of the globs (any when empty).
     *
     * @param branches target branch globs
     * @param location where it was declared
     * @since 0.1.0
     */
    public PullRequest(List<String> branches, SourceLocation location) {
      this(branches, List.of(), List.of(), List.of(), List.of(), location);
    }

    /**
     * Whether a pull request event starts a build.
     *
     * @param activity the activity type, e.g. {@code opened}
     * @param targetBranch the branch the request targets
     * @param changedFiles the changed paths; empty when unknown
     * @return whether the filters let it through
     * @since 0.1.0
     */
    public boolean matches(String activity, String targetBranch, List<String> changedFiles) {
      List<String> accepted = types.isEmpty() ? DEFAULT_TYPES : types;
      return accepted.contains(activity)
          && TriggerFilters.refMatches(
              targetBranch.startsWith("refs/") ? targetBranch : "refs/heads/" + targetBranch,
              branches,
              branchesIgnore,
              List.of(),
              List.of())
          && TriggerFilters.pathsMatch(changedFiles, paths, pathsIgnore);
    }
  }
}
