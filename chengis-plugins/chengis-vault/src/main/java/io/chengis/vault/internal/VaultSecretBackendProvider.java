package io.chengis.vault.internal;

import io.chengis.api.PluginException;
import io.chengis.api.Secret;
import io.chengis.api.spi.ProviderContext;
import io.chengis.api.spi.SecretBackend;
import io.chengis.api.spi.SecretBackendProvider;
import io.chengis.vault.VaultSecretBackend;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Provides the {@code vault} secret backend from the settings {@code address} (required), {@code
 * token}, or {@code roleId} and {@code secretId} (and {@code authMount}), {@code namespace}, {@code
 * mount}, {@code prefix}, {@code field} and {@code cacheTtl} (ISO-8601, e.g. {@code PT5M}).
 */
public final class VaultSecretBackendProvider implements SecretBackendProvider {
  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public VaultSecretBackendProvider() {}

  @Override
  public String type() {
    return "vault";
  }

  @Override
  public SecretBackend create(ProviderContext context) {
    String address =
        context
            .setting("address")
            .orElseThrow(
                () ->
                    new PluginException(
                        "vault: setting \"address\" is missing (was "
                            + context.settings().keySet()
                            + "); give Vault's address, e.g. https://vault.example.com:8200"));
    VaultSecretBackend.Builder builder = VaultSecretBackend.builder(URI.create(address));
    context.setting("token").map(Secret::of).ifPresent(builder::token);
    context
        .setting("roleId")
        .ifPresent(
            role ->
                builder.appRole(
                    context.setting("authMount").orElse("approle"),
                    role,
                    Secret.of(
                        context
                            .setting("secretId")
                            .orElseThrow(
                                () ->
                                    new PluginException(
                                        "vault: setting \"roleId\" needs \"secretId\" too; give"
                                            + " the AppRole's secret id")))));
    context.setting("namespace").ifPresent(builder::namespace);
    context.setting("mount").ifPresent(builder::mount);
    context.setting("prefix").ifPresent(builder::prefix);
    context.setting("field").ifPresent(builder::field);
    context
        .setting("cacheTtl")
        .ifPresent(
            ttl -> {
              try {
                builder.cacheTtl(Duration.parse(ttl));
              } catch (DateTimeParseException wrong) {
                throw new PluginException(
                    "vault: setting \"cacheTtl\" is not an ISO-8601 duration (was \""
                        + ttl
                        + "\"); use e.g. PT5M");
              }
            });
    return builder.build();
  }
}
