package io.chengis.engine.secrets;

import io.chengis.api.Secret;
import io.chengis.api.spi.SecretBackend;
import io.chengis.api.spi.SecretLookup;
import io.chengis.api.spi.SecretScope;
import io.chengis.engine.secrets.internal.SecretNames;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The built-in encrypted secret store: values are encrypted by a {@link SecretCipher} and only the
 * ciphertext is kept, in a {@link SecretVault}. A value exists in plain form only while it is put
 * or looked up.
 *
 * <pre>{@code
 * LocalSecretBackend secrets =
 *     LocalSecretBackend.of(SecretCipher.of("k1", masterKey), new InMemorySecretVault());
 * secrets.put(new SecretScope.Global(), "GITHUB_TOKEN", Secret.of(token));
 * }</pre>
 *
 * <p>Thread-safe. Writes and {@link #rotate()} through one backend are serialized, so a rotation
 * never overwrites a value put meanwhile; processes sharing a vault should rotate while no other
 * process writes.
 *
 * @since 0.1.0
 */
public final class LocalSecretBackend implements SecretBackend {
  private static final String WHERE = "local secrets";

  private final SecretCipher cipher;
  private final SecretVault vault;
  private final ReentrantLock writing = new ReentrantLock();

  private LocalSecretBackend(SecretCipher cipher, SecretVault vault) {
    this.cipher = Objects.requireNonNull(cipher, "cipher");
    this.vault = Objects.requireNonNull(vault, "vault");
  }

  /**
   * A backend over a vault.
   *
   * @param cipher encrypts and decrypts the values
   * @param vault stores the records
   * @return the backend
   * @since 0.1.0
   */
  public static LocalSecretBackend of(SecretCipher cipher, SecretVault vault) {
    return new LocalSecretBackend(cipher, vault);
  }

  /**
   * Encrypts a value under the cipher's current key and stores it, replacing any value of that name
   * in that scope.
   *
   * @param scope where the secret is defined
   * @param name the name: 1 to 128 letters, digits, {@code _}, {@code .} or {@code -}, starting
   *     with a letter, digit or {@code _}
   * @param secret the value
   * @throws IllegalArgumentException when the name breaks the rules
   * @since 0.1.0
   */
  public void put(SecretScope scope, String name, Secret secret) {
    Objects.requireNonNull(scope, "scope");
    SecretNames.check(WHERE, "secret name", name);
    EncryptedSecret record = cipher.encrypt(scope, name, secret);
    writing.lock();
    try {
      vault.put(record);
    } finally {
      writing.unlock();
    }
  }

  /**
   * Deletes a secret.
   *
   * @param scope the scope
   * @param name the name
   * @return whether there was one
   * @since 0.1.0
   */
  public boolean delete(SecretScope scope, String name) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(name, "name");
    writing.lock();
    try {
      return vault.delete(scope, name);
    } finally {
      writing.unlock();
    }
  }

  /**
   * The names of the secrets in a scope.
   *
   * @param scope the scope
   * @return the names, sorted
   * @since 0.1.0
   */
  public List<String> names(SecretScope scope) {
    return vault.names(Objects.requireNonNull(scope, "scope"));
  }

  /**
   * Decrypts the secret of that name in that scope.
   *
   * @param lookup the name and scope
   * @return the value, or empty when none is stored
   * @throws SecretException when the stored record does not decrypt (another master key, an unknown
   *     key id, altered bytes)
   * @since 0.1.0
   */
  @Override
  public Optional<Secret> lookup(SecretLookup lookup) {
    Objects.requireNonNull(lookup, "lookup");
    return vault.get(lookup.scope(), lookup.name()).map(cipher::decrypt);
  }

  /**
   * Re-encrypts every stored record that is not under the cipher's current key, after a key
   * rotation. Once it returns, the previous keys can be dropped from the cipher.
   *
   * @return how many records were re-encrypted
   * @throws SecretException when a record does not decrypt; records re-encrypted before it stay so
   * @since 0.1.0
   */
  public int rotate() {
    writing.lock();
    try {
      int count = 0;
      for (SecretScope scope : vault.scopes()) {
        for (String name : vault.names(scope)) {
          Optional<EncryptedSecret> record = vault.get(scope, name);
          if (record.isPresent() && !record.get().keyId().equals(cipher.currentKeyId())) {
            vault.put(cipher.reencrypt(record.get()));
            count++;
          }
        }
      }
      return count;
    } finally {
      writing.unlock();
    }
  }

  /**
   * The cipher's key ids and the vault; no values.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "LocalSecretBackend[" + cipher + ", " + vault + "]";
  }
}
