package io.chengis.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.PluginException;
import io.chengis.api.Secret;
import io.chengis.api.spi.ProviderContext;
import io.chengis.api.spi.SecretBackend;
import io.chengis.api.spi.SecretBackendProvider;
import io.chengis.api.spi.SecretLookup;
import io.chengis.api.spi.SecretScope;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Vault's KV v2 backend against a local server that answers as Vault's API documents. */
class VaultSecretBackendTest extends SecretBackendContractBase {
  private static final String ROOT_TOKEN = "hvs.root-token-for-tests";
  private final LocalVault vault;
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-27T10:00:00Z"));
  private final InstantSource clock = () -> now.get();
  private VaultSecretBackend backend;

  VaultSecretBackendTest() throws Exception {
    vault = new LocalVault();
    vault.token(ROOT_TOKEN);
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  @Override
  protected SecretBackend newBackend(Map<SecretLookup, String> secrets) {
    secrets.forEach((lookup, value) -> seed(lookup.scope(), lookup.name(), value));
    return backend();
  }

  private SecretBackend backend() {
    if (backend == null) {
      backend =
          VaultSecretBackend.builder(vault.address())
              .token(Secret.of(ROOT_TOKEN))
              .cacheTtl(Duration.ZERO)
              .build();
    }
    return backend;
  }

  private void seed(SecretScope scope, String name, String value) {
    String path =
        switch (scope) {
          case SecretScope.Global g -> "global";
          case SecretScope.Org o -> "org/" + o.org().value();
          case SecretScope.Job j -> "job/" + j.org().value() + "/" + j.jobId().value();
        };
    vault.put("", "secret/chengis/" + path + "/" + name, Map.of("value", value));
  }

  private static SecretLookup global(String name) {
    return new SecretLookup(name, new SecretScope.Global());
  }

  @Test
  void token_readsDataDataValueWithTheTokenHeader() {
    vault.put("", "secret/chengis/job/acme/api/DB_PASSWORD", Map.of("value", "pw-1"));

    Secret secret =
        backend()
            .lookup(new SecretLookup("DB_PASSWORD", new SecretScope.Job(ACME, API)))
            .orElseThrow();

    assertThat(secret.reveal()).isEqualTo("pw-1");
    LocalVault.Received read = vault.received().get(0);
    assertThat(read.method()).isEqualTo("GET");
    assertThat(read.path()).isEqualTo("/v1/secret/data/chengis/job/acme/api/DB_PASSWORD");
    assertThat(read.token()).isEqualTo(ROOT_TOKEN);
    assertThat(read.namespace()).isNull();
  }

  @Test
  void versions_readLatestOrAGivenVersion_deletedVersionIsAbsent() {
    vault.put("", "secret/chengis/global/KEY", Map.of("value", "v1"));
    vault.put("", "secret/chengis/global/KEY", Map.of("value", "v2"));
    vault.put("", "secret/chengis/global/KEY", Map.of("value", "v3"));
    vault.deleteVersion("", "secret/chengis/global/KEY", 2);
    VaultSecretBackend vaultBackend = (VaultSecretBackend) backend();

    assertThat(vaultBackend.lookup(global("KEY")).orElseThrow().reveal()).isEqualTo("v3");
    assertThat(vaultBackend.lookup(global("KEY"), 1).orElseThrow().reveal()).isEqualTo("v1");
    assertThat(vaultBackend.lookup(global("KEY"), 2)).isEmpty();
    assertThat(vault.received())
        .extracting(LocalVault.Received::path)
        .contains("/v1/secret/data/chengis/global/KEY?version=1");
  }

  @Test
  void namespace_sentOnEveryRequestAndKeepsSecretsApart() {
    vault.put("team-a", "secret/chengis/global/KEY", Map.of("value", "team-a-value"));
    vault.put("", "secret/chengis/global/KEY", Map.of("value", "root-value"));
    VaultSecretBackend scoped =
        VaultSecretBackend.builder(vault.address())
            .token(Secret.of(ROOT_TOKEN))
            .namespace("team-a")
            .build();

    assertThat(scoped.lookup(global("KEY")).orElseThrow().reveal()).isEqualTo("team-a-value");
    assertThat(vault.received().get(0).namespace()).isEqualTo("team-a");
  }

  @Test
  void appRole_logsInOnceAndReusesTheTokenUntilTheLeaseNearlyEnds() {
    vault.role("role-123", "secret-id-456", 300);
    vault.put("", "secret/chengis/global/KEY", Map.of("value", "v"));
    VaultSecretBackend approle =
        VaultSecretBackend.builder(vault.address())
            .appRole("role-123", Secret.of("secret-id-456"))
            .cacheTtl(Duration.ZERO)
            .clock(clock)
            .build();

    approle.lookup(global("KEY"));
    approle.lookup(global("KEY"));
    now.set(now.get().plusSeconds(199));
    approle.lookup(global("KEY"));
    assertThat(vault.received()).filteredOn(r -> r.method().equals("POST")).hasSize(1);

    now.set(now.get().plusSeconds(2)); // past two thirds of the 300 s lease
    approle.lookup(global("KEY"));

    assertThat(vault.received()).filteredOn(r -> r.method().equals("POST")).hasSize(2);
    assertThat(vault.received())
        .filteredOn(r -> r.method().equals("GET"))
        .extracting(LocalVault.Received::token)
        .containsExactly("hvs.issued-1", "hvs.issued-1", "hvs.issued-1", "hvs.issued-2");
  }

  @Test
  void appRole_tokenRevoked_logsInAgainAndRetriesOnce() {
    vault.role("role-123", "secret-id-456", 3600);
    vault.put("", "secret/chengis/global/KEY", Map.of("value", "v"));
    VaultSecretBackend approle =
        VaultSecretBackend.builder(vault.address())
            .appRole("role-123", Secret.of("secret-id-456"))
            .cacheTtl(Duration.ZERO)
            .build();
    approle.lookup(global("KEY"));
    vault.revokeAll();

    assertThat(approle.lookup(global("KEY")).orElseThrow().reveal()).isEqualTo("v");
    assertThat(vault.received()).filteredOn(r -> r.method().equals("POST")).hasSize(2);
  }

  @Test
  void appRole_wrongSecretId_errorWithoutIt() {
    vault.role("role-123", "secret-id-456", 3600);
    VaultSecretBackend approle =
        VaultSecretBackend.builder(vault.address())
            .appRole("role-123", Secret.of("wrong-secret-id"))
            .build();

    assertThatThrownBy(() -> approle.lookup(global("KEY")))
        .isInstanceOf(PluginException.class)
        .hasMessage(
            "vault: AppRole login at auth/approle failed (was HTTP 400: invalid role or secret ID);"
                + " check Vault's logs")
        .hasMessageNotContaining("wrong-secret-id");
  }

  @Test
  void cache_servesRepeatsWithinTheTtlThenReadsAgain() {
    vault.put("", "secret/chengis/global/KEY", Map.of("value", "old"));
    VaultSecretBackend cached =
        VaultSecretBackend.builder(vault.address())
            .token(Secret.of(ROOT_TOKEN))
            .cacheTtl(Duration.ofMinutes(5))
            .clock(clock)
            .build();

    assertThat(cached.lookup(global("KEY")).orElseThrow().reveal()).isEqualTo("old");
    vault.put("", "secret/chengis/global/KEY", Map.of("value", "new"));
    assertThat(cached.lookup(global("KEY")).orElseThrow().reveal()).isEqualTo("old");
    assertThat(cached.lookup(global("MISSING"))).isEmpty();
    assertThat(cached.lookup(global("MISSING"))).isEmpty();
    assertThat(vault.reads()).isEqualTo(2);

    now.set(now.get().plus(Duration.ofMinutes(5)).plusSeconds(1));

    assertThat(cached.lookup(global("KEY")).orElseThrow().reveal()).isEqualTo("new");
    assertThat(vault.reads()).isEqualTo(3);
    cached.invalidate();
    cached.lookup(global("KEY"));
    assertThat(vault.reads()).isEqualTo(4);
  }

  @Test
  void denied_errorNamesPathAndPolicyNotTheToken() {
    VaultSecretBackend denied =
        VaultSecretBackend.builder(vault.address()).token(Secret.of("hvs.not-valid")).build();

    assertThatThrownBy(() -> denied.lookup(global("KEY")))
        .isInstanceOf(PluginException.class)
        .hasMessage(
            "vault: read secret/data/chengis/global/KEY failed (was HTTP 403: permission denied);"
                + " check the token's policy grants read on this path")
        .hasMessageNotContaining("hvs.not-valid");
  }

  @Test
  void unreachable_clearError() {
    VaultSecretBackend nowhere =
        VaultSecretBackend.builder(java.net.URI.create("http://127.0.0.1:1"))
            .token(Secret.of(ROOT_TOKEN))
            .build();

    assertThatThrownBy(() -> nowhere.lookup(global("KEY")))
        .isInstanceOf(PluginException.class)
        .hasMessageStartingWith("vault: http://127.0.0.1:1 could not be reached (");
  }

  @Test
  void customMountPrefixAndField() {
    vault.put("", "kv/ci/global/KEY", Map.of("password", "p"));
    VaultSecretBackend custom =
        VaultSecretBackend.builder(vault.address())
            .token(Secret.of(ROOT_TOKEN))
            .mount("kv")
            .prefix("ci")
            .field("password")
            .build();

    assertThat(custom.lookup(global("KEY")).orElseThrow().reveal()).isEqualTo("p");
  }

  @Test
  void provider_fromSettings_foundByServiceLoader() {
    vault.put("team-a", "secret/chengis/global/KEY", Map.of("value", "from-provider"));
    SecretBackendProvider provider =
        ServiceLoader.load(SecretBackendProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.type().equals("vault"))
            .findFirst()
            .orElseThrow();

    SecretBackend made =
        provider.create(
            ProviderContext.of(
                Map.of(
                    "address",
                    vault.address().toString(),
                    "token",
                    ROOT_TOKEN,
                    "namespace",
                    "team-a",
                    "cacheTtl",
                    "PT1M")));

    assertThat(made.lookup(global("KEY")).orElseThrow().reveal()).isEqualTo("from-provider");
    assertThat(made.toString()).doesNotContain(ROOT_TOKEN);
  }

  @Test
  void provider_withoutAddress_saysWhichSetting() {
    assertThatThrownBy(
            () ->
                new io.chengis.vault.internal.VaultSecretBackendProvider()
                    .create(ProviderContext.of(Map.of("token", "t"))))
        .isInstanceOf(PluginException.class)
        .hasMessageStartingWith("vault: setting \"address\" is missing (was [token])");
  }

  @Test
  void build_withoutAuthentication_saysHow() {
    assertThatThrownBy(() -> VaultSecretBackend.builder(vault.address()).build())
        .isInstanceOf(PluginException.class)
        .hasMessageStartingWith("vault: no authentication; give token(Secret) or appRole(");
  }
}
