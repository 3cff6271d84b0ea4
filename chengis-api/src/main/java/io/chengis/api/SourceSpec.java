package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The git repository a build checks out before its first stage.
 *
 * <p>Immutable and thread-safe.
 *
 * @param url the clone URL ({@code https://}, {@code ssh://}, {@code git@host:path} or {@code
 *     file://})
 * @param ref the branch, tag or commit to check out; the remote's default branch when empty
 * @param depth the shallow-clone depth, or 0 for the full history
 * @param submodules whether to check out submodules
 * @param credentials the secret holding an HTTPS token or SSH private key, if the repository needs
 *     one
 * @param location where this source was declared
 * @param paths pipeline-level monorepo filter: the build's stages run only when a changed file
 *     matches one of these globs; empty for every file
 * @param pathsIgnore changed files matching these globs do not count as changes
 * @param timeout how long checking this source out may take; empty for the engine's checkout
 *     timeout ({@code ChengisEngine.Builder.checkoutTimeout})
 * @since 0.1.0
 */
public record SourceSpec(
    String url,
    Optional<String> ref,
    int depth,
    boolean submodules,
    Optional<SecretRef> credentials,
    SourceLocation location,
    List<String> paths,
    List<String> pathsIgnore,
    Optional<Duration> timeout) {

  /** Checks the components. */
  public SourceSpec {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.filter(limit -> limit.isZero() || limit.isNegative()).isPresent()) {
      throw new IllegalArgumentException(
          location
              + ": source timeout must be positive (was "
              + timeout.get()
              + "); give e.g. PT15M, or none for the engine's checkout timeout");
    }
    paths = OrderedCopies.list(paths, "paths");
    pathsIgnore = OrderedCopies.list(pathsIgnore, "pathsIgnore");
  }

  /**
   * A source checked out within the engine's checkout timeout.
   *
   * @param url the clone URL
   * @param ref the branch, tag or commit; the default branch when empty
   * @param depth the shallow-clone depth, or 0 for the full history
   * @param submodules whether to check out submodules
   * @param credentials the secret holding an HTTPS token or SSH private key
   * @param location where this source was declared
   * @param paths monorepo filter: globs of files whose change makes the build run
   * @param pathsIgnore globs of files whose change does not count
   */
  public SourceSpec(
      String url,
      Optional<String> ref,
      int depth,
      boolean submodules,
      Optional<SecretRef> credentials,
      SourceLocation location,
      List<String> paths,
      List<String> pathsIgnore) {
    this(url, ref, depth, submodules, credentials, location, paths, pathsIgnore, Optional.empty());
  }

  /**
   * A source without monorepo filters.
   *
   * @param url the clone URL
   * @param ref the branch, tag or commit; the default branch when empty
   * @param depth the shallow-clone depth, or 0 for the full history
   * @param submodules whether to check out submodules
   * @param credentials the secret holding an HTTPS token or SSH private key
   * @param location where this source was declared
   */
  public SourceSpec(
      String url,
      Optional<String> ref,
      int depth,
      boolean submodules,
      Optional<SecretRef> credentials,
      SourceLocation location) {
    this(url, ref, depth, submodules, credentials, location, List.of(), List.of());
  }

  /**
   * A copy checking out another ref (a trigger's branch or commit).
   *
   * @param other the branch, tag or commit
   * @return the copy
   */
  public SourceSpec withRef(String other) {
    return new SourceSpec(
        url,
        Optional.of(other),
        depth,
        submodules,
        credentials,
        location,
        paths,
        pathsIgnore,
        timeout);
  }

  /**
   * A copy with pipeline-level monorepo filters.
   *
   * @param include globs of files whose change makes the build run; empty for every file
   * @param ignore globs of files whose change does not count
   * @return the copy
   */
  public SourceSpec withPaths(List<String> include, List<String> ignore) {
    return new SourceSpec(
        url, ref, depth, submodules, credentials, location, include, ignore, timeout);
  }

  /**
   * A copy with its own checkout timeout, used instead of the engine's.
   *
   * @param limit a positive bound on checking this source out
   * @return the copy
   * @throws IllegalArgumentException when the limit is not positive
   */
  public SourceSpec withTimeout(Duration limit) {
    return new SourceSpec(
        url,
        ref,
        depth,
        submodules,
        credentials,
        location,
        paths,
        pathsIgnore,
        Optional.of(Objects.requireNonNull(limit, "limit")));
  }
}
