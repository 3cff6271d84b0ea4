package io.chengis.dsl;

import io.chengis.api.ArtifactSpec;
import io.chengis.api.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * The scope of artifacts: {@code p.artifacts(a ->
 * a.glob("target/*.jar").exclude("**&#47;*-sources.jar"))}.
 *
 * <p>Not thread-safe: use it only inside the lambda that received it.
 *
 * @since 0.1.0
 */
public final class ArtifactsBuilder {
  private final SourceLocation location;
  private final List<String> globs = new ArrayList<>();
  private final List<String> excludes = new ArrayList<>();
  private boolean collectOnFailure = true;

  ArtifactsBuilder(SourceLocation location) {
    this.location = location;
  }

  /**
   * Adds globs of files to keep.
   *
   * @param patterns workspace-relative globs
   * @return this scope
   */
  public ArtifactsBuilder glob(String... patterns) {
    globs.addAll(List.of(patterns));
    return this;
  }

  /**
   * Adds globs of files to leave out.
   *
   * @param patterns workspace-relative globs
   * @return this scope
   */
  public ArtifactsBuilder exclude(String... patterns) {
    excludes.addAll(List.of(patterns));
    return this;
  }

  /**
   * Keeps artifacts only when the build succeeds (by default they are kept after failures too).
   *
   * @return this scope
   */
  public ArtifactsBuilder onlyOnSuccess() {
    this.collectOnFailure = false;
    return this;
  }

  ArtifactSpec build() {
    return new ArtifactSpec(globs, excludes, collectOnFailure, location);
  }
}
