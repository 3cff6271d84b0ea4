package io.chengis.dsl.expression.internal;

import io.chengis.dsl.expression.Value;
import org.jspecify.annotations.Nullable;

/**
 * One token.
 *
 * @param type what it is
 * @param text the text as written
 * @param position the absolute column
 * @param literal the value of a literal token, else null
 */
record Token(Type type, String text, int position, @Nullable Value literal) {
  enum Type {
    LITERAL,
    IDENTIFIER,
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    DOT,
    COMMA,
    STAR,
    NOT,
    LT,
    LE,
    GT,
    GE,
    EQ,
    NE,
    AND,
    OR,
    END
  }

  String describe() {
    return type == Type.END ? "the end of the expression" : "'" + text + "'";
  }
}
