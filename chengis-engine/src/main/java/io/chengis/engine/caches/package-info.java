/**
 * Cache storage: {@link io.chengis.engine.caches.LocalCacheStore}, the local directory
 * implementation of {@link io.chengis.api.spi.CacheStore} with a size limit and least-recently-used
 * eviction.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.engine.caches;

import org.jspecify.annotations.NullMarked;
