package io.chengis.api.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * The commit a checkout produced; the engine exposes it as {@code GIT_COMMIT}, {@code GIT_BRANCH},
 * {@code GIT_AUTHOR}, {@code GIT_EMAIL} and {@code GIT_MESSAGE}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param commit the full commit id
 * @param branch the branch checked out; empty for a detached tag or commit
 * @param author the commit author's name
 * @param email the commit author's email
 * @param message the commit message
 * @since 0.1.0
 */
public record SourceRevision(
    String commit, Optional<String> branch, String author, String email, String message) {
  /** Checks the components. */
  public SourceRevision {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(message, "message");
  }
}
