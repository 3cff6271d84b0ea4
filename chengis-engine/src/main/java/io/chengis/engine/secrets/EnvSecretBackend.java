package io.chengis.engine.secrets;

import io.chengis.api.Secret;
import io.chengis.api.spi.SecretBackend;
import io.chengis.api.spi.SecretLookup;
import io.chengis.api.spi.SecretScope;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Secrets from environment variables: the global secret {@code NAME} is the variable {@code
 * CHENGIS_SECRET_NAME} (the prefix is configurable). Org and job scopes are never found here.
 *
 * <p>Thread-safe and immutable: the environment is read once, when the backend is created.
 *
 * @since 0.1.0
 */
public final class EnvSecretBackend implements SecretBackend {
  /**
   * The default variable prefix: {@code CHENGIS_SECRET_}.
   *
   * @since 0.1.0
   */
  public static final String DEFAULT_PREFIX = "CHENGIS_SECRET_";

  private final Map<String, String> environment;
  private final String prefix;

  private EnvSecretBackend(Map<String, String> environment, String prefix) {
    this.environment = environment;
    this.prefix = prefix;
  }

  /**
   * A backend over this process's environment with the default prefix.
   *
   * @return the backend
   * @since 0.1.0
   */
  public static EnvSecretBackend fromSystem() {
    return new EnvSecretBackend(System.getenv(), DEFAULT_PREFIX);
  }

  /**
   * A backend over a given environment with the default prefix.
   *
   * @param environment variable names to values
   * @return the backend
   * @since 0.1.0
   */
  public static EnvSecretBackend of(Map<String, String> environment) {
    return of(environment, DEFAULT_PREFIX);
  }

  /**
   * A backend over a given environment.
   *
   * @param environment variable names to values
   * @param prefix what precedes a secret's name in a variable's name; may be empty
   * @return the backend
   * @since 0.1.0
   */
  public static EnvSecretBackend of(Map<String, String> environment, String prefix) {
    return new EnvSecretBackend(
        Map.copyOf(Objects.requireNonNull(environment, "environment")),
        Objects.requireNonNull(prefix, "prefix"));
  }

  /**
   * The variable {@code <prefix><name>} for a global lookup; empty for other scopes.
   *
   * @param lookup the name and scope
   * @return the variable's value, or empty
   * @since 0.1.0
   */
  @Override
  public Optional<Secret> lookup(SecretLookup lookup) {
    Objects.requireNonNull(lookup, "lookup");
    if (!(lookup.scope() instanceof SecretScope.Global)) {
      return Optional.empty();
    }
    return Optional.ofNullable(environment.get(prefix + lookup.name())).map(Secret::of);
  }

  /**
   * The prefix only; no values.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "EnvSecretBackend[prefix=" + prefix + "]";
  }
}
