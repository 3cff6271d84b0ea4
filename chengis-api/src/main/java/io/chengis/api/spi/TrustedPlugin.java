package io.chengis.api.spi;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A plugin jar allowed to load: the SHA-256 of its bytes, with who allowed it and when.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sha256 the jar's SHA-256 as 64 lower-case hex digits
 * @param name a label for people (usually the jar's file name); not checked when loading
 * @param allowedBy who allowed it
 * @param allowedAt when it was allowed
 * @since 0.1.0
 */
public record TrustedPlugin(String sha256, String name, String allowedBy, Instant allowedAt) {
  /**
   * Checks the components and lower-cases the hash.
   *
   * @throws IllegalArgumentException when the hash is not 64 hex digits
   */
  public TrustedPlugin {
    sha256 = checkHash(Objects.requireNonNull(sha256, "sha256"));
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(allowedBy, "allowedBy");
    Objects.requireNonNull(allowedAt, "allowedAt");
  }

  /**
   * Checks that text is a SHA-256 in hex and lower-cases it.
   *
   * @param sha256 the hash
   * @return the hash in lower case
   * @throws IllegalArgumentException when it is not 64 hex digits
   * @since 0.1.0
   */
  public static String checkHash(String sha256) {
    String lower = sha256.toLowerCase(Locale.ROOT);
    if (lower.length() != 64 || !lower.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException(
          "trusted plugin hash is not a SHA-256 (was \""
              + sha256
              + "\"); give the 64 hex digits that `sha256sum plugin.jar` prints");
    }
    return lower;
  }
}
