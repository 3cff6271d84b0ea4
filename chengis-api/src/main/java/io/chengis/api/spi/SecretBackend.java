package io.chengis.api.spi;

import io.chengis.api.Secret;
import java.util.Optional;

/**
 * Resolves secrets by name: a local encrypted store, the environment, HashiCorp Vault.
 *
 * <p>Protocol: the engine calls {@link #lookup} on a build's virtual thread for every secret the
 * build uses, once per scope from the narrowest (job) to the widest (global), before the step that
 * needs it; it audits every read. It may block on I/O. An absent secret is an empty result, not an
 * exception; an exception means the backend could not answer (unreachable, denied) and fails the
 * step that needed the secret. Exception messages must not contain secret material. Implementations
 * must be thread-safe.
 *
 * @since 0.1.0
 */
public interface SecretBackend {
  /**
   * Looks up one secret in one scope.
   *
   * @param lookup the name and scope
   * @return the secret, or empty when this backend has none by that name in that scope
   * @since 0.1.0
   */
  Optional<Secret> lookup(SecretLookup lookup);
}
