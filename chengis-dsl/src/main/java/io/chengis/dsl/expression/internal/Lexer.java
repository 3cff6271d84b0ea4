package io.chengis.dsl.expression.internal;

import io.chengis.dsl.expression.ExpressionException.Kind;
import io.chengis.dsl.expression.Value;
import io.chengis.dsl.expression.internal.Token.Type;
import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens; positions are absolute (source offset plus {@code base}). */
final class Lexer {
  private final String source;
  private final int base;
  private int pos;
  private final List<Token> tokens = new ArrayList<>();

  private Lexer(String source, int base) {
    this.source = source;
    this.base = base;
  }

  static List<Token> tokens(String source, int base) {
    var lexer = new Lexer(source, base);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    while (true) {
      while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
        pos++;
      }
      if (pos >= source.length()) {
        tokens.add(new Token(Type.END, "", base + pos, null));
        return;
      }
      char c = source.charAt(pos);
      char next = pos + 1 < source.length() ? source.charAt(pos + 1) : '\0';
      switch (c) {
        case '(' -> single(Type.LPAREN);
        case ')' -> single(Type.RPAREN);
        case '[' -> single(Type.LBRACKET);
        case ']' -> single(Type.RBRACKET);
        case ',' -> single(Type.COMMA);
        case '*' -> single(Type.STAR);
        case '\'' -> string();
        case '!' -> pair(next == '=', Type.NE, Type.NOT);
        case '<' -> pair(next == '=', Type.LE, Type.LT);
        case '>' -> pair(next == '=', Type.GE, Type.GT);
        case '=' -> doubled(next == '=', Type.EQ, "==");
        case '&' -> doubled(next == '&', Type.AND, "&&");
        case '|' -> doubled(next == '|', Type.OR, "||");
        case '.' -> {
          if (isDigit(next) && !afterValue()) {
            number();
          } else {
            single(Type.DOT);
          }
        }
        case '-', '+' -> {
          boolean infinity = source.startsWith("Infinity", pos + 1);
          if ((isDigit(next) || next == '.' || infinity) && !afterValue()) {
            number();
          } else {
            throw unexpected(c);
          }
        }
        default -> {
          if (isDigit(c)) {
            number();
          } else if (isIdentifierStart(c)) {
            identifier();
          } else {
            throw unexpected(c);
          }
        }
      }
    }
  }

  private boolean afterValue() {
    if (tokens.isEmpty()) {
      return false;
    }
    Type last = tokens.getLast().type();
    return last == Type.LITERAL
        || last == Type.IDENTIFIER
        || last == Type.RPAREN
        || last == Type.RBRACKET
        || last == Type.STAR;
  }

  private void single(Type type) {
    tokens.add(new Token(type, source.substring(pos, pos + 1), base + pos, null));
    pos++;
  }

  private void pair(boolean two, Type both, Type one) {
    int length = two ? 2 : 1;
    tokens.add(new Token(two ? both : one, source.substring(pos, pos + length), base + pos, null));
    pos += length;
  }

  private void doubled(boolean ok, Type type, String text) {
    if (!ok) {
      throw Errors.at(
          Kind.LEXING,
          base + pos,
          "operator '" + source.charAt(pos) + "' is incomplete",
          Errors.quote(source),
          "write " + text);
    }
    tokens.add(new Token(type, text, base + pos, null));
    pos += 2;
  }

  private void string() {
    int start = pos;
    var out = new StringBuilder();
    pos++;
    while (true) {
      if (pos >= source.length()) {
        throw Errors.at(
            Kind.LEXING,
            base + start,
            "string literal is not closed",
            Errors.quote(source),
            "end it with ' and write '' for a quote inside");
      }
      char c = source.charAt(pos++);
      if (c == '\'') {
        if (pos < source.length() && source.charAt(pos) == '\'') {
          out.append('\'');
          pos++;
          continue;
        }
        break;
      }
      out.append(c);
    }
    tokens.add(
        new Token(
            Type.LITERAL, source.substring(start, pos), base + start, Value.of(out.toString())));
  }

  private void number() {
    int start = pos;
    boolean negative = source.charAt(pos) == '-';
    if (negative || source.charAt(pos) == '+') {
      pos++;
    }
    double value;
    int radix = radix(pos);
    if (source.startsWith("Infinity", pos)) {
      pos += "Infinity".length();
      value = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    } else if (radix != 10) {
      pos += 2;
      int digits = pos;
      while (pos < source.length() && Character.digit(source.charAt(pos), radix) >= 0) {
        pos++;
      }
      if (pos == digits || pos - digits > 13) {
        throw malformed(start);
      }
      value = Long.parseLong(source.substring(digits, pos), radix);
      if (negative) {
        value = -value;
      }
    } else {
      while (pos < source.length() && isDigit(source.charAt(pos))) {
        pos++;
      }
      if (pos < source.length() && source.charAt(pos) == '.') {
        pos++;
        while (pos < source.length() && isDigit(source.charAt(pos))) {
          pos++;
        }
      }
      if (pos < source.length() && (source.charAt(pos) == 'e' || source.charAt(pos) == 'E')) {
        pos++;
        if (pos < source.length() && (source.charAt(pos) == '+' || source.charAt(pos) == '-')) {
          pos++;
        }
        int digits = pos;
        while (pos < source.length() && isDigit(source.charAt(pos))) {
          pos++;
        }
        if (pos == digits) {
          throw malformed(start);
        }
      }
      String text = source.substring(start, pos);
      if (!text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
        throw malformed(start);
      }
      value = Double.parseDouble(text);
    }
    if (pos < source.length()
        && (isIdentifierPart(source.charAt(pos)) || source.charAt(pos) == '.')) {
      throw malformed(start);
    }
    tokens.add(
        new Token(Type.LITERAL, source.substring(start, pos), base + start, Value.of(value)));
  }

  /** 16, 8 or 2 after a {@code 0x}, {@code 0o} or {@code 0b} prefix at {@code at}; else 10. */
  private int radix(int at) {
    if (at + 1 >= source.length() || source.charAt(at) != '0') {
      return 10;
    }
    return switch (source.charAt(at + 1)) {
      case 'x', 'X' -> 16;
      case 'o', 'O' -> 8;
      case 'b', 'B' -> 2;
      default -> 10;
    };
  }

  private RuntimeException malformed(int start) {
    int end = pos;
    while (end < source.length()
        && (isIdentifierPart(source.charAt(end)) || source.charAt(end) == '.')) {
      end++;
    }
    return Errors.at(
        Kind.LEXING,
        base + start,
        "number literal is malformed",
        Errors.quote(source.substring(start, Math.max(end, start + 1))),
        "write a number such as 42, -1.5, 1e3 or 0xff");
  }

  private void identifier() {
    int start = pos;
    while (pos < source.length() && isIdentifierPart(source.charAt(pos))) {
      pos++;
    }
    String text = source.substring(start, pos);
    Value literal =
        switch (text) {
          case "null" -> Value.nullValue();
          case "true" -> Value.of(true);
          case "false" -> Value.of(false);
          case "NaN" -> Value.of(Double.NaN);
          case "Infinity" -> Value.of(Double.POSITIVE_INFINITY);
          default -> null;
        };
    // After a dot the word is a property name, even when it spells a keyword.
    boolean property = !tokens.isEmpty() && tokens.getLast().type() == Type.DOT;
    if (literal != null && !property) {
      tokens.add(new Token(Type.LITERAL, text, base + start, literal));
    } else {
      tokens.add(new Token(Type.IDENTIFIER, text, base + start, null));
    }
  }

  private RuntimeException unexpected(char c) {
    return Errors.at(
        Kind.LEXING,
        base + pos,
        "character '" + c + "' is not part of the expression language",
        Errors.quote(source),
        "use literals, property names, functions and the operators ( ) [ ] . ! < <= > >= == != && ||;"
            + " quote text with single quotes");
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || isDigit(c) || c == '-';
  }
}
