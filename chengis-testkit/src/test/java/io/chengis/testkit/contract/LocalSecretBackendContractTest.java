package io.chengis.testkit.contract;

import io.chengis.api.Secret;
import io.chengis.api.spi.SecretBackend;
import io.chengis.api.spi.SecretLookup;
import io.chengis.engine.secrets.InMemorySecretVault;
import io.chengis.engine.secrets.LocalSecretBackend;
import io.chengis.engine.secrets.SecretCipher;
import java.util.Map;

class LocalSecretBackendContractTest extends SecretBackendContract {
  private static final SecretCipher CIPHER =
      SecretCipher.of("contract-key", Secret.of("a master key for the contract test, 32+ chars"));

  @Override
  protected SecretBackend newBackend(Map<SecretLookup, String> secrets) {
    LocalSecretBackend backend = LocalSecretBackend.of(CIPHER, new InMemorySecretVault());
    secrets.forEach(
        (lookup, value) -> backend.put(lookup.scope(), lookup.name(), Secret.of(value)));
    return backend;
  }
}
