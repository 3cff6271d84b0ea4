package io.chengis.engine.secrets;

import io.chengis.api.Secret;
import io.chengis.api.spi.SecretScope;
import io.chengis.engine.secrets.internal.Kdf;
import io.chengis.engine.secrets.internal.ScopeText;
import io.chengis.engine.secrets.internal.SecretNames;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Encrypts secret values with AES-256-GCM under keys derived from master keys, and decrypts them.
 *
 * <p>Each value gets a fresh random 96-bit nonce and a 128-bit tag. The associated data binds the
 * record to its place: a version tag, then the key id, the {@linkplain EncryptedSecret#scope()
 * scope}'s canonical text ({@code global}, {@code org:<org>}, {@code job:<org>/<job>}) and the
 * name, each as a 4-byte big-endian length and its UTF-8 bytes. A record moved to another name or
 * scope therefore fails to decrypt, as does a record with any byte changed.
 *
 * <p>Key derivation depends on the master key's text:
 *
 * <ul>
 *   <li>standard base64 (padded) of at least 32 bytes, e.g. the output of {@code openssl rand
 *       -base64 32}: taken as random key material and expanded with HKDF-SHA256 (RFC 5869), salt
 *       {@code chengis/secrets/v1}, info {@code chengis/secrets/v1/aes-256-gcm/<key id>};
 *   <li>anything else, at least 12 characters: a passphrase, stretched with PBKDF2-HMAC-SHA256,
 *       600,000 iterations, salt {@code chengis/secrets/v1/pbkdf2/<key id>}. Derivation takes a
 *       noticeable fraction of a second per key, once, when the cipher is built; since the salt
 *       comes from the key id, choose key ids unique to the installation.
 * </ul>
 *
 * <p>A cipher holds one current key, which encrypts, and any number of previous keys, which only
 * decrypt; the key id is stored beside each ciphertext. To rotate, build a cipher with the new key
 * as current and the old one as previous, then {@linkplain #reencrypt re-encrypt} the stored
 * records (see {@link LocalSecretBackend#rotate()}). Random nonces allow about 2<sup>32</sup>
 * encryptions per key; rotate well before that.
 *
 * <p>Thread-safe and immutable; its string form shows only key ids.
 *
 * @since 0.1.0
 */
public final class SecretCipher {
  private static final String WHERE = "local secrets";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final byte[] AAD_VERSION = "chengis-secret-v1".getBytes(StandardCharsets.US_ASCII);

  private final String currentKeyId;
  private final Map<String, SecretKeySpec> keys;
  private final SecureRandom random;

  private SecretCipher(Builder builder) {
    this.currentKeyId = Objects.requireNonNull(builder.currentKeyId);
    this.random = builder.random;
    Map<String, SecretKeySpec> derived = new LinkedHashMap<>();
    builder.masterKeys.forEach((keyId, masterKey) -> derived.put(keyId, derive(keyId, masterKey)));
    this.keys = Collections.unmodifiableMap(derived);
  }

  /**
   * A cipher with one key.
   *
   * @param keyId the key's id, stored beside each ciphertext
   * @param masterKey the master key: base64 of 32 random bytes, or a passphrase of 12 characters or
   *     more
   * @return the cipher
   * @throws SecretException when the key id or master key is not acceptable
   * @since 0.1.0
   */
  public static SecretCipher of(String keyId, Secret masterKey) {
    return builder().currentKey(keyId, masterKey).build();
  }

  /**
   * A builder for a cipher with a current key and previous keys.
   *
   * @return a new builder
   * @since 0.1.0
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The id of the key that encrypts.
   *
   * @return the current key id
   * @since 0.1.0
   */
  public String currentKeyId() {
    return currentKeyId;
  }

  /**
   * Every key id this cipher decrypts, the current one first.
   *
   * @return an unmodifiable list
   * @since 0.1.0
   */
  public List<String> keyIds() {
    return List.copyOf(keys.keySet());
  }

  /**
   * Encrypts a value under the current key with a fresh nonce.
   *
   * @param scope where the secret is defined
   * @param name the secret's name
   * @param secret the value
   * @return the record to store
   * @since 0.1.0
   */
  public EncryptedSecret encrypt(SecretScope scope, String name, Secret secret) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(secret, "secret");
    byte[] nonce = new byte[EncryptedSecret.NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] plain = utf8(scope, name, secret);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), nonce);
      cipher.updateAAD(aad(currentKeyId, scope, name));
      return new EncryptedSecret(scope, name, currentKeyId, nonce, cipher.doFinal(plain));
    } catch (GeneralSecurityException e) {
      throw new SecretException(
          WHERE
              + ": secret \""
              + name
              + "\" in scope "
              + ScopeText.of(scope)
              + " could not be encrypted (was "
              + e.getClass().getSimpleName()
              + "); run on a standard Java 21+ runtime with AES-GCM",
          e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * Decrypts a stored record.
   *
   * @param record the record
   * @return the value
   * @throws SecretException when the record's key id is not held by this cipher, or the record does
   *     not decrypt (another master key, or altered bytes); the message names the secret and key
   *     id, never a value
   * @since 0.1.0
   */
  public Secret decrypt(EncryptedSecret record) {
    Objects.requireNonNull(record, "record");
    SecretKeySpec key = keys.get(record.keyId());
    String subject = "secret \"" + record.name() + "\" in scope " + ScopeText.of(record.scope());
    if (key == null) {
      throw new SecretException(
          WHERE
              + ": "
              + subject
              + " was written with a key id this cipher does not hold (was \""
              + record.keyId()
              + "\"; holds "
              + quoted(keys.keySet())
              + "); the master key does not match the one the secrets were written with; set"
              + " CHENGIS_SECRETS_MASTER_KEY to the original key, or add it as a previous key"
              + " with that id");
    }
    byte[] plain = null;
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, record.nonce());
      cipher.updateAAD(aad(record.keyId(), record.scope(), record.name()));
      plain = cipher.doFinal(record.ciphertext());
      return Secret.of(new String(plain, StandardCharsets.UTF_8));
    } catch (AEADBadTagException e) {
      // Not chained: the tag failure says nothing more, and a wrong key is a user mistake.
      throw new SecretException(
          WHERE
              + ": "
              + subject
              + " does not decrypt with key id \""
              + record.keyId()
              + "\" (was "
              + record.ciphertext().length
              + " bytes of ciphertext); the master key does not match the one the secrets were"
              + " written with; set CHENGIS_SECRETS_MASTER_KEY to the original key (if it is the"
              + " original, the stored record was altered: put the secret again)");
    } catch (GeneralSecurityException e) {
      throw new SecretException(
          WHERE
              + ": "
              + subject
              + " could not be decrypted (was "
              + e.getClass().getSimpleName()
              + "); run on a standard Java 21+ runtime with AES-GCM",
          e);
    } finally {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  /**
   * Re-encrypts a record under the current key, with a fresh nonce. A record already under the
   * current key is returned as it is.
   *
   * @param record the record
   * @return a record under {@link #currentKeyId()}
   * @throws SecretException as {@link #decrypt} does
   * @since 0.1.0
   */
  public EncryptedSecret reencrypt(EncryptedSecret record) {
    if (record.keyId().equals(currentKeyId)) {
      return record;
    }
    return encrypt(record.scope(), record.name(), decrypt(record));
  }

  /**
   * The key ids only.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "SecretCipher[current=" + currentKeyId + ", keyIds=" + keys.keySet() + "]";
  }

  private static byte[] utf8(SecretScope scope, String name, Secret secret) {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      ByteBuffer encoded = encoder.encode(CharBuffer.wrap(secret.reveal()));
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      if (encoded.hasArray()) {
        Arrays.fill(encoded.array(), (byte) 0);
      }
      return bytes;
    } catch (CharacterCodingException e) {
      throw new SecretException(
          WHERE
              + ": secret \""
              + name
              + "\" in scope "
              + ScopeText.of(scope)
              + " is not valid Unicode text (was "
              + secret.reveal().length()
              + " characters with an unpaired surrogate); store text, or base64 for binary values");
    }
  }

  private static Cipher cipher(int mode, SecretKeySpec key, byte[] nonce)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, key, new GCMParameterSpec(EncryptedSecret.TAG_BYTES * 8, nonce));
    return cipher;
  }

  private static byte[] aad(String keyId, SecretScope scope, String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(AAD_VERSION);
    for (String part : List.of(keyId, ScopeText.of(scope), name)) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }

  private static SecretKeySpec derive(String keyId, Secret masterKey) {
    byte[] key;
    try {
      key = Kdf.aesKey(masterKey.reveal(), keyId);
    } catch (IllegalArgumentException e) {
      throw new SecretException(WHERE + ": key id \"" + keyId + "\": " + e.getMessage());
    }
    try {
      return new SecretKeySpec(key, "AES");
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static String quoted(Iterable<String> ids) {
    List<String> out = new ArrayList<>();
    ids.forEach(id -> out.add("\"" + id + "\""));
    return String.join(", ", out);
  }

  /**
   * Collects the keys of a {@link SecretCipher}. Not thread-safe; use it on one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Map<String, Secret> masterKeys = new LinkedHashMap<>();
    private @Nullable String currentKeyId;
    private SecureRandom random = new SecureRandom();

    private Builder() {}

    /**
     * Sets the key that encrypts (and decrypts).
     *
     * @param keyId the key's id: 1 to 128 letters, digits, {@code _}, {@code .} or {@code -}
     * @param masterKey the master key
     * @return this builder
     * @throws SecretException when a current key is already set or the key id is taken
     * @since 0.1.0
     */
    public Builder currentKey(String keyId, Secret masterKey) {
      if (currentKeyId != null) {
        throw new SecretException(
            WHERE
                + ": the cipher has a current key already (was \""
                + currentKeyId
                + "\", now \""
                + keyId
                + "\"); set one current key and add the others as previous keys");
      }
      add(keyId, masterKey);
      currentKeyId = keyId;
      return this;
    }

    /**
     * Adds a key that only decrypts: one that wrote records not yet re-encrypted.
     *
     * @param keyId the key's id
     * @param masterKey the master key
     * @return this builder
     * @throws SecretException when the key id is taken
     * @since 0.1.0
     */
    public Builder previousKey(String keyId, Secret masterKey) {
      add(keyId, masterKey);
      return this;
    }

    /**
     * Sets the source of nonces; a {@code new SecureRandom()} by default.
     *
     * @param random a cryptographically strong random source
     * @return this builder
     * @since 0.1.0
     */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Derives the keys and builds the cipher. Passphrase keys take a noticeable fraction of a
     * second each.
     *
     * @return the cipher
     * @throws SecretException when no current key is set or a master key is too short
     * @since 0.1.0
     */
    public SecretCipher build() {
      if (currentKeyId == null) {
        throw new SecretException(
            WHERE
                + ": the cipher has no current key (was "
                + (masterKeys.isEmpty()
                    ? "no keys"
                    : "previous keys " + quoted(masterKeys.keySet()))
                + "); call currentKey(keyId, masterKey) with the key new secrets are written with");
      }
      // Current first, so keyIds() lists the encrypting key first.
      Map<String, Secret> ordered = new LinkedHashMap<>();
      ordered.put(currentKeyId, masterKeys.get(currentKeyId));
      ordered.putAll(masterKeys);
      masterKeys.clear();
      masterKeys.putAll(ordered);
      return new SecretCipher(this);
    }

    private void add(String keyId, Secret masterKey) {
      SecretNames.check(WHERE, "key id", keyId);
      Objects.requireNonNull(masterKey, "masterKey");
      if (masterKeys.containsKey(keyId)) {
        throw new SecretException(
            WHERE
                + ": key id is given twice (was \""
                + keyId
                + "\"); give each master key its own id");
      }
      masterKeys.put(keyId, masterKey);
    }
  }
}
