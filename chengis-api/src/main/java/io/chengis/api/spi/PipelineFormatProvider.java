package io.chengis.api.spi;

/**
 * Creates {@link PipelineFormat} instances: the service interface {@link java.util.ServiceLoader}
 * finds pipeline format plugins by. The protocol is that of {@link Provider}.
 *
 * @since 0.1.0
 */
public interface PipelineFormatProvider extends Provider<PipelineFormat> {}
