package io.chengis.engine.secrets;

import static io.chengis.engine.secrets.SecretCipherTest.KEY_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.PluginException;
import io.chengis.api.spi.ProviderContext;
import io.chengis.api.spi.SecretBackendProvider;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SecretBackendProvidersTest {
  private static Map<String, SecretBackendProvider> providers() {
    return ServiceLoader.load(SecretBackendProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .collect(Collectors.toMap(SecretBackendProvider::type, p -> p));
  }

  @Test
  void serviceLoader_findsLocalAndEnv() {
    assertThat(providers()).containsKeys("local", "env");
  }

  @Test
  void localProvider_withMasterKey_createsALocalBackend() {
    var backend =
        providers().get("local").create(ProviderContext.of(Map.of("masterKey", KEY_1.reveal())));

    assertThat(backend).isInstanceOf(LocalSecretBackend.class);
    assertThat(backend.toString()).doesNotContain(KEY_1.reveal()).contains("primary");
  }

  @Test
  void localProvider_withoutMasterKey_namesTheSettingAndTheVariable() {
    SecretBackendProvider local = providers().get("local");

    assertThatThrownBy(() -> local.create(ProviderContext.empty()))
        .isInstanceOf(PluginException.class)
        .hasMessageStartingWith(
            "secret backend \"local\": setting \"masterKey\" is missing (was not set); set"
                + " \"masterKey\", e.g. from the environment variable CHENGIS_SECRETS_MASTER_KEY");
    assertThatThrownBy(() -> local.create(ProviderContext.of(Map.of("masterKey", " "))))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("(was blank)");
  }

  @Test
  void localProvider_shortPassphrase_isAPluginErrorWithoutTheKey() {
    assertThatThrownBy(
            () ->
                providers().get("local").create(ProviderContext.of(Map.of("masterKey", "hunter2"))))
        .isInstanceOf(PluginException.class)
        .hasNoCause()
        .hasMessageContaining("master key is too short")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void envProvider_createsAnEnvBackendWithThePrefix() {
    assertThat(providers().get("env").create(ProviderContext.empty()))
        .hasToString("EnvSecretBackend[prefix=CHENGIS_SECRET_]");
    assertThat(providers().get("env").create(ProviderContext.of(Map.of("prefix", "X_"))))
        .hasToString("EnvSecretBackend[prefix=X_]");
  }
}
