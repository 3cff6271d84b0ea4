package io.chengis.notify.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes JSON from maps, lists, strings, numbers, booleans and optionals (empty is {@code null}).
 * Small on purpose: the notifiers only write a few fixed shapes.
 */
public final class Json {
  private Json() {}

  /**
   * Writes a value.
   *
   * @param value a map with string keys, list, string, number, boolean or optional
   * @return the JSON text
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value) {
    switch (value) {
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          string(out, String.valueOf(entry.getKey()));
          out.append(':');
          write(out, entry.getValue());
        }
        out.append('}');
      }
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(out, list.get(i));
        }
        out.append(']');
      }
      case Optional<?> optional -> {
        if (optional.isPresent()) {
          write(out, optional.get());
        } else {
          out.append("null");
        }
      }
      case Number number -> out.append(number);
      case Boolean bool -> out.append(bool);
      default -> string(out, value.toString());
    }
  }

  private static void string(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
