package io.chengis.api.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A saved cache entry: an archive kept under a key within a scope.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scope the namespace the key lives in (the engine uses the job name)
 * @param key the entry's exact key
 * @param size the archive's size in bytes
 * @param savedAt when the entry was saved; "newest" in restore-key matching means the latest
 * @since 0.1.0
 */
public record CacheEntry(String scope, String key, long size, Instant savedAt) {
  /** Checks the components. */
  public CacheEntry {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(key, "key");
    if (size < 0) {
      throw new IllegalArgumentException(
          "cache entry \"" + key + "\" size must not be negative (was " + size + ")");
    }
    Objects.requireNonNull(savedAt, "savedAt");
  }
}
