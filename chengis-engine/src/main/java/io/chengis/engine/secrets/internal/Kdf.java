package io.chengis.engine.secrets.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives the AES-256 key of one key id from a master key.
 *
 * <p>A master key that is standard base64 (padded to a multiple of four characters) of at least
 * {@value #MIN_RAW_KEY_BYTES} bytes is taken as random key material and expanded with HKDF-SHA256
 * (RFC 5869): salt {@code chengis/secrets/v1}, info {@code chengis/secrets/v1/aes-256-gcm/<key
 * id>}. Anything else is a passphrase and is stretched with PBKDF2-HMAC-SHA256, {@value
 * #PBKDF2_ITERATIONS} iterations, salt {@code chengis/secrets/v1/pbkdf2/<key id>}. Both give 32
 * bytes, and the key id takes part in both, so one master key gives a different AES key per key id.
 * Surrounding whitespace (a trailing newline from a file) is ignored for base64 keys only; a
 * passphrase is used exactly as given.
 *
 * <p>Stateless and thread-safe.
 */
public final class Kdf {
  /** The fewest decoded bytes for a base64 master key to count as random key material. */
  public static final int MIN_RAW_KEY_BYTES = 32;

  /** The fewest characters of a passphrase master key. */
  public static final int MIN_PASSPHRASE_LENGTH = 12;

  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
  public static final int PBKDF2_ITERATIONS = 600_000;

  /** The length of every derived key: AES-256. */
  public static final int KEY_BYTES = 32;

  private static final String HMAC = "HmacSHA256";
  private static final int HASH_BYTES = 32;
  private static final String DOMAIN = "chengis/secrets/v1";
  private static final Pattern BASE64 =
      Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

  /** How a master key is turned into AES keys. */
  public enum Derivation {
    /** Random key material given as base64, expanded with HKDF-SHA256. */
    HKDF_SHA256,
    /** A passphrase, stretched with PBKDF2-HMAC-SHA256. */
    PBKDF2_SHA256
  }

  private Kdf() {}

  /**
   * Which derivation applies to a master key's text.
   *
   * @param masterKey the master key text
   * @return HKDF for base64 of at least 32 bytes, PBKDF2 otherwise
   */
  public static Derivation derivationOf(String masterKey) {
    String text = masterKey.strip();
    if (text.length() >= 4 * ((MIN_RAW_KEY_BYTES + 2) / 3) && BASE64.matcher(text).matches()) {
      byte[] decoded = Base64.getDecoder().decode(text);
      Arrays.fill(decoded, (byte) 0);
      if (decoded.length >= MIN_RAW_KEY_BYTES) {
        return Derivation.HKDF_SHA256;
      }
    }
    return Derivation.PBKDF2_SHA256;
  }

  /**
   * Derives the AES-256 key for one key id.
   *
   * @param masterKey the master key text
   * @param keyId the key id
   * @return 32 key bytes; the caller should clear them when done
   * @throws IllegalArgumentException when a passphrase is shorter than {@value
   *     #MIN_PASSPHRASE_LENGTH} characters (the message never shows the key)
   */
  public static byte[] aesKey(String masterKey, String keyId) {
    Objects.requireNonNull(masterKey, "masterKey");
    Objects.requireNonNull(keyId, "keyId");
    return switch (derivationOf(masterKey)) {
      case HKDF_SHA256 -> {
        byte[] ikm = Base64.getDecoder().decode(masterKey.strip());
        try {
          yield hkdf(utf8(DOMAIN), ikm, utf8(DOMAIN + "/aes-256-gcm/" + keyId), KEY_BYTES);
        } finally {
          Arrays.fill(ikm, (byte) 0);
        }
      }
      case PBKDF2_SHA256 -> {
        if (masterKey.length() < MIN_PASSPHRASE_LENGTH) {
          throw new IllegalArgumentException(
              "master key is too short for a passphrase (was "
                  + masterKey.length()
                  + " characters); use at least "
                  + MIN_PASSPHRASE_LENGTH
                  + " characters, or 32 random bytes in base64 (openssl rand -base64 32)");
        }
        char[] chars = masterKey.toCharArray();
        try {
          yield pbkdf2(chars, utf8(DOMAIN + "/pbkdf2/" + keyId), PBKDF2_ITERATIONS, KEY_BYTES);
        } finally {
          Arrays.fill(chars, '\0');
        }
      }
    };
  }

  /**
   * HKDF-SHA256 (RFC 5869): extract, then expand.
   *
   * @param salt the salt; empty means a string of zeros of the hash length
   * @param ikm the input key material
   * @param info the context
   * @param length the output length, at most 255 × 32
   * @return the output key material
   */
  public static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) {
    byte[] prk = hkdfExtract(salt, ikm);
    try {
      return hkdfExpand(prk, info, length);
    } finally {
      Arrays.fill(prk, (byte) 0);
    }
  }

  /**
   * The HKDF extract step: {@code HMAC-SHA256(salt, ikm)}.
   *
   * @param salt the salt; empty means a string of zeros of the hash length
   * @param ikm the input key material
   * @return the pseudorandom key
   */
  public static byte[] hkdfExtract(byte[] salt, byte[] ikm) {
    byte[] key = salt.length == 0 ? new byte[HASH_BYTES] : salt;
    return hmac(key).doFinal(ikm);
  }

  /**
   * The HKDF expand step: {@code T(i) = HMAC(prk, T(i-1) | info | i)}, concatenated and cut.
   *
   * @param prk the pseudorandom key
   * @param info the context
   * @param length the output length, at most 255 × 32
   * @return the output key material
   */
  public static byte[] hkdfExpand(byte[] prk, byte[] info, int length) {
    if (length < 1 || length > 255 * HASH_BYTES) {
      throw new IllegalArgumentException(
          "HKDF output length is out of range (was " + length + "); ask for 1 to 8160 bytes");
    }
    Mac mac = hmac(prk);
    ByteBuffer out = ByteBuffer.allocate(length);
    byte[] previous = new byte[0];
    for (int i = 1; out.hasRemaining(); i++) {
      mac.update(previous);
      mac.update(info);
      mac.update((byte) i);
      previous = mac.doFinal();
      out.put(previous, 0, Math.min(previous.length, out.remaining()));
    }
    Arrays.fill(previous, (byte) 0);
    return out.array();
  }

  /**
   * PBKDF2-HMAC-SHA256 (RFC 8018) over the UTF-8 bytes of a passphrase.
   *
   * @param passphrase the passphrase
   * @param salt the salt
   * @param iterations the iteration count
   * @param length the output length in bytes
   * @return the derived key
   */
  public static byte[] pbkdf2(char[] passphrase, byte[] salt, int iterations, int length) {
    // The JDK's PBKDF2 encodes the password as UTF-8; it is checked against published vectors.
    PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, length * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "PBKDF2WithHmacSHA256 is not available in this JDK; run on a standard Java 21+ runtime",
          e);
    } finally {
      spec.clearPassword();
    }
  }

  private static Mac hmac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "HmacSHA256 is not available in this JDK; run on a standard Java 21+ runtime", e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
