package io.chengis.api.spi;

/**
 * Creates {@link CacheStore} instances: the service interface {@link java.util.ServiceLoader} finds
 * cache store plugins by. The protocol is that of {@link Provider}.
 *
 * @since 0.1.0
 */
public interface CacheStoreProvider extends Provider<CacheStore> {}
