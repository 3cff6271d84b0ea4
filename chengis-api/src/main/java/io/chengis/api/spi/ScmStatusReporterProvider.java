package io.chengis.api.spi;

/**
 * Creates {@link ScmStatusReporter} instances: the service interface {@link
 * java.util.ServiceLoader} finds SCM status reporter plugins by. The protocol is that of {@link
 * Provider}.
 *
 * @since 0.1.0
 */
public interface ScmStatusReporterProvider extends Provider<ScmStatusReporter> {}
