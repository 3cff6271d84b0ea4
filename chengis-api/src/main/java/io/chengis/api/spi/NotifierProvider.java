package io.chengis.api.spi;

/**
 * Creates {@link Notifier} instances: the service interface {@link java.util.ServiceLoader} finds
 * notifier plugins by. The protocol is that of {@link Provider}.
 *
 * @since 0.1.0
 */
public interface NotifierProvider extends Provider<Notifier> {}
