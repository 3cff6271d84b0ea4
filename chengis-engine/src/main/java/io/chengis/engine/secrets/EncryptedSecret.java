package io.chengis.engine.secrets;

import io.chengis.api.spi.SecretScope;
import io.chengis.engine.secrets.internal.ScopeText;
import java.util.Arrays;
import java.util.Objects;

/**
 * One stored secret: its place, the id of the key that encrypted it, the nonce and the AES-GCM
 * ciphertext (with the 16-byte tag at its end). This is all a {@link SecretVault} stores; it holds
 * no plaintext, and its string form shows no bytes.
 *
 * <p>The scope, name and key id are bound into the ciphertext as associated data, so a record moved
 * to another name or scope, or relabelled with another key id, does not decrypt.
 *
 * <p>Immutable and thread-safe: the arrays are copied in and out.
 *
 * @param scope where the secret is defined
 * @param name the secret's name
 * @param keyId the id of the key that encrypted it
 * @param nonce the 12-byte GCM nonce, random per encryption
 * @param ciphertext the ciphertext followed by the 16-byte authentication tag
 * @since 0.1.0
 */
public record EncryptedSecret(
    SecretScope scope, String name, String keyId, byte[] nonce, byte[] ciphertext) {
  /** The length of a GCM nonce in bytes (96 bits). */
  static final int NONCE_BYTES = 12;

  /** The length of a GCM authentication tag in bytes (128 bits). */
  static final int TAG_BYTES = 16;

  /**
   * Checks and copies the components.
   *
   * @throws IllegalArgumentException when the nonce is not 12 bytes or the ciphertext is shorter
   *     than a tag
   */
  public EncryptedSecret {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyId, "keyId");
    nonce = nonce.clone();
    ciphertext = ciphertext.clone();
    if (nonce.length != NONCE_BYTES || ciphertext.length < TAG_BYTES) {
      throw new IllegalArgumentException(
          "encrypted secret \""
              + name
              + "\" in scope "
              + ScopeText.of(scope)
              + " is malformed (was a "
              + nonce.length
              + "-byte nonce and "
              + ciphertext.length
              + " bytes of ciphertext); store a 12-byte nonce and at least 16 bytes of ciphertext");
    }
  }

  /**
   * The nonce.
   *
   * @return a copy of the 12 nonce bytes
   * @since 0.1.0
   */
  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  /**
   * The ciphertext with its tag.
   *
   * @return a copy of the ciphertext bytes
   * @since 0.1.0
   */
  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /**
   * Equal when every component is equal, the arrays by content.
   *
   * @since 0.1.0
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof EncryptedSecret that
        && scope.equals(that.scope)
        && name.equals(that.name)
        && keyId.equals(that.keyId)
        && Arrays.equals(nonce, that.nonce)
        && Arrays.equals(ciphertext, that.ciphertext);
  }

  /**
   * A hash of every component, the arrays by content.
   *
   * @since 0.1.0
   */
  @Override
  public int hashCode() {
    return Objects.hash(scope, name, keyId, Arrays.hashCode(nonce), Arrays.hashCode(ciphertext));
  }

  /**
   * The place, key id and lengths only; never the bytes.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "EncryptedSecret[scope="
        + ScopeText.of(scope)
        + ", name="
        + name
        + ", keyId="
        + keyId
        + ", ciphertext="
        + ciphertext.length
        + " bytes]";
  }
}
