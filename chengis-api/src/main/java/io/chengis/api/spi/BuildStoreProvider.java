package io.chengis.api.spi;

/**
 * Creates {@link BuildStore} instances: the service interface {@link java.util.ServiceLoader} finds
 * build store plugins by. The protocol is that of {@link Provider}.
 *
 * @since 0.1.0
 */
public interface BuildStoreProvider extends Provider<BuildStore> {}
