package io.chengis.dsl;

import io.chengis.api.CacheSpec;
import io.chengis.api.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The scope of a dependency cache: {@code s.cache(c -> c.key("m2-${{ hashFiles('pom.xml')
 * }}").paths(".m2/repository").restoreKeys("m2-"))}.
 *
 * <p>Not thread-safe: use it only inside the lambda that received it.
 *
 * @since 0.1.0
 */
public final class CacheBuilder {
  private final SourceLocation location;
  private String key = "";
  private final List<String> paths = new ArrayList<>();
  private final List<String> restoreKeys = new ArrayList<>();

  CacheBuilder(SourceLocation location) {
    this.location = location;
  }

  /**
   * Sets the key template.
   *
   * @param template the key; may use {@code ${{ hashFiles(...) }}}
   * @return this scope
   */
  public CacheBuilder key(String template) {
    this.key = Objects.requireNonNull(template, "key");
    return this;
  }

  /**
   * Adds workspace-relative paths to cache.
   *
   * @param workspacePaths the paths
   * @return this scope
   */
  public CacheBuilder paths(String... workspacePaths) {
    paths.addAll(List.of(workspacePaths));
    return this;
  }

  /**
   * Adds key prefixes tried in order when the exact key misses.
   *
   * @param prefixes the prefixes
   * @return this scope
   */
  public CacheBuilder restoreKeys(String... prefixes) {
    restoreKeys.addAll(List.of(prefixes));
    return this;
  }

  CacheSpec build() {
    return new CacheSpec(key, paths, restoreKeys, location);
  }
}
