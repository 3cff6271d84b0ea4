package io.chengis.api.spi;

import java.util.Objects;

/**
 * A secret to look up: its name in one scope.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the secret's name, e.g. {@code GITHUB_TOKEN}
 * @param scope where to look
 * @since 0.1.0
 */
public record SecretLookup(String name, SecretScope scope) {
  /** Checks the components. */
  public SecretLookup {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
  }
}
