package io.chengis.api.spi;

/**
 * Creates {@link SecretBackend} instances: the service interface {@link java.util.ServiceLoader}
 * finds secret backend plugins by. The protocol is that of {@link Provider}.
 *
 * @since 0.1.0
 */
public interface SecretBackendProvider extends Provider<SecretBackend> {}
