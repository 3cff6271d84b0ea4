package io.chengis.testkit.contract;

import io.chengis.api.spi.SecretBackend;
import io.chengis.api.spi.SecretLookup;
import io.chengis.api.spi.SecretScope;
import io.chengis.engine.secrets.EnvSecretBackend;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

class EnvSecretBackendContractTest extends SecretBackendContract {
  @Override
  protected SecretBackend newBackend(Map<SecretLookup, String> secrets) {
    Map<String, String> environment = new LinkedHashMap<>();
    secrets.forEach(
        (lookup, value) -> environment.put(EnvSecretBackend.DEFAULT_PREFIX + lookup.name(), value));
    return EnvSecretBackend.of(environment);
  }

  @Override
  protected Set<Class<? extends SecretScope>> scopes() {
    return Set.of(SecretScope.Global.class);
  }
}
