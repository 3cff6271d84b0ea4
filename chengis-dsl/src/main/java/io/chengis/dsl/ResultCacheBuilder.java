package io.chengis.dsl;

import io.chengis.api.ResultCacheSpec;
import io.chengis.api.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * The scope of a stage's result cache: {@code s.cacheResult(r -> r.inputs("src/**",
 * "pom.xml").outputs("target/app.jar"))}.
 *
 * <p>Not thread-safe: use it only inside the lambda that received it.
 *
 * @since 0.1.0
 */
public final class ResultCacheBuilder {
  private final SourceLocation location;
  private final List<String> inputs = new ArrayList<>();
  private final List<String> outputs = new ArrayList<>();

  ResultCacheBuilder(SourceLocation location) {
    this.location = location;
  }

  /**
   * Adds workspace-relative globs of the files the stage reads; their contents are part of the
   * fingerprint.
   *
   * @param globs the globs, e.g. {@code src/**}
   * @return this scope
   */
  public ResultCacheBuilder inputs(String... globs) {
    inputs.addAll(List.of(globs));
    return this;
  }

  /**
   * Adds workspace-relative files or directories the stage produces; a cache hit restores them.
   *
   * @param paths the paths, e.g. {@code target/app.jar}
   * @return this scope
   */
  public ResultCacheBuilder outputs(String... paths) {
    outputs.addAll(List.of(paths));
    return this;
  }

  ResultCacheSpec build() {
    return new ResultCacheSpec(inputs, outputs, location);
  }
}
