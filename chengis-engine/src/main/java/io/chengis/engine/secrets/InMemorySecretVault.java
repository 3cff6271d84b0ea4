package io.chengis.engine.secrets;

import io.chengis.api.spi.SecretScope;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link SecretVault} in memory, for tests and ephemeral hosts; its records are gone when the
 * process ends.
 *
 * <p>Thread-safe, without locks.
 *
 * @since 0.1.0
 */
public final class InMemorySecretVault implements SecretVault {
  private final ConcurrentMap<SecretScope, ConcurrentSkipListMap<String, EncryptedSecret>> scopes =
      new ConcurrentHashMap<>();

  /**
   * Creates an empty vault.
   *
   * @since 0.1.0
   */
  public InMemorySecretVault() {}

  /** {@inheritDoc} */
  @Override
  public void put(EncryptedSecret record) {
    Objects.requireNonNull(record, "record");
    scopes
        .computeIfAbsent(record.scope(), scope -> new ConcurrentSkipListMap<>())
        .put(record.name(), record);
  }

  /** {@inheritDoc} */
  @Override
  public Optional<EncryptedSecret> get(SecretScope scope, String name) {
    Objects.requireNonNull(name, "name");
    Map<String, EncryptedSecret> records = scopes.get(Objects.requireNonNull(scope, "scope"));
    return records == null ? Optional.empty() : Optional.ofNullable(records.get(name));
  }

  /** {@inheritDoc} */
  @Override
  public boolean delete(SecretScope scope, String name) {
    Objects.requireNonNull(name, "name");
    Map<String, EncryptedSecret> records = scopes.get(Objects.requireNonNull(scope, "scope"));
    return records != null && records.remove(name) != null;
  }

  /** {@inheritDoc} */
  @Override
  public List<String> names(SecretScope scope) {
    Map<String, EncryptedSecret> records = scopes.get(Objects.requireNonNull(scope, "scope"));
    return records == null ? List.of() : List.copyOf(records.keySet());
  }

  /** {@inheritDoc} */
  @Override
  public Set<SecretScope> scopes() {
    Set<SecretScope> used = new HashSet<>();
    scopes.forEach(
        (scope, records) -> {
          if (!records.isEmpty()) {
            used.add(scope);
          }
        });
    return Set.copyOf(used);
  }

  /**
   * The number of records only.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "InMemorySecretVault["
        + scopes.values().stream().mapToInt(Map::size).sum()
        + " records]";
  }
}
