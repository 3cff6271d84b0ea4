package io.chengis.api.spi;

import java.io.InputStream;
import java.util.Optional;

/**
 * Keeps cache archives by key: dependency caches ({@link io.chengis.api.CacheSpec}) and the results
 * of stages that opt into result caching. A directory, an object store, a database.
 *
 * <p>Protocol: the engine calls {@link #find} and {@link #open} before a stage (before the first
 * stage for a pipeline's caches) and {@link #save} after it (after the last), on the thread that
 * runs the stage or build, concurrently for concurrent stages and builds; all may block on I/O. The
 * archives are opaque to the store. Entries are immutable: saving a key that exists keeps the first
 * entry. A reader never sees a partly written entry. {@link #open} counts as a use for eviction; a
 * store may evict any entry at any time (so an entry found may be gone when opened, which reads as
 * a miss). An exception means the operation did not happen; the engine reports it as a warning and
 * runs the stage without the cache. Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface CacheStore {
  /**
   * Finds the entry a query selects: the entry with exactly the key; otherwise, for the first
   * restore key that any entry's key starts with, the newest such entry (latest {@link
   * CacheEntry#savedAt()}).
   *
   * @param query the scope, key and restore keys
   * @return the entry, or empty when nothing matches
   * @since 0.1.0
   */
  Optional<CacheEntry> find(CacheQuery query);

  /**
   * Opens an entry's archive for reading and marks the entry as used; the caller closes the stream.
   *
   * @param entry an entry {@link #find} returned
   * @return its archive, or empty when it has been evicted since
   * @since 0.1.0
   */
  Optional<InputStream> open(CacheEntry entry);

  /**
   * Saves an archive under a key, unless an entry with that key exists.
   *
   * @param upload the scope, key and archive file
   * @return the entry now kept under the key (the existing one when there was one)
   * @since 0.1.0
   */
  CacheEntry save(CacheUpload upload);
}
