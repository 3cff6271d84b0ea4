package io.chengis.api;

import java.util.Objects;

/**
 * A reference to a secret by name, resolved by the secret backends when a build needs it. Holds no
 * secret material.
 *
 * @param name the secret's name, e.g. {@code GITHUB_TOKEN}
 * @since 0.1.0
 */
public record SecretRef(String name) {
  /** Checks the components. */
  public SecretRef {
    Objects.requireNonNull(name, "name");
  }

  /**
   * A reference to the named secret.
   *
   * @param name the secret's name
   * @return the reference
   */
  public static SecretRef of(String name) {
    return new SecretRef(name);
  }
}
