/**
 * A Chengis secret backend on HashiCorp Vault's KV version 2 secrets engine.
 *
 * @since 0.1.0
 */
module io.chengis.vault {
  requires transitive io.chengis.api;
  requires java.net.http;
  requires com.fasterxml.jackson.databind;
  requires com.github.benmanes.caffeine;
  requires static org.jspecify;

  exports io.chengis.vault;

  provides io.chengis.api.spi.SecretBackendProvider with
      io.chengis.vault.internal.VaultSecretBackendProvider;
}
