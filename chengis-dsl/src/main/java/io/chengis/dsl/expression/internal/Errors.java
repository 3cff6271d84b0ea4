package io.chengis.dsl.expression.internal;

import io.chengis.dsl.expression.ExpressionException;
import io.chengis.dsl.expression.ExpressionException.Kind;

/** Builds messages in the house shape: {@code column <n>: <what> (was <value>); <fix>}. */
public final class Errors {
  private Errors() {}

  /**
   * Creates an exception.
   *
   * @param kind the phase
   * @param position the column
   * @param what the subject and its problem
   * @param value what was found
   * @param fix how to fix it
   * @return the exception, to throw
   */
  public static ExpressionException at(
      Kind kind, int position, String what, String value, String fix) {
    return new ExpressionException(
        kind, position, "column " + position + ": " + what + " (was " + value + "); " + fix);
  }

  /**
   * Quotes a text for a message, escaping quotes and line breaks.
   *
   * @param text the text
   * @return the quoted text
   */
  public static String quote(String text) {
    var out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
