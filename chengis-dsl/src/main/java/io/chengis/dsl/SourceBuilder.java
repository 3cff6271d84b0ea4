package io.chengis.dsl;

import io.chengis.api.SecretRef;
import io.chengis.api.SourceLocation;
import io.chengis.api.SourceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The scope of a git source: {@code p.source("https://github.com/acme/app.git", git ->
 * git.ref("main").depth(1).credentials("GITHUB_TOKEN"))}.
 *
 * <p>Not thread-safe: use it only inside the lambda that received it.
 *
 * @since 0.1.0
 */
public final class SourceBuilder {
  private final String url;
  private final SourceLocation location;
  private Optional<String> ref = Optional.empty();
  private int depth;
  private boolean submodules;
  private Optional<SecretRef> credentials = Optional.empty();
  private final List<String> paths = new ArrayList<>();
  private final List<String> pathsIgnore = new ArrayList<>();
  private Optional<Duration> timeout = Optional.empty();

  SourceBuilder(String url, SourceLocation location) {
    this.url = Objects.requireNonNull(url, "url");
    this.location = location;
  }

  /**
   * Checks out a branch, tag or commit instead of the default branch.
   *
   * @param branchTagOrCommit the ref
   * @return this scope
   */
  public SourceBuilder ref(String branchTagOrCommit) {
    this.ref = Optional.of(Objects.requireNonNull(branchTagOrCommit, "ref"));
    return this;
  }

  /**
   * Makes a shallow clone of this many commits.
   *
   * @param commits a positive depth (0 = full history)
   * @return this scope
   */
  public SourceBuilder depth(int commits) {
    this.depth = commits;
    return this;
  }

  /**
   * Checks out submodules too.
   *
   * @return this scope
   */
  public SourceBuilder submodules() {
    this.submodules = true;
    return this;
  }

  /**
   * Authenticates with the named secret (an HTTPS token or an SSH private key).
   *
   * @param secretName the secret's name
   * @return this scope
   */
  public SourceBuilder credentials(String secretName) {
    this.credentials = Optional.of(SecretRef.of(secretName));
    return this;
  }

  /**
   * Pipeline-level monorepo filter: the build's stages run only when a changed file matches one of
   * these globs; otherwise every stage is skipped with that reason.
   *
   * @param globs workspace-relative globs, e.g. {@code "services/api/**"}
   * @return this scope
   */
  public SourceBuilder paths(String... globs) {
    paths.addAll(List.of(globs));
    return this;
  }

  /**
   * Pipeline-level monorepo filter: changed files matching these globs do not count.
   *
   * @param globs workspace-relative globs, e.g. {@code "docs/**"}
   * @return this scope
   */
  public SourceBuilder pathsIgnore(String... globs) {
    pathsIgnore.addAll(List.of(globs));
    return this;
  }

  /**
   * Bounds checking this source out, instead of the engine's checkout timeout.
   *
   * @param limit a positive duration, e.g. {@code Duration.ofMinutes(30)} for a big repository
   * @return this scope
   * @throws IllegalArgumentException when the limit is not positive
   */
  public SourceBuilder timeout(Duration limit) {
    Objects.requireNonNull(limit, "limit");
    if (limit.isZero() || limit.isNegative()) {
      throw new IllegalArgumentException(
          "source timeout must be positive (was " + limit + "); give e.g. Duration.ofMinutes(15)");
    }
    this.timeout = Optional.of(limit);
    return this;
  }

  SourceSpec build() {
    return new SourceSpec(
        url, ref, depth, submodules, credentials, location, paths, pathsIgnore, timeout);
  }
}
