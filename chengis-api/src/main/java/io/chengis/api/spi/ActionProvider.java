package io.chengis.api.spi;

/**
 * Creates {@link ActionMapper} instances: the service interface {@link java.util.ServiceLoader}
 * finds GitHub Actions mapping plugins by. The protocol is that of {@link Provider}; the GitHub
 * Actions format creates each discovered mapper once, with {@link ProviderContext#empty()}.
 *
 * @since 0.1.0
 */
public interface ActionProvider extends Provider<ActionMapper> {}
