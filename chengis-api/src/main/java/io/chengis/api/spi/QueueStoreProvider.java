package io.chengis.api.spi;

/**
 * Creates {@link QueueStore} instances: the service interface {@link java.util.ServiceLoader} finds
 * queue store plugins by. The protocol is that of {@link Provider}.
 *
 * @since 0.1.0
 */
public interface QueueStoreProvider extends Provider<QueueStore> {}
