package io.chengis.engine.secrets.internal;

import io.chengis.api.spi.ProviderContext;
import io.chengis.api.spi.SecretBackend;
import io.chengis.api.spi.SecretBackendProvider;
import io.chengis.engine.secrets.EnvSecretBackend;

/**
 * Creates the {@code env} secret backend over this process's environment. The optional setting
 * {@value #PREFIX} replaces the variable prefix {@code CHENGIS_SECRET_}.
 *
 * <p>Stateless and thread-safe.
 */
public final class EnvSecretBackendProvider implements SecretBackendProvider {
  /** The optional setting: the variable prefix. */
  public static final String PREFIX = "prefix";

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public EnvSecretBackendProvider() {}

  @Override
  public String type() {
    return "env";
  }

  @Override
  public SecretBackend create(ProviderContext context) {
    return EnvSecretBackend.of(
        System.getenv(), context.setting(PREFIX).orElse(EnvSecretBackend.DEFAULT_PREFIX));
  }

  @Override
  public String toString() {
    return "EnvSecretBackendProvider[env]";
  }
}
