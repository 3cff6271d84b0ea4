package io.chengis.api.spi;

/**
 * Creates {@link LogStore} instances: the service interface {@link java.util.ServiceLoader} finds
 * log store plugins by. The protocol is that of {@link Provider}.
 *
 * @since 0.1.0
 */
public interface LogStoreProvider extends Provider<LogStore> {}
