package io.chengis.api.spi;

/**
 * Creates {@link ScmProvider} instances: the service interface {@link java.util.ServiceLoader}
 * finds SCM provider plugins by. The protocol is that of {@link Provider}.
 *
 * @since 0.1.0
 */
public interface ScmProviderProvider extends Provider<ScmProvider> {}
