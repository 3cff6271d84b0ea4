package io.chengis.api.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rules for identifier text shared by the identifier value types, with messages in the house
 * shape: {@code <subject> <problem> (was <value>); <fix>}.
 */
public final class IdText {
  /** The longest identifier accepted; long enough for generated names, short enough for keys. */
  public static final int MAX_LENGTH = 128;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** Values longer than this are cut in messages so one bad id cannot flood a log. */
  private static final int MAX_SHOWN = 40;

  private IdText() {}

  /**
   * Checks a name-like identifier: 1 to {@value #MAX_LENGTH} letters, digits, {@code .}, {@code _}
   * or {@code -}, starting with a letter or digit.
   *
   * @param kind what the value identifies, e.g. {@code job id}
   * @param value the text to check
   * @return {@code value}
   * @throws IllegalArgumentException when the value breaks a rule
   */
  public static String checkName(String kind, String value) {
    Objects.requireNonNull(value, kind);
    String fix =
        "use 1 to "
            + MAX_LENGTH
            + " letters, digits, '.', '_' or '-', starting with a letter or digit";
    if (value.isBlank()) {
      throw invalid(kind, "must not be blank", value, fix);
    }
    if (value.length() > MAX_LENGTH) {
      throw invalid(kind, "is too long: " + value.length() + " characters", value, fix);
    }
    if (!NAME.matcher(value).matches()) {
      throw invalid(kind, "contains characters that are not allowed", value, fix);
    }
    return value;
  }

  /**
   * The exception for an invalid identifier, in the house shape.
   *
   * @param kind what the value identifies
   * @param problem what is wrong
   * @param value the offending text
   * @param fix what to do
   * @return the exception to throw
   */
  public static IllegalArgumentException invalid(
      String kind, String problem, String value, String fix) {
    return new IllegalArgumentException(
        kind + " " + problem + " (was " + shown(value) + "); " + fix);
  }

  /** The value quoted, control characters escaped and long values cut. */
  private static String shown(String value) {
    String cut = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) : value;
    StringBuilder text = new StringBuilder("\"");
    cut.codePoints()
        .forEach(
            c -> {
              if (c == '"' || c == '\\') {
                text.append('\\').appendCodePoint(c);
              } else if (Character.isISOControl(c)) {
                text.append(String.format("\\u%04x", c));
              } else {
                text.appendCodePoint(c);
              }
            });
    text.append('"');
    return cut.length() < value.length() ? text.append("...").toString() : text.toString();
  }
}
