package io.chengis.engine.caches.internal;

import io.chengis.api.PluginException;
import io.chengis.api.spi.CacheStore;
import io.chengis.api.spi.CacheStoreProvider;
import io.chengis.api.spi.ProviderContext;
import io.chengis.engine.caches.LocalCacheStore;
import java.nio.file.Path;

/**
 * Registers {@link LocalCacheStore} as the {@code local} cache store, with the settings {@code
 * root} (a directory, required) and {@code max-bytes} (default 2 GiB).
 */
public final class LocalCacheStoreProvider implements CacheStoreProvider {
  /** The default size limit: 2 GiB. */
  public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024 * 1024;

  /** For {@link java.util.ServiceLoader}. */
  public LocalCacheStoreProvider() {}

  @Override
  public String type() {
    return "local";
  }

  @Override
  public CacheStore create(ProviderContext context) {
    String root =
        context
            .setting("root")
            .orElseThrow(
                () ->
                    new PluginException(
                        "cache store \"local\": setting root is missing; give the directory,"
                            + " e.g. root=/var/lib/chengis/caches"));
    String limit = context.setting("max-bytes").orElse(Long.toString(DEFAULT_MAX_BYTES));
    long maxBytes;
    try {
      maxBytes = Long.parseLong(limit.strip());
    } catch (NumberFormatException notNumber) {
      throw new PluginException(
          "cache store \"local\": setting max-bytes is not a number (was "
              + limit
              + "); give a size in bytes, e.g. max-bytes=1073741824",
          notNumber);
    }
    if (maxBytes < 1) {
      throw new PluginException(
          "cache store \"local\": setting max-bytes must be positive (was "
              + limit
              + "); give a size in bytes");
    }
    return LocalCacheStore.in(Path.of(root), maxBytes);
  }
}
