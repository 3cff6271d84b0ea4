package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import java.util.List;
import java.util.Objects;

/**
 * Files to keep after a build: globs ({@code **}, {@code *}, {@code ?}, {@code {a,b}}) matched
 * inside the workspace, minus excludes.
 *
 * <p>Immutable and thread-safe.
 *
 * @param globs the workspace-relative globs to collect
 * @param excludes the workspace-relative globs to leave out
 * @param collectOnFailure whether to collect when the build did not succeed
 * @param location where these artifacts were declared
 * @since 0.1.0
 */
public record ArtifactSpec(
    List<String> globs, List<String> excludes, boolean collectOnFailure, SourceLocation location) {

  /** Checks and copies the components. */
  public ArtifactSpec {
    globs = OrderedCopies.list(globs, "globs");
    excludes = OrderedCopies.list(excludes, "excludes");
    Objects.requireNonNull(location, "location");
  }
}
