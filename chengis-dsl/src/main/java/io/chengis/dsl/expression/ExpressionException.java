package io.chengis.dsl.expression;

import io.chengis.api.ChengisException;
import java.util.Locale;
import java.util.Objects;

/**
 * An expression could not be lexed, parsed or evaluated. The message has the house shape: {@code
 * column <n>: <what> (was <value>); <fix>}, and {@link #position()} is that column.
 *
 * @since 0.1.0
 */
public final class ExpressionException extends ChengisException {
  private static final long serialVersionUID = 1L;

  /**
   * The phase that failed.
   *
   * @since 0.1.0
   */
  public enum Kind {
    /** The text holds a character or token the language does not know. */
    LEXING,
    /** The tokens do not form an expression. */
    PARSING,
    /** The expression is well formed but could not be evaluated against the contexts. */
    EVALUATION;

    /**
     * The lower-case name used in messages and JSON output ({@code lexing}, {@code parsing}, {@code
     * evaluation}).
     *
     * @return the label
     */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Kind kind;
  private final int position;

  /**
   * Creates the exception.
   *
   * @param kind the phase that failed
   * @param position the 0-based column in the source
   * @param message the full message in the house shape, starting with {@code column <position>:}
   */
  public ExpressionException(Kind kind, int position, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.position = position;
  }

  /**
   * The phase that failed.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The 0-based column where the problem is.
   *
   * @return the column
   */
  public int position() {
    return position;
  }
}
