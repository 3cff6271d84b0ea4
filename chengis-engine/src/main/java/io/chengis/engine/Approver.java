package io.chengis.engine;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Someone deciding on an approval gate: their identity and the roles they hold, as the host
 * application's identity system knows them.
 *
 * @param identity the person's identity, e.g. a user name
 * @param roles the roles they hold
 * @since 0.1.0
 */
public record Approver(String identity, Set<String> roles) {

  /** Checks and copies the components. */
  public Approver {
    Objects.requireNonNull(identity, "identity");
    if (identity.isBlank()) {
      throw new IllegalArgumentException(
          "approver identity is blank (was \"" + identity + "\"); give the person's identity");
    }
    Set<String> copy = new LinkedHashSet<>();
    Objects.requireNonNull(roles, "roles")
        .forEach(role -> copy.add(Objects.requireNonNull(role, "role")));
    roles = Collections.unmodifiableSet(copy);
  }

  /**
   * An approver without roles.
   *
   * @param identity the person's identity
   * @return the approver
   */
  public static Approver of(String identity) {
    return new Approver(identity, Set.of());
  }
}
