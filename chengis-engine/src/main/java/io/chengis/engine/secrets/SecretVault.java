package io.chengis.engine.secrets;

import io.chengis.api.spi.SecretScope;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where {@link LocalSecretBackend} keeps its encrypted records: memory ({@link
 * InMemorySecretVault}) or a database. A vault sees only ciphertext, never a secret's value.
 *
 * <p>Protocol: called from any thread, on every secret write, delete and lookup of the backend;
 * calls may block on I/O. A record is identified by its scope and name; {@link #put} replaces the
 * record there. An exception ({@link io.chengis.api.StoreException}) means the vault could not
 * answer, and fails the read or write that needed it. Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface SecretVault {
  /**
   * Stores a record, replacing the one with the same scope and name.
   *
   * @param record the record
   * @since 0.1.0
   */
  void put(EncryptedSecret record);

  /**
   * Reads a record.
   *
   * @param scope the scope
   * @param name the secret's name
   * @return the record, or empty when there is none
   * @since 0.1.0
   */
  Optional<EncryptedSecret> get(SecretScope scope, String name);

  /**
   * Deletes a record.
   *
   * @param scope the scope
   * @param name the secret's name
   * @return whether there was one
   * @since 0.1.0
   */
  boolean delete(SecretScope scope, String name);

  /**
   * The names of the records in a scope.
   *
   * @param scope the scope
   * @return the names, sorted
   * @since 0.1.0
   */
  List<String> names(SecretScope scope);

  /**
   * The scopes that hold at least one record; used to re-encrypt everything after a key rotation.
   *
   * @return the scopes, in no particular order
   * @since 0.1.0
   */
  Set<SecretScope> scopes();
}
