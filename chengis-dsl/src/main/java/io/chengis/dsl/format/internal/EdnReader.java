package io.chengis.dsl.format.internal;

import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Problem;
import io.chengis.api.SourceLocation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small, strict reader of EDN (<a href="https://github.com/edn-format/edn">edn-format</a>): nil,
 * booleans, strings, characters, integers, floats, keywords, symbols, lists, vectors, maps and
 * sets, {@code ;} comments, commas as whitespace and the {@code #_} discard. Tagged elements
 * ({@code #inst}, {@code #uuid}, {@code #my/tag}) are refused, as the original Chengis read
 * Chengisfiles without reader tags, so that reading a file never runs code or builds arbitrary
 * objects. Duplicate map keys and set elements are errors, as the EDN specification requires.
 *
 * <p>The first error ends the read with a {@link PipelineDefinitionException} holding one problem
 * located as {@code file:line:col}. Nesting deeper than {@link #MAX_DEPTH} is an error rather than
 * a stack overflow. Not thread-safe; one instance per read.
 */
final class EdnReader {
  /** Deeper nesting is certainly a mistake in a pipeline file, and would risk the stack. */
  static final int MAX_DEPTH = 100;

  private final String file;
  private final String pipeline;
  private final String text;
  private int position;
  private int line = 1;
  private int column = 1;
  private int depth;

  private EdnReader(String file, String pipeline, String text) {
    this.file = file;
    this.pipeline = pipeline;
    this.text = text;
  }

  /**
   * Reads the single value a file holds.
   *
   * @param file the file name, for locations
   * @param pipeline the pipeline name, for the exception
   * @param text the file's content
   * @return the value
   * @throws PipelineDefinitionException at the first syntax error, an empty file or a second value
   */
  static Edn read(String file, String pipeline, String text) {
    EdnReader reader =
        new EdnReader(
            Objects.requireNonNull(file, "file"),
            Objects.requireNonNull(pipeline, "pipeline"),
            Objects.requireNonNull(text, "text"));
    return reader.document();
  }

  private Edn document() {
    if (text.startsWith("\uFEFF")) {
      advance();
    }
    skipWhitespace();
    if (atEnd()) {
      throw error(line, column, "file", "is empty", "write the pipeline as an EDN map {...}");
    }
    Edn value = value();
    skipWhitespace();
    if (!atEnd()) {
      throw error(
          line,
          column,
          "EDN",
          "has more than one top-level value (was " + preview() + ")",
          "keep one map per file; remove what follows the closing } of the pipeline map");
    }
    return value;
  }

  private Edn value() {
    int startLine = line;
    int startColumn = column;
    char c = peek();
    switch (c) {
      case '(':
        return new Edn.EList(collection(')', "list"), startLine, startColumn);
      case '[':
        return new Edn.Vector(collection(']', "vector"), startLine, startColumn);
      case '{':
        return map(startLine, startColumn);
      case ')':
      case ']':
      case '}':
        throw error(
            startLine,
            startColumn,
            "EDN",
            "has an unmatched '" + c + "'",
            "remove it, or add the opening bracket it closes");
      case '"':
        return string(startLine, startColumn);
      case '\\':
        return character(startLine, startColumn);
      case '#':
        return dispatch(startLine, startColumn);
      case ':':
        return keyword(startLine, startColumn);
      default:
        return atom(startLine, startColumn);
    }
  }

  private List<Edn> collection(char close, String kind) {
    int openLine = line;
    int openColumn = column;
    advance();
    enter(openLine, openColumn);
    List<Edn> items = new ArrayList<>();
    while (true) {
      skipWhitespace();
      if (atEnd()) {
        throw error(
            openLine,
            openColumn,
            "EDN",
            "has a " + kind + " that is never closed",
            "add the closing '" + close + "'");
      }
      char c = peek();
      if (c == close) {
        advance();
        depth--;
        return items;
      }
      if (c == ')' || c == ']' || c == '}') {
        throw error(
            line,
            column,
            "EDN",
            "closes a " + kind + " (opened at " + at(openLine, openColumn) + ") with '" + c + "'",
            "close it with '" + close + "'");
      }
      Edn item = valueOrDiscard();
      if (item != null) {
        items.add(item);
      }
    }
  }

  private Edn map(int startLine, int startColumn) {
    List<Edn> items = collection('}', "map");
    if (items.size() % 2 != 0) {
      Edn last = items.getLast();
      throw error(
          last.line(),
          last.column(),
          "EDN map",
          "has a key without a value (was " + last.describe() + ")",
          "give every key a value, or remove the key");
    }
    List<Edn.Entry> entries = new ArrayList<>();
    Map<Object, Edn> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i += 2) {
      Edn key = items.get(i);
      Edn previous = seen.putIfAbsent(identity(key), key);
      if (previous != null) {
        throw error(
            key.line(),
            key.column(),
            "EDN map",
            "has the key "
                + key.describe()
                + " twice (first at "
                + at(previous.line(), previous.column())
                + ")",
            "keep one of them");
      }
      entries.add(new Edn.Entry(key, items.get(i + 1)));
    }
    return new Edn.EMap(entries, startLine, startColumn);
  }

  /** What makes two values equal, ignoring where they are. */
  private static Object identity(Edn value) {
    return switch (value) {
      case Edn.Nil nil -> List.of("nil");
      case Edn.Bool bool -> List.of("bool", bool.value());
      case Edn.Str str -> List.of("str", str.value());
      case Edn.Char ch -> List.of("char", ch.codePoint());
      case Edn.Int integer -> List.of("num", new BigDecimal(integer.value()).stripTrailingZeros());
      case Edn.Float number -> List.of("float", number.value().stripTrailingZeros());
      case Edn.Keyword keyword -> List.of("kw", keyword.name());
      case Edn.Symbol symbol -> List.of("sym", symbol.name());
      case Edn.EList list ->
          List.of("seq", list.items().stream().map(EdnReader::identity).toList());
      case Edn.Vector vector ->
          List.of("seq", vector.items().stream().map(EdnReader::identity).toList());
      case Edn.ESet set ->
          List.of(
              "set",
              set.items().stream()
                  .map(EdnReader::identity)
                  .collect(java.util.stream.Collectors.toSet()));
      case Edn.EMap map ->
          List.of(
              "map",
              map.entries().stream()
                  .collect(
                      java.util.stream.Collectors.toMap(
                          e -> identity(e.key()), e -> identity(e.value()))));
    };
  }

  private Edn valueOrDiscard() {
    if (peek() == '#' && peekAt(1) == '_') {
      int discardLine = line;
      int discardColumn = column;
      advance();
      advance();
      skipWhitespace();
      if (atEnd() || isCloser(peek())) {
        throw error(
            discardLine,
            discardColumn,
            "EDN",
            "has #_ with nothing to discard",
            "put the value to ignore right after #_, or remove #_");
      }
      valueOrDiscard();
      return null;
    }
    return value();
  }

  private Edn dispatch(int startLine, int startColumn) {
    char next = peekAt(1);
    if (next == '{') {
      advance();
      List<Edn> items = collection('}', "set");
      Map<Object, Edn> seen = new HashMap<>();
      for (Edn item : items) {
        Edn previous = seen.putIfAbsent(identity(item), item);
        if (previous != null) {
          throw error(
              item.line(),
              item.column(),
              "EDN set",
              "has the element "
                  + item.describe()
                  + " twice (first at "
                  + at(previous.line(), previous.column())
                  + ")",
              "keep one of them");
        }
      }
      return new Edn.ESet(items, startLine, startColumn);
    }
    if (next == '_') {
      throw error(
          startLine,
          startColumn,
          "EDN",
          "has #_ where a value is required",
          "put a value here; #_ only removes the value after it");
    }
    StringBuilder tag = new StringBuilder();
    int i = 1;
    while (position + i < text.length() && isSymbolChar(text.charAt(position + i))) {
      tag.append(text.charAt(position + i));
      i++;
    }
    throw error(
        startLine,
        startColumn,
        "EDN",
        tag.isEmpty()
            ? "has '#' that starts no set, discard or tag"
            : "has the tagged element #" + tag + ", and reader tags are not supported",
        tag.isEmpty()
            ? "write #{...} for a set or #_ to discard a value"
            : "write the value as a plain string, e.g. \"...\"; Chengisfiles are read without"
                + " reader tags so that reading one never runs code");
  }

  private Edn string(int startLine, int startColumn) {
    advance();
    StringBuilder value = new StringBuilder();
    while (true) {
      if (atEnd()) {
        throw error(startLine, startColumn, "EDN string", "is never closed", "add the closing \"");
      }
      char c = peek();
      if (c == '"') {
        advance();
        return new Edn.Str(value.toString(), startLine, startColumn);
      }
      if (c == '\\') {
        int escapeLine = line;
        int escapeColumn = column;
        advance();
        if (atEnd()) {
          throw error(
              startLine, startColumn, "EDN string", "is never closed", "add the closing \"");
        }
        char e = peek();
        advance();
        switch (e) {
          case 't' -> value.append('\t');
          case 'r' -> value.append('\r');
          case 'n' -> value.append('\n');
          case 'b' -> value.append('\b');
          case 'f' -> value.append('\f');
          case '\\' -> value.append('\\');
          case '"' -> value.append('"');
          case 'u' -> value.append((char) hex4(escapeLine, escapeColumn));
          default ->
              throw error(
                  escapeLine,
                  escapeColumn,
                  "EDN string",
                  "has the unknown escape \\" + printable(e),
                  "use \\t, \\r, \\n, \\b, \\f, \\\\, \\\" or \\uXXXX; write a backslash as \\\\");
        }
        continue;
      }
      value.append(c);
      advance();
    }
  }

  private int hex4(int escapeLine, int escapeColumn) {
    if (position + 4 > text.length()) {
      throw error(
          escapeLine,
          escapeColumn,
          "EDN",
          "has an incomplete \\u escape",
          "write four hex digits, e.g. \\u00e9");
    }
    String digits = text.substring(position, position + 4);
    for (int i = 0; i < 4; i++) {
      if (Character.digit(digits.charAt(i), 16) < 0) {
        throw error(
            escapeLine,
            escapeColumn,
            "EDN",
            "has an invalid \\u escape (was \\u" + printable(digits) + ")",
            "write four hex digits, e.g. \\u00e9");
      }
    }
    for (int i = 0; i < 4; i++) {
      advance();
    }
    return Integer.parseInt(digits, 16);
  }

  private Edn character(int startLine, int startColumn) {
    advance();
    if (atEnd() || isWhitespace(peek())) {
      throw error(
          startLine,
          startColumn,
          "EDN character",
          "is empty",
          "write a character after the backslash, e.g. \\a or \\space");
    }
    StringBuilder name = new StringBuilder();
    name.append(peek());
    advance();
    while (!atEnd() && !isDelimiter(peek())) {
      name.append(peek());
      advance();
    }
    String token = name.toString();
    int codePoint =
        switch (token) {
          case "newline" -> '\n';
          case "return" -> '\r';
          case "space" -> ' ';
          case "tab" -> '\t';
          case "formfeed" -> '\f';
          case "backspace" -> '\b';
          default -> {
            if (token.codePointCount(0, token.length()) == 1) {
              yield token.codePointAt(0);
            }
            if (token.length() == 5 && token.charAt(0) == 'u' && isHex(token.substring(1))) {
              yield Integer.parseInt(token.substring(1), 16);
            }
            throw error(
                startLine,
                startColumn,
                "EDN character",
                "is unknown (was \\" + printable(token) + ")",
                "write one character, \\newline, \\return, \\space, \\tab, \\formfeed,"
                    + " \\backspace or \\uXXXX; a string is written \"...\"");
          }
        };
    return new Edn.Char(codePoint, startLine, startColumn);
  }

  private Edn keyword(int startLine, int startColumn) {
    advance();
    String name = token();
    if (name.isEmpty() || name.startsWith(":") || !validSymbol(name)) {
      throw error(
          startLine,
          startColumn,
          "EDN keyword",
          "is invalid (was :" + printable(name) + ")",
          "write a name after the colon, e.g. :stages");
    }
    return new Edn.Keyword(name, startLine, startColumn);
  }

  private Edn atom(int startLine, int startColumn) {
    String token = token();
    if (token.isEmpty()) {
      char c = peek();
      throw error(
          startLine,
          startColumn,
          "EDN",
          "has the unexpected character '" + printable(String.valueOf(c)) + "'",
          "remove it; strings are written in double quotes");
    }
    char first = token.charAt(0);
    boolean signed = first == '+' || first == '-';
    if (Character.isDigit(first)
        || (signed && token.length() > 1 && Character.isDigit(token.charAt(1)))) {
      return number(token, startLine, startColumn);
    }
    return switch (token) {
      case "nil" -> new Edn.Nil(startLine, startColumn);
      case "true" -> new Edn.Bool(true, startLine, startColumn);
      case "false" -> new Edn.Bool(false, startLine, startColumn);
      default -> {
        if (!validSymbol(token)) {
          throw error(
              startLine,
              startColumn,
              "EDN symbol",
              "is invalid (was " + printable(token) + ")",
              "strings are written in double quotes, keywords start with ':'");
        }
        yield new Edn.Symbol(token, startLine, startColumn);
      }
    };
  }

  private Edn number(String token, int startLine, int startColumn) {
    String body = token;
    boolean bigInt = body.endsWith("N");
    boolean exact = body.endsWith("M");
    if (bigInt || exact) {
      body = body.substring(0, body.length() - 1);
    }
    try {
      if (!bigInt && (body.contains(".") || body.contains("e") || body.contains("E") || exact)) {
        if (!body.matches("[+-]?(0|[1-9][0-9]*)(\\.[0-9]*)?([eE][+-]?[0-9]+)?")) {
          throw new NumberFormatException(token);
        }
        return new Edn.Float(new BigDecimal(body.replace("+", "")), startLine, startColumn);
      }
      if (!body.matches("[+-]?(0|[1-9][0-9]*)")) {
        throw new NumberFormatException(token);
      }
      return new Edn.Int(
          new BigInteger(body.startsWith("+") ? body.substring(1) : body), startLine, startColumn);
    } catch (NumberFormatException | ArithmeticException notANumber) {
      throw error(
          startLine,
          startColumn,
          "EDN number",
          "is invalid (was " + printable(token) + ")",
          "write a decimal number such as 42, -7 or 1.5 (no leading zeros, hex or ratios)");
    }
  }

  /** The characters up to the next delimiter. */
  private String token() {
    StringBuilder token = new StringBuilder();
    while (!atEnd() && !isDelimiter(peek())) {
      token.append(peek());
      advance();
    }
    return token.toString();
  }

  private static boolean validSymbol(String name) {
    if (name.equals("/")) {
      return true;
    }
    int slash = name.indexOf('/');
    if (slash >= 0) {
      return slash > 0
          && slash < name.length() - 1
          && name.indexOf('/', slash + 1) < 0
          && validSymbolPart(name.substring(0, slash))
          && validSymbolPart(name.substring(slash + 1));
    }
    return validSymbolPart(name);
  }

  private static boolean validSymbolPart(String part) {
    if (part.isEmpty()) {
      return false;
    }
    char first = part.charAt(0);
    if (Character.isDigit(first) || first == ':' || first == '#') {
      return false;
    }
    if ((first == '-' || first == '+' || first == '.')
        && part.length() > 1
        && Character.isDigit(part.charAt(1))) {
      return false;
    }
    for (int i = 0; i < part.length(); i++) {
      if (!isSymbolChar(part.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSymbolChar(char c) {
    return Character.isLetterOrDigit(c) || "*+!-_?<>=.:#$%&'/".indexOf(c) >= 0;
  }

  private static boolean isHex(String text) {
    return text.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '\f';
  }

  private static boolean isCloser(char c) {
    return c == ')' || c == ']' || c == '}';
  }

  private static boolean isDelimiter(char c) {
    return isWhitespace(c) || "()[]{}\";\\".indexOf(c) >= 0;
  }

  private void skipWhitespace() {
    while (!atEnd()) {
      char c = peek();
      if (isWhitespace(c)) {
        advance();
      } else if (c == ';') {
        while (!atEnd() && peek() != '\n') {
          advance();
        }
      } else {
        return;
      }
    }
  }

  private void enter(int openLine, int openColumn) {
    if (++depth > MAX_DEPTH) {
      throw error(
          openLine,
          openColumn,
          "EDN",
          "nests collections deeper than " + MAX_DEPTH + " levels",
          "flatten the structure; a pipeline needs only a few levels");
    }
  }

  private boolean atEnd() {
    return position >= text.length();
  }

  private char peek() {
    return text.charAt(position);
  }

  private char peekAt(int offset) {
    return position + offset < text.length() ? text.charAt(position + offset) : '\0';
  }

  private void advance() {
    char c = text.charAt(position++);
    if (c == '\n') {
      line++;
      column = 1;
    } else if (!Character.isLowSurrogate(c)) {
      column++;
    }
  }

  private String preview() {
    int end = Math.min(text.length(), position + 20);
    return "\""
        + printable(text.substring(position, end))
        + (end < text.length() ? "…" : "")
        + "\"";
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(40)
        .forEach(
            cp -> {
              if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }

  private static String printable(char c) {
    return printable(String.valueOf(c));
  }

  private String at(int atLine, int atColumn) {
    return SourceLocation.of(file, atLine, atColumn).toString();
  }

  private PipelineDefinitionException error(
      int atLine, int atColumn, String subject, String problem, String fix) {
    return new PipelineDefinitionException(
        pipeline,
        List.of(Problem.of(SourceLocation.of(file, atLine, atColumn), subject, problem, fix)));
  }
}
