package io.chengis.api.spi;

import io.chengis.api.internal.OrderedCopies;
import java.util.List;
import java.util.Objects;

/**
 * What to look up in a {@link CacheStore}: an exact key, then key prefixes tried in order.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scope the namespace to look in
 * @param key the exact key
 * @param restoreKeys prefixes tried in order when the exact key misses; the newest entry whose key
 *     starts with the first prefix that matches anything wins
 * @since 0.1.0
 */
public record CacheQuery(String scope, String key, List<String> restoreKeys) {
  /** Checks and copies the components. */
  public CacheQuery {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(key, "key");
    restoreKeys = OrderedCopies.list(restoreKeys, "restoreKeys");
  }
}
