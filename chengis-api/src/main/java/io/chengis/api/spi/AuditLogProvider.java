package io.chengis.api.spi;

/**
 * Creates {@link AuditLog} instances: the service interface {@link java.util.ServiceLoader} finds
 * audit log plugins by. The protocol is that of {@link Provider}.
 *
 * @since 0.1.0
 */
public interface AuditLogProvider extends Provider<AuditLog> {}
