package io.chengis.api.spi;

import io.chengis.api.internal.OrderedCopies;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The commit a checkout produced; the engine exposes it as {@code GIT_COMMIT}, {@code GIT_BRANCH},
 * {@code GIT_TAG}, {@code GIT_AUTHOR}, {@code GIT_EMAIL} and {@code GIT_MESSAGE}, and filters
 * stages by its {@link #changedFiles() changed files}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param commit the full commit id
 * @param branch the branch checked out, full name kept ({@code feature/x}); empty for a detached
 *     tag or commit
 * @param author the commit author's name
 * @param email the commit author's email
 * @param message the commit message
 * @param tag the tag checked out, or a tag pointing at the commit; empty when there is none
 * @param changedFiles the repository-relative paths changed between the {@link
 *     CheckoutRequest#baseCommit() base commit} and this commit, in path order; empty when unknown
 *     (no base commit, or the base is not in the history)
 * @since 0.1.0
 */
public record SourceRevision(
    String commit,
    Optional<String> branch,
    String author,
    String email,
    String message,
    Optional<String> tag,
    Optional<List<String>> changedFiles) {
  /** Checks the components. */
  public SourceRevision {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(tag, "tag");
    changedFiles =
        Objects.requireNonNull(changedFiles, "changedFiles")
            .map(files -> OrderedCopies.list(files, "changedFiles"));
  }

  /**
   * A revision without tag and without known changed files.
   *
   * @param commit the full commit id
   * @param branch the branch checked out; empty for a detached tag or commit
   * @param author the commit author's name
   * @param email the commit author's email
   * @param message the commit message
   */
  public SourceRevision(
      String commit, Optional<String> branch, String author, String email, String message) {
    this(commit, branch, author, email, message, Optional.empty(), Optional.empty());
  }
}
