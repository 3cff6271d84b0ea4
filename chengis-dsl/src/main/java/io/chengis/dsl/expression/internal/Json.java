package io.chengis.dsl.expression.internal;

import io.chengis.dsl.expression.ExpressionException.Kind;
import io.chengis.dsl.expression.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader and GitHub's {@code toJSON} printer (two-space indentation). Own code
 * rather than Jackson so that the DSL keeps depending on the JDK and the API only.
 */
public final class Json {
  private static final int MAX_DEPTH = 512;

  private final String text;
  private int pos;
  private int depth;

  private Json(String text) {
    this.text = text;
  }

  /**
   * Reads a JSON document.
   *
   * @param text the JSON text
   * @return the value
   * @throws io.chengis.dsl.expression.ExpressionException of kind parsing, positioned in the text
   */
  public static Value parse(String text) {
    try {
      return read(text);
    } catch (Failure f) {
      String near = text.substring(f.offset, Math.min(text.length(), f.offset + 20));
      throw Errors.at(
          Kind.PARSING,
          f.offset,
          f.what,
          near.isEmpty() ? "the end of the text" : Errors.quote(near),
          f.fix);
    }
  }

  /**
   * Reads the argument of {@code fromJSON}.
   *
   * @param text the JSON text
   * @param position the column of the call
   * @return the value
   * @throws io.chengis.dsl.expression.ExpressionException of kind evaluation at the call
   */
  public static Value parseArgument(String text, int position) {
    try {
      return read(text);
    } catch (Failure f) {
      throw Errors.at(
          Kind.EVALUATION,
          position,
          "fromJSON argument is not JSON: " + f.what + " at offset " + f.offset,
          Errors.quote(text.length() <= 60 ? text : text.substring(0, 57) + "..."),
          f.fix);
    }
  }

  /** A problem in JSON text; becomes an ExpressionException of the caller's kind. */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int offset;
    private final String what;
    private final String fix;

    Failure(int offset, String what, String fix) {
      super(what, null, false, false);
      this.offset = offset;
      this.what = what;
      this.fix = fix;
    }
  }

  private static Value read(String text) {
    var reader = new Json(text);
    reader.skipSpace();
    Value value = reader.value();
    reader.skipSpace();
    if (reader.pos < text.length()) {
      throw reader.error("JSON text continues after the value", "remove the trailing text");
    }
    return value;
  }

  /**
   * Prints a value as GitHub's {@code toJSON} does.
   *
   * @param value the value
   * @return the indented JSON
   */
  public static String print(Value value) {
    var out = new StringBuilder();
    print(value, 0, out);
    return out.toString();
  }

  private static void print(Value value, int indent, StringBuilder out) {
    switch (value) {
      case Value.Null ignored -> out.append("null");
      case Value.Bool b -> out.append(b.value());
      case Value.Num n -> out.append(n.asString());
      case Value.Str s -> quote(s.value(), out);
      case Value.Arr a -> {
        if (a.elements().isEmpty()) {
          out.append("[]");
          return;
        }
        out.append("[\n");
        for (int i = 0; i < a.elements().size(); i++) {
          out.append("  ".repeat(indent + 1));
          print(a.elements().get(i), indent + 1, out);
          out.append(i + 1 < a.elements().size() ? ",\n" : "\n");
        }
        out.append("  ".repeat(indent)).append(']');
      }
      case Value.Obj o -> {
        if (o.members().isEmpty()) {
          out.append("{}");
          return;
        }
        out.append("{\n");
        int i = 0;
        for (Map.Entry<String, Value> member : o.members().entrySet()) {
          out.append("  ".repeat(indent + 1));
          quote(member.getKey(), out);
          out.append(": ");
          print(member.getValue(), indent + 1, out);
          out.append(++i < o.members().size() ? ",\n" : "\n");
        }
        out.append("  ".repeat(indent)).append('}');
      }
    }
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private Value value() {
    if (pos >= text.length()) {
      throw error("JSON text ends where a value is expected", "complete the JSON document");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> Value.of(string());
      case 't' -> word("true", Value.of(true));
      case 'f' -> word("false", Value.of(false));
      case 'n' -> word("null", Value.nullValue());
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error(
            "JSON value cannot start with '" + c + "'",
            "write an object, array, string, number, true, false or null");
      }
    };
  }

  private Value word(String word, Value value) {
    if (!text.startsWith(word, pos)) {
      throw error("JSON literal is misspelled", "write " + word);
    }
    pos += word.length();
    return value;
  }

  private Value number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      while (isDigit(peek())) {
        pos++;
      }
    } else {
      throw error("JSON number has no digits", "write digits after '-'");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw error("JSON number has no digits after '.'", "write digits after the decimal point");
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("JSON number has no exponent digits", "write digits after 'e'");
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    return Value.of(Double.parseDouble(text.substring(start, pos)));
  }

  private String string() {
    pos++;
    var out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("JSON string is not closed", "end it with \"");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        pos--;
        throw error("JSON string holds a raw control character", "escape it, for example \\n");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("JSON string is not closed", "end it with \"");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        case '/' -> out.append('/');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw error(
                "JSON \\u escape needs four hex digits", "write \\u followed by four hex digits");
          }
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
              throw error(
                  "JSON \\u escape needs four hex digits", "write \\u followed by four hex digits");
            }
            code = code * 16 + digit;
          }
          pos += 4;
          out.append((char) code);
        }
        default -> {
          pos--;
          throw error(
              "JSON string has an unknown escape \\" + e,
              "use one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u and four hex digits");
        }
      }
    }
  }

  private Value array() {
    enter();
    pos++;
    List<Value> elements = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      pos++;
      depth--;
      return Value.array(elements);
    }
    while (true) {
      skipSpace();
      elements.add(value());
      skipSpace();
      char c = peek();
      pos++;
      if (c == ']') {
        depth--;
        return Value.array(elements);
      }
      if (c != ',') {
        pos--;
        throw error(
            "JSON array expects ',' or ']'",
            "separate elements with ',' and end the array with ']'");
      }
    }
  }

  private Value object() {
    enter();
    pos++;
    Map<String, Value> members = new LinkedHashMap<>();
    skipSpace();
    if (peek() == '}') {
      pos++;
      depth--;
      return Value.object(members);
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("JSON object expects a quoted property name", "write \"name\": value");
      }
      String key = string();
      skipSpace();
      if (peek() != ':') {
        throw error("JSON object expects ':' after a property name", "write \"name\": value");
      }
      pos++;
      skipSpace();
      members.put(key, value());
      skipSpace();
      char c = peek();
      pos++;
      if (c == '}') {
        depth--;
        return Value.object(members);
      }
      if (c != ',') {
        pos--;
        throw error(
            "JSON object expects ',' or '}'",
            "separate properties with ',' and end the object with '}'");
      }
    }
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error("JSON nests deeper than " + MAX_DEPTH + " levels", "flatten the document");
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void skipSpace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private RuntimeException error(String what, String fix) {
    return new Failure(Math.min(pos, text.length()), what, fix);
  }
}
