package io.chengis.engine.secrets;

import static io.chengis.engine.secrets.SecretCipherTest.GLOBAL;
import static io.chengis.engine.secrets.SecretCipherTest.JOB;
import static io.chengis.engine.secrets.SecretCipherTest.KEY_1;
import static io.chengis.engine.secrets.SecretCipherTest.KEY_2;
import static io.chengis.engine.secrets.SecretCipherTest.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.Secret;
import io.chengis.api.spi.SecretLookup;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LocalSecretBackendTest {
  private final InMemorySecretVault vault = new InMemorySecretVault();
  private final LocalSecretBackend backend =
      LocalSecretBackend.of(SecretCipher.of("k1", KEY_1), vault);

  @Test
  void lookup_afterPut_givesTheValueAndTheVaultHoldsOnlyCiphertext() {
    backend.put(JOB, "DB_PASSWORD", Secret.of("s3cr3t-value"));

    assertThat(backend.lookup(new SecretLookup("DB_PASSWORD", JOB)))
        .contains(Secret.of("s3cr3t-value"));
    EncryptedSecret stored = vault.get(JOB, "DB_PASSWORD").orElseThrow();
    assertThat(new String(stored.ciphertext(), StandardCharsets.ISO_8859_1))
        .doesNotContain("s3cr3t-value");
  }

  @Test
  void lookup_otherScopeOrName_isEmpty() {
    backend.put(JOB, "DB_PASSWORD", Secret.of("v"));

    assertThat(backend.lookup(new SecretLookup("DB_PASSWORD", ORG))).isEmpty();
    assertThat(backend.lookup(new SecretLookup("OTHER", JOB))).isEmpty();
  }

  @Test
  void put_sameName_replacesTheValue() {
    backend.put(GLOBAL, "TOKEN", Secret.of("one"));
    backend.put(GLOBAL, "TOKEN", Secret.of("two"));

    assertThat(backend.lookup(new SecretLookup("TOKEN", GLOBAL))).contains(Secret.of("two"));
    assertThat(backend.names(GLOBAL)).containsExactly("TOKEN");
  }

  @Test
  void names_severalSecrets_areSortedPerScope() {
    backend.put(GLOBAL, "ZED", Secret.of("v"));
    backend.put(GLOBAL, "ALPHA", Secret.of("v"));
    backend.put(ORG, "MIDDLE", Secret.of("v"));

    assertThat(backend.names(GLOBAL)).containsExactly("ALPHA", "ZED");
    assertThat(backend.names(ORG)).containsExactly("MIDDLE");
    assertThat(backend.names(JOB)).isEmpty();
  }

  @Test
  void delete_existingAndMissing_reportsWhetherThereWasOne() {
    backend.put(GLOBAL, "TOKEN", Secret.of("v"));

    assertThat(backend.delete(GLOBAL, "TOKEN")).isTrue();
    assertThat(backend.delete(GLOBAL, "TOKEN")).isFalse();
    assertThat(backend.lookup(new SecretLookup("TOKEN", GLOBAL))).isEmpty();
  }

  @Test
  void put_invalidName_isRejected() {
    assertThatThrownBy(() -> backend.put(GLOBAL, "bad name", Secret.of("v")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "local secrets: secret name is not allowed (was \"bad name\"); use 1 to 128 letters,"
                + " digits, '_', '.' or '-', starting with a letter, digit or '_'");
  }

  @Test
  void rotate_afterNewCurrentKey_reencryptsEveryOldRecord() {
    backend.put(GLOBAL, "A", Secret.of("a-value"));
    backend.put(JOB, "B", Secret.of("b-value"));
    LocalSecretBackend rotated =
        LocalSecretBackend.of(
            SecretCipher.builder().currentKey("k2", KEY_2).previousKey("k1", KEY_1).build(), vault);

    assertThat(rotated.lookup(new SecretLookup("A", GLOBAL))).contains(Secret.of("a-value"));
    assertThat(rotated.rotate()).isEqualTo(2);
    assertThat(rotated.rotate()).isZero();
    assertThat(vault.get(GLOBAL, "A").orElseThrow().keyId()).isEqualTo("k2");
    assertThat(vault.get(JOB, "B").orElseThrow().keyId()).isEqualTo("k2");
    LocalSecretBackend newKeyOnly = LocalSecretBackend.of(SecretCipher.of("k2", KEY_2), vault);
    assertThat(newKeyOnly.lookup(new SecretLookup("B", JOB))).contains(Secret.of("b-value"));
  }

  @Test
  void lookup_wrongMasterKey_failsWithTheFix() {
    backend.put(GLOBAL, "TOKEN", Secret.of("s3cr3t-value"));
    LocalSecretBackend wrong = LocalSecretBackend.of(SecretCipher.of("k1", KEY_2), vault);

    assertThatThrownBy(() -> wrong.lookup(new SecretLookup("TOKEN", GLOBAL)))
        .isInstanceOf(SecretException.class)
        .hasNoCause()
        .hasMessageContaining("set CHENGIS_SECRETS_MASTER_KEY to the original key");
  }
}
