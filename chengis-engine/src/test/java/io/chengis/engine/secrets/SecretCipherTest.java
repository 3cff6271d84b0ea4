package io.chengis.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Secret;
import io.chengis.api.spi.SecretScope;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
  static final Secret KEY_1 = Secret.of(base64Key(0));
  static final Secret KEY_2 = Secret.of(base64Key(100));
  static final SecretScope GLOBAL = new SecretScope.Global();
  static final SecretScope ORG = new SecretScope.Org(OrgId.of("acme"));
  static final SecretScope JOB = new SecretScope.Job(OrgId.of("acme"), JobId.of("api"));

  private final SecretCipher cipher = SecretCipher.of("k1", KEY_1);

  static String base64Key(int seed) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (seed + i * 7);
    }
    return Base64.getEncoder().encodeToString(key);
  }

  @Property(tries = 200)
  void decrypt_encryptedRandomSecret_givesItBack(
      @ForAll("texts") String value, @ForAll("scopes") SecretScope scope) {
    EncryptedSecret record = cipher.encrypt(scope, "TOKEN", Secret.of(value));

    assertThat(cipher.decrypt(record).reveal()).isEqualTo(value);
    assertThat(record.keyId()).isEqualTo("k1");
    assertThat(record.nonce()).hasSize(12);
    assertThat(record.ciphertext()).hasSize(value.getBytes(StandardCharsets.UTF_8).length + 16);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings()
        .all()
        .ofMaxLength(300)
        .filter(s -> StandardCharsets.UTF_8.newEncoder().canEncode(s));
  }

  @Provide
  Arbitrary<SecretScope> scopes() {
    return Arbitraries.of(GLOBAL, ORG, JOB);
  }

  @Test
  void encrypt_samePlaintextTwice_givesFreshNonceAndCiphertext() {
    EncryptedSecret first = cipher.encrypt(GLOBAL, "TOKEN", Secret.of("same"));
    EncryptedSecret second = cipher.encrypt(GLOBAL, "TOKEN", Secret.of("same"));

    assertThat(first.nonce()).isNotEqualTo(second.nonce());
    assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
  }

  @Test
  void encrypt_unpairedSurrogate_isRejectedWithoutTheValue() {
    assertThatThrownBy(() -> cipher.encrypt(GLOBAL, "TOKEN", Secret.of("ab\uD800cd")))
        .isInstanceOf(SecretException.class)
        .hasMessageContaining("not valid Unicode text");
  }

  @Test
  void decrypt_anyCiphertextOrNonceByteFlipped_failsWithClearError() {
    EncryptedSecret record = cipher.encrypt(JOB, "TOKEN", Secret.of("s3cr3t-value"));
    byte[] ciphertext = record.ciphertext();
    byte[] nonce = record.nonce();

    IntStream.range(0, ciphertext.length)
        .forEach(
            i -> {
              byte[] changed = ciphertext.clone();
              changed[i] ^= 0x01;
              assertDecryptFails(
                  new EncryptedSecret(JOB, "TOKEN", "k1", nonce, changed), "does not decrypt");
            });
    IntStream.range(0, nonce.length)
        .forEach(
            i -> {
              byte[] changed = nonce.clone();
              changed[i] ^= (byte) 0x80;
              assertDecryptFails(
                  new EncryptedSecret(JOB, "TOKEN", "k1", changed, ciphertext), "does not decrypt");
            });
  }

  @Test
  void decrypt_recordMovedToAnotherNameOrScope_fails() {
    EncryptedSecret record = cipher.encrypt(JOB, "TOKEN", Secret.of("s3cr3t-value"));

    assertDecryptFails(
        new EncryptedSecret(JOB, "OTHER", "k1", record.nonce(), record.ciphertext()),
        "secret \"OTHER\" in scope job:acme/api does not decrypt");
    assertDecryptFails(
        new EncryptedSecret(ORG, "TOKEN", "k1", record.nonce(), record.ciphertext()),
        "in scope org:acme does not decrypt");
    assertDecryptFails(
        new EncryptedSecret(
            new SecretScope.Job(OrgId.of("acme"), JobId.of("web")),
            "TOKEN",
            "k1",
            record.nonce(),
            record.ciphertext()),
        "does not decrypt");
  }

  @Test
  void decrypt_recordRelabelledWithAnotherKnownKeyId_fails() {
    SecretCipher both =
        SecretCipher.builder().currentKey("k2", KEY_1).previousKey("k1", KEY_1).build();
    EncryptedSecret record = both.encrypt(GLOBAL, "TOKEN", Secret.of("s3cr3t-value"));

    assertDecryptFails(
        both,
        new EncryptedSecret(GLOBAL, "TOKEN", "k1", record.nonce(), record.ciphertext()),
        "does not decrypt with key id \"k1\"");
  }

  @Test
  void decrypt_wrongMasterKey_saysSoAndHowToFixWithoutACause() {
    EncryptedSecret record = cipher.encrypt(GLOBAL, "TOKEN", Secret.of("s3cr3t-value"));
    SecretCipher wrong = SecretCipher.of("k1", KEY_2);

    assertThatThrownBy(() -> wrong.decrypt(record))
        .isInstanceOf(SecretException.class)
        .hasNoCause()
        .hasMessageStartingWith("local secrets: secret \"TOKEN\" in scope global")
        .hasMessageContaining(
            "the master key does not match the one the secrets were written with; set"
                + " CHENGIS_SECRETS_MASTER_KEY to the original key")
        .hasMessageNotContaining("s3cr3t-value")
        .hasMessageNotContaining(KEY_1.reveal())
        .hasMessageNotContaining(KEY_2.reveal());
  }

  @Test
  void decrypt_unknownKeyId_namesItAndTheKnownOnes() {
    EncryptedSecret record = SecretCipher.of("old", KEY_2).encrypt(GLOBAL, "TOKEN", Secret.of("v"));

    assertThatThrownBy(() -> cipher.decrypt(record))
        .isInstanceOf(SecretException.class)
        .hasMessageContaining("was \"old\"; holds \"k1\"")
        .hasMessageContaining("set CHENGIS_SECRETS_MASTER_KEY to the original key");
  }

  @Test
  void rotate_oldRecordsStayReadableAndReencryptMovesThemToTheNewKey() {
    EncryptedSecret old = cipher.encrypt(ORG, "TOKEN", Secret.of("s3cr3t-value"));
    SecretCipher rotated =
        SecretCipher.builder().previousKey("k1", KEY_1).currentKey("k2", KEY_2).build();

    assertThat(rotated.currentKeyId()).isEqualTo("k2");
    assertThat(rotated.keyIds()).containsExactly("k2", "k1");
    assertThat(rotated.decrypt(old).reveal()).isEqualTo("s3cr3t-value");
    EncryptedSecret moved = rotated.reencrypt(old);
    assertThat(moved.keyId()).isEqualTo("k2");
    assertThat(rotated.decrypt(moved).reveal()).isEqualTo("s3cr3t-value");
    assertThat(SecretCipher.of("k2", KEY_2).decrypt(moved).reveal()).isEqualTo("s3cr3t-value");
    assertThat(rotated.reencrypt(moved)).isSameAs(moved);
  }

  @Test
  void of_passphrase_roundTripsThroughPbkdf2() {
    SecretCipher passphrase = SecretCipher.of("k1", Secret.of("correct horse battery staple"));
    EncryptedSecret record = passphrase.encrypt(GLOBAL, "TOKEN", Secret.of("value"));

    assertThat(passphrase.decrypt(record).reveal()).isEqualTo("value");
    assertThatThrownBy(() -> cipher.decrypt(record)).isInstanceOf(SecretException.class);
  }

  @Test
  void of_shortPassphrase_isRejectedNamingTheKeyIdNotTheKey() {
    assertThatThrownBy(() -> SecretCipher.of("k1", Secret.of("hunter2")))
        .isInstanceOf(SecretException.class)
        .hasMessageStartingWith("local secrets: key id \"k1\": master key is too short")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void builder_withoutCurrentKeyOrWithDuplicateId_isRejected() {
    assertThatThrownBy(() -> SecretCipher.builder().previousKey("k1", KEY_1).build())
        .isInstanceOf(SecretException.class)
        .hasMessageContaining("has no current key (was previous keys \"k1\")");
    assertThatThrownBy(
            () -> SecretCipher.builder().currentKey("k1", KEY_1).previousKey("k1", KEY_2))
        .isInstanceOf(SecretException.class)
        .hasMessageContaining("key id is given twice (was \"k1\")");
  }

  @Test
  void encryptedSecret_toString_showsNoBytes() {
    EncryptedSecret record = cipher.encrypt(JOB, "TOKEN", Secret.of("s3cr3t-value"));

    assertThat(record)
        .hasToString(
            "EncryptedSecret[scope=job:acme/api, name=TOKEN, keyId=k1, ciphertext=28 bytes]");
    assertThat(cipher).hasToString("SecretCipher[current=k1, keyIds=[k1]]");
  }

  private void assertDecryptFails(EncryptedSecret record, String message) {
    assertDecryptFails(cipher, record, message);
  }

  private static void assertDecryptFails(
      SecretCipher cipher, EncryptedSecret record, String message) {
    assertThatThrownBy(() -> cipher.decrypt(record))
        .isInstanceOf(SecretException.class)
        .hasMessageContaining(message)
        .hasMessageNotContaining("s3cr3t-value");
  }
}
