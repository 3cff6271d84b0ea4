package io.chengis.api.spi;

/**
 * Creates {@link ArtifactStore} instances: the service interface {@link java.util.ServiceLoader}
 * finds artifact store plugins by. The protocol is that of {@link Provider}.
 *
 * @since 0.1.0
 */
public interface ArtifactStoreProvider extends Provider<ArtifactStore> {}
