package io.chengis.api.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An archive to keep as a cache entry.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scope the namespace the key lives in
 * @param key the key to keep it under
 * @param archive the archive file to copy; the store does not read its format
 * @since 0.1.0
 */
public record CacheUpload(String scope, String key, Path archive) {
  /** Checks the components. */
  public CacheUpload {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(archive, "archive");
  }
}
