package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import java.util.List;
import java.util.Objects;

/**
 * A dependency cache: the paths saved under a key after a successful stage and restored before it.
 * An exact key hit restores; otherwise the newest entry whose key starts with a restore key does.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the key template; may use {@code ${{ hashFiles('pom.xml') }}}
 * @param paths workspace-relative paths to save and restore
 * @param restoreKeys key prefixes tried in order on a miss
 * @param location where this cache was declared
 * @since 0.1.0
 */
public record CacheSpec(
    String key, List<String> paths, List<String> restoreKeys, SourceLocation location) {

  /** Checks and copies the components. */
  public CacheSpec {
    Objects.requireNonNull(key, "key");
    paths = OrderedCopies.list(paths, "paths");
    restoreKeys = OrderedCopies.list(restoreKeys, "restoreKeys");
    Objects.requireNonNull(location, "location");
  }
}
