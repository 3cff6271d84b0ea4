package io.chengis.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Secret text: a token, password or private key. Its string form never shows the text.
 *
 * <p>{@link #toString()} is always {@code Secret[***]}, so a secret that reaches a log message,
 * exception or debugger view stays hidden. {@link #equals} compares in constant time. Records and
 * classes that hold a {@code Secret} (or text revealed from one) override {@code toString} too.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "secret value");
  }

  /**
   * Wraps secret text.
   *
   * @param value the secret text (may be empty)
   * @return the secret
   * @since 0.1.0
   */
  public static Secret of(String value) {
    return new Secret(value);
  }

  /**
   * The plain secret text. Callers must not log it, put it in an exception message or a command
   * line, or keep it longer than they need it; hand it to a process through its environment or a
   * file, and register it with the log masker.
   *
   * @return the plain text
   * @since 0.1.0
   */
  public String reveal() {
    return value;
  }

  /**
   * Compares the secret text in constant time, so that timing does not tell how much of a guess was
   * right.
   *
   * @since 0.1.0
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), secret.value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A hash of the secret text, consistent with {@link #equals}.
   *
   * @since 0.1.0
   */
  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /**
   * Always {@code Secret[***]}.
   *
   * @return {@code Secret[***]}
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "Secret[***]";
  }
}
