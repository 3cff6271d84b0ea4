package io.chengis.api.spi;

/**
 * Creates {@link StepExecutor} instances: the service interface {@link java.util.ServiceLoader}
 * finds step executor plugins by. The protocol is that of {@link Provider}.
 *
 * @since 0.1.0
 */
public interface StepExecutorProvider extends Provider<StepExecutor> {}
