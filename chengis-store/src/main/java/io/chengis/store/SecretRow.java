package io.chengis.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * One encrypted secret as the store keeps it: where it applies, its name, the id of the key that
 * sealed it, and the sealed bytes. The store never sees a secret in clear text; hosts encrypt
 * before {@link SecretRows#put} (the engine's {@code SecretCipher} does).
 *
 * <p>Immutable; the byte array is copied in and out.
 *
 * @param owner the organization, or {@code *} for a global secret
 * @param scope {@code global}, {@code org} or {@code job}
 * @param scopeId the job id for a job secret, empty otherwise
 * @param name the secret's name
 * @param keyId the id of the key that sealed it
 * @param sealed the nonce and ciphertext
 * @since 0.1.0
 */
public record SecretRow(
    String owner, String scope, String scopeId, String name, String keyId, byte[] sealed) {
  /** Checks and copies the components. */
  public SecretRow {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(scopeId, "scopeId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyId, "keyId");
    sealed = sealed.clone();
  }

  @Override
  public byte[] sealed() {
    return sealed.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecretRow row
        && owner.equals(row.owner)
        && scope.equals(row.scope)
        && scopeId.equals(row.scopeId)
        && name.equals(row.name)
        && keyId.equals(row.keyId)
        && Arrays.equals(sealed, row.sealed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(owner, scope, scopeId, name, keyId, Arrays.hashCode(sealed));
  }

  /** Names the secret, never its bytes. */
  @Override
  public String toString() {
    return "SecretRow[" + owner + "/" + scope + "/" + scopeId + "/" + name + ", key " + keyId + "]";
  }
}
