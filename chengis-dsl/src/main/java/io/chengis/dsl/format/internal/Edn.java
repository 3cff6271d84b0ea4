package io.chengis.dsl.format.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * One EDN value as read from a file, with the line and column where it starts. Maps keep their
 * entries in file order (duplicate keys are rejected by the reader). Immutable.
 */
sealed interface Edn {
  /** The 1-based line where the value starts. */
  int line();

  /** The 1-based column where the value starts. */
  int column();

  /** What the value is, for "was ..." in messages. */
  String describe();

  /** {@code nil}. */
  record Nil(int line, int column) implements Edn {
    @Override
    public String describe() {
      return "nil";
    }
  }

  /** {@code true} or {@code false}. */
  record Bool(boolean value, int line, int column) implements Edn {
    @Override
    public String describe() {
      return Boolean.toString(value);
    }
  }

  /** A string literal. */
  record Str(String value, int line, int column) implements Edn {
    @Override
    public String describe() {
      String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
      return "\"" + shown.replace('\n', ' ').replace('\r', ' ') + "\"";
    }
  }

  /** A character literal such as {@code \a} or {@code \newline}. */
  record Char(int codePoint, int line, int column) implements Edn {
    @Override
    public String describe() {
      return Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)
          ? String.format("the character \\u%04x", codePoint)
          : "the character " + Character.toString(codePoint);
    }
  }

  /** An integer ({@code 42}, {@code -7}, {@code 12N}). */
  record Int(BigInteger value, int line, int column) implements Edn {
    @Override
    public String describe() {
      return value.toString();
    }
  }

  /** A floating point number ({@code 1.5}, {@code 2e3}, {@code 0.1M}). */
  record Float(BigDecimal value, int line, int column) implements Edn {
    @Override
    public String describe() {
      return value.toString();
    }
  }

  /** A keyword without its colon: {@code :on-success} has name {@code on-success}. */
  record Keyword(String name, int line, int column) implements Edn {
    @Override
    public String describe() {
      return ":" + name;
    }
  }

  /** A symbol such as {@code foo} or {@code my/name}. */
  record Symbol(String name, int line, int column) implements Edn {
    @Override
    public String describe() {
      return "the symbol " + name;
    }
  }

  /** A list {@code ( ... )}. */
  record EList(List<Edn> items, int line, int column) implements Edn {
    public EList {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A vector {@code [ ... ]}. */
  record Vector(List<Edn> items, int line, int column) implements Edn {
    public Vector {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a vector";
    }
  }

  /** A set {@code #{ ... }}. */
  record ESet(List<Edn> items, int line, int column) implements Edn {
    public ESet {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a set";
    }
  }

  /** A map {@code { ... }}, entries in file order. */
  record EMap(List<Entry> entries, int line, int column) implements Edn {
    public EMap {
      entries = List.copyOf(entries);
    }

    @Override
    public String describe() {
      return "a map";
    }
  }

  /** One key and value of a map. */
  record Entry(Edn key, Edn value) {}
}
