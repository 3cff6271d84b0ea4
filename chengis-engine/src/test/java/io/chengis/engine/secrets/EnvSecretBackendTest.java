package io.chengis.engine.secrets;

import static io.chengis.engine.secrets.SecretCipherTest.GLOBAL;
import static io.chengis.engine.secrets.SecretCipherTest.JOB;
import static io.chengis.engine.secrets.SecretCipherTest.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Secret;
import io.chengis.api.spi.SecretLookup;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSecretBackendTest {
  private final EnvSecretBackend backend =
      EnvSecretBackend.of(Map.of("CHENGIS_SECRET_TOKEN", "from-env", "TOKEN", "unprefixed"));

  @Test
  void lookup_globalWithPrefixedVariable_givesItsValue() {
    assertThat(backend.lookup(new SecretLookup("TOKEN", GLOBAL))).contains(Secret.of("from-env"));
  }

  @Test
  void lookup_orgOrJobScope_isEmpty() {
    assertThat(backend.lookup(new SecretLookup("TOKEN", ORG))).isEmpty();
    assertThat(backend.lookup(new SecretLookup("TOKEN", JOB))).isEmpty();
  }

  @Test
  void lookup_missingVariable_isEmpty() {
    assertThat(backend.lookup(new SecretLookup("OTHER", GLOBAL))).isEmpty();
  }

  @Test
  void lookup_customPrefix_usesIt() {
    EnvSecretBackend custom = EnvSecretBackend.of(Map.of("MY_TOKEN", "v"), "MY_");

    assertThat(custom.lookup(new SecretLookup("TOKEN", GLOBAL))).contains(Secret.of("v"));
    assertThat(custom).hasToString("EnvSecretBackend[prefix=MY_]");
  }
}
