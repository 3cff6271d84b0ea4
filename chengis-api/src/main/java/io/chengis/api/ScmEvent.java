package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a forge (GitHub, GitLab, Gitea, Bitbucket) told us happened to a repository: a push to a
 * branch, a tag, or a pull/merge request opened or updated. Webhook intake turns a delivery into
 * one of these; the engine's trigger request carries it to the build.
 *
 * <p>Immutable and thread-safe.
 *
 * @param provider the forge's type key, e.g. {@code github}
 * @param kind what happened
 * @param repositoryUrl the repository's HTTPS clone URL
 * @param ref the full ref that moved: {@code refs/heads/feature/login}, {@code refs/tags/v1.2}; for
 *     a pull request the head branch's ref
 * @param branch the branch with its slashes intact ({@code feature/login}); for a pull request the
 *     head branch; empty for a tag
 * @param tag the tag name, for a tag event
 * @param commit the full commit id built: the pushed head, or the pull request's head commit
 * @param changedFiles the paths added, modified or removed by the pushed commits, as far as the
 *     forge tells (empty when it does not)
 * @param author who pushed or opened the pull request (login or display name as the forge gives)
 * @param pullRequest the pull request, for a pull request event
 * @since 0.1.0
 */
public record ScmEvent(
    String provider,
    Kind kind,
    String repositoryUrl,
    String ref,
    Optional<String> branch,
    Optional<String> tag,
    String commit,
    List<String> changedFiles,
    String author,
    Optional<PullRequest> pullRequest) {

  /**
   * Checks and copies the components.
   *
   * @throws IllegalArgumentException when the pull request is present on a push or missing on a
   *     pull request event
   */
  public ScmEvent {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(repositoryUrl, "repositoryUrl");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(commit, "commit");
    changedFiles = OrderedCopies.list(changedFiles, "changedFiles");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(pullRequest, "pullRequest");
    if (pullRequest.isPresent() != (kind == Kind.PULL_REQUEST)) {
      throw new IllegalArgumentException(
          "scm event "
              + kind
              + " of "
              + repositoryUrl
              + " has a pull request only a pull request event has (was "
              + pullRequest
              + "); give the pull request exactly for PULL_REQUEST events");
    }
  }

  /**
   * What happened to the repository.
   *
   * @since 0.1.0
   */
  public enum Kind {
    /** Commits were pushed to a branch. */
    PUSH,
    /** A tag was pushed. */
    TAG,
    /** A pull (merge) request was opened, updated or reopened. */
    PULL_REQUEST
  }

  /**
   * A pull request (GitLab: merge request).
   *
   * <p>Immutable and thread-safe.
   *
   * @param number the number shown by the forge ({@code #12}; GitLab's {@code iid}, Bitbucket's id)
   * @param action what happened to it, as the forge names it ({@code opened}, {@code synchronize},
   *     {@code update}, ...)
   * @param head the branch with the changes
   * @param base the branch it is to be merged into
   * @since 0.1.0
   */
  public record PullRequest(long number, String action, String head, String base) {
    /** Checks the components. */
    public PullRequest {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(head, "head");
      Objects.requireNonNull(base, "base");
    }
  }
}
