package io.chengis.engine.caches.internal;

import io.chengis.api.spi.CacheEntry;
import io.chengis.api.spi.CacheQuery;
import io.chengis.api.spi.CacheStore;
import io.chengis.api.spi.CacheUpload;
import io.chengis.engine.caches.LocalCacheStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine's default cache store: a {@link LocalCacheStore} opened when a build first uses a
 * cache, so an engine whose pipelines declare none never creates its directory. Thread-safe.
 */
public final class DeferredCacheStore implements CacheStore {
  private final Path root;
  private final long maxBytes;
  private final InstantSource clock;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Optional<LocalCacheStore> store = Optional.empty();

  /**
   * A store that opens its directory on first use.
   *
   * @param root the directory
   * @param maxBytes the size limit
   * @param clock the engine's time, for the entries' save times
   */
  public DeferredCacheStore(Path root, long maxBytes, InstantSource clock) {
    this.root = root;
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  private LocalCacheStore store() {
    Optional<LocalCacheStore> opened = store;
    if (opened.isPresent()) {
      return opened.get();
    }
    lock.lock();
    try {
      if (store.isEmpty()) {
        store = Optional.of(LocalCacheStore.in(root, maxBytes, clock));
      }
      return store.get();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<CacheEntry> find(CacheQuery query) {
    return store().find(query);
  }

  @Override
  public Optional<InputStream> open(CacheEntry entry) {
    return store().open(entry);
  }

  @Override
  public CacheEntry save(CacheUpload upload) {
    return store().save(upload);
  }

  @Override
  public String toString() {
    return "DeferredCacheStore[" + root + "]";
  }
}
