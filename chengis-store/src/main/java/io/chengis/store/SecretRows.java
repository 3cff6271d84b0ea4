package io.chengis.store;

import java.util.List;
import java.util.Optional;

/**
 * The table of encrypted secrets.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public interface SecretRows {
  /**
   * Stores a secret, replacing one of the same owner, scope and name.
   *
   * @param row the encrypted secret
   * @since 0.1.0
   */
  void put(SecretRow row);

  /**
   * One secret.
   *
   * @param owner the organization or {@code *}
   * @param scope {@code global}, {@code org} or {@code job}
   * @param scopeId the job id or empty
   * @param name the name
   * @return the secret, if stored
   * @since 0.1.0
   */
  Optional<SecretRow> get(String owner, String scope, String scopeId, String name);

  /**
   * Deletes one secret.
   *
   * @param owner the organization or {@code *}
   * @param scope {@code global}, {@code org} or {@code job}
   * @param scopeId the job id or empty
   * @param name the name
   * @return whether it existed
   * @since 0.1.0
   */
  boolean delete(String owner, String scope, String scopeId, String name);

  /**
   * Every stored secret, ordered by owner, scope, scope id and name (for listing and key rotation).
   *
   * @return the rows
   * @since 0.1.0
   */
  List<SecretRow> all();
}
