package io.chengis.cli.internal;

import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.spi.SecretScope;
import io.chengis.engine.secrets.EncryptedSecret;
import io.chengis.engine.secrets.SecretVault;
import io.chengis.store.SecretRow;
import io.chengis.store.SecretRows;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The engine's {@link SecretVault} on the store's secrets table: sealed bytes only. */
final class SqlSecretVault implements SecretVault {
  private static final int NONCE = 12;
  private static final String GLOBAL_OWNER = "*";

  private final SecretRows rows;

  SqlSecretVault(SecretRows rows) {
    this.rows = rows;
  }

  private record Place(String owner, String scope, String scopeId) {}

  private static Place place(SecretScope scope) {
    return switch (scope) {
      case SecretScope.Global global -> new Place(GLOBAL_OWNER, "global", "");
      case SecretScope.Org org -> new Place(org.org().value(), "org", "");
      case SecretScope.Job job -> new Place(job.org().value(), "job", job.jobId().value());
    };
  }

  private static SecretScope scope(SecretRow row) {
    return switch (row.scope()) {
      case "org" -> new SecretScope.Org(OrgId.of(row.owner()));
      case "job" -> new SecretScope.Job(OrgId.of(row.owner()), JobId.of(row.scopeId()));
      default -> new SecretScope.Global();
    };
  }

  @Override
  public void put(EncryptedSecret record) {
    Place place = place(record.scope());
    byte[] sealed = new byte[NONCE + record.ciphertext().length];
    System.arraycopy(record.nonce(), 0, sealed, 0, NONCE);
    System.arraycopy(record.ciphertext(), 0, sealed, NONCE, record.ciphertext().length);
    rows.put(
        new SecretRow(
            place.owner(), place.scope(), place.scopeId(), record.name(), record.keyId(), sealed));
  }

  @Override
  public Optional<EncryptedSecret> get(SecretScope scope, String name) {
    Place place = place(scope);
    return rows.get(place.owner(), place.scope(), place.scopeId(), name)
        .map(
            row -> {
              byte[] sealed = row.sealed();
              return new EncryptedSecret(
                  scope,
                  name,
                  row.keyId(),
                  Arrays.copyOfRange(sealed, 0, NONCE),
                  Arrays.copyOfRange(sealed, NONCE, sealed.length));
            });
  }

  @Override
  public boolean delete(SecretScope scope, String name) {
    Place place = place(scope);
    return rows.delete(place.owner(), place.scope(), place.scopeId(), name);
  }

  @Override
  public List<String> names(SecretScope scope) {
    Place place = place(scope);
    return rows.all().stream()
        .filter(
            row ->
                row.owner().equals(place.owner())
                    && row.scope().equals(place.scope())
                    && row.scopeId().equals(place.scopeId()))
        .map(SecretRow::name)
        .toList();
  }

  @Override
  public Set<SecretScope> scopes() {
    Set<SecretScope> scopes = new LinkedHashSet<>();
    rows.all().forEach(row -> scopes.add(scope(row)));
    return scopes;
  }
}
