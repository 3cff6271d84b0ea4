package io.chengis.engine.secrets.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/** The rules for secret names and key ids, with messages in the house shape. */
public final class SecretNames {
  /** The longest name or key id accepted. */
  public static final int MAX_LENGTH = 128;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final int MAX_SHOWN = 40;

  private SecretNames() {}

  /**
   * Checks a secret name or key id: 1 to 128 letters, digits, {@code _}, {@code .} or {@code -},
   * not starting with {@code .} or {@code -}.
   *
   * @param where the message's place, e.g. {@code local secrets}
   * @param kind what the text names, e.g. {@code secret name}
   * @param value the text
   * @return {@code value}
   * @throws IllegalArgumentException when the text breaks a rule
   */
  public static String check(String where, String kind, String value) {
    Objects.requireNonNull(value, kind);
    if (value.length() > MAX_LENGTH || !NAME.matcher(value).matches()) {
      String shown = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "..." : value;
      throw new IllegalArgumentException(
          where
              + ": "
              + kind
              + " is not allowed (was \""
              + shown
              + "\"); use 1 to "
              + MAX_LENGTH
              + " letters, digits, '_', '.' or '-', starting with a letter, digit or '_'");
    }
    return value;
  }
}
