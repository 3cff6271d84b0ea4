package io.chengis.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.engine.secrets.internal.Kdf;
import io.chengis.engine.secrets.internal.Kdf.Derivation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KdfTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void hkdf_rfc5869TestCase1_matchesPrkAndOkm() {
    byte[] ikm = HEX.parseHex("0b".repeat(22));
    byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
    byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");

    assertThat(HEX.formatHex(Kdf.hkdfExtract(salt, ikm)))
        .isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
    assertThat(HEX.formatHex(Kdf.hkdf(salt, ikm, info, 42)))
        .isEqualTo(
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  }

  @Test
  void hkdf_rfc5869TestCase3EmptySaltAndInfo_matchesOkm() {
    byte[] ikm = HEX.parseHex("0b".repeat(22));

    assertThat(HEX.formatHex(Kdf.hkdfExtract(new byte[0], ikm)))
        .isEqualTo("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04");
    assertThat(HEX.formatHex(Kdf.hkdf(new byte[0], ikm, new byte[0], 42)))
        .isEqualTo(
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  }

  @Test
  void hkdfExpand_lengthAboveLimit_isRejected() {
    assertThatThrownBy(() -> Kdf.hkdfExpand(new byte[32], new byte[0], 255 * 32 + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 8161");
  }

  @Test
  void pbkdf2_publishedSha256Vectors_match() {
    byte[] salt = "salt".getBytes(StandardCharsets.UTF_8);

    assertThat(HEX.formatHex(Kdf.pbkdf2("password".toCharArray(), salt, 1, 32)))
        .isEqualTo("120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
    assertThat(HEX.formatHex(Kdf.pbkdf2("password".toCharArray(), salt, 4096, 32)))
        .isEqualTo("c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
    // RFC 7914, section 11.
    assertThat(HEX.formatHex(Kdf.pbkdf2("passwd".toCharArray(), salt, 1, 64)))
        .isEqualTo(
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
  }

  @Test
  void derivationOf_base64Of32Bytes_isHkdf() {
    String key = Base64.getEncoder().encodeToString(new byte[32]);

    assertThat(Kdf.derivationOf(key)).isEqualTo(Derivation.HKDF_SHA256);
    assertThat(Kdf.derivationOf(key + "\n")).isEqualTo(Derivation.HKDF_SHA256);
  }

  @Test
  void derivationOf_passphraseOrShortBase64_isPbkdf2() {
    assertThat(Kdf.derivationOf("correct horse battery staple"))
        .isEqualTo(Derivation.PBKDF2_SHA256);
    assertThat(Kdf.derivationOf(Base64.getEncoder().encodeToString(new byte[31])))
        .isEqualTo(Derivation.PBKDF2_SHA256);
  }

  @Test
  void aesKey_sameMasterKeyOtherKeyId_differs() {
    String key = Base64.getEncoder().encodeToString(new byte[32]);

    assertThat(Kdf.aesKey(key, "k1")).hasSize(32).isNotEqualTo(Kdf.aesKey(key, "k2"));
  }

  @Test
  void aesKey_passphrase_isPbkdf2WithTheDocumentedParameters() {
    String passphrase = "correct horse battery staple";

    assertThat(Kdf.PBKDF2_ITERATIONS).isGreaterThanOrEqualTo(600_000);
    assertThat(Kdf.aesKey(passphrase, "k1"))
        .isEqualTo(
            Kdf.pbkdf2(
                passphrase.toCharArray(),
                "chengis/secrets/v1/pbkdf2/k1".getBytes(StandardCharsets.UTF_8),
                Kdf.PBKDF2_ITERATIONS,
                32));
  }

  @Test
  void aesKey_shortPassphrase_isRejectedWithoutShowingIt() {
    assertThatThrownBy(() -> Kdf.aesKey("hunter2", "k1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 7 characters")
        .hasMessageNotContaining("hunter2");
  }
}
