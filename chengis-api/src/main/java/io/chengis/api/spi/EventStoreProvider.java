package io.chengis.api.spi;

/**
 * Creates {@link EventStore} instances: the service interface {@link java.util.ServiceLoader} finds
 * event store plugins by. The protocol is that of {@link Provider}.
 *
 * @since 0.1.0
 */
public interface EventStoreProvider extends Provider<EventStore> {}
