package io.chengis.cli.internal;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.EventId;
import io.chengis.api.JobId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes build events as one-line JSON objects: {@code "type"} is the event's record name ({@code
 * StepFinished}), then every record component under its own name, nested results included. Ids,
 * instants and durations are strings (ISO-8601), enums their constant names, an empty {@code
 * Optional} is {@code null}. Following the records means a new component or event type appears in
 * the output without touching this class.
 */
final class JsonEvents {
  private JsonEvents() {}

  /** The event as a single-line JSON object. */
  static String toJson(BuildEvent event) {
    StringBuilder json = new StringBuilder(256);
    json.append("{\"type\":");
    string(json, event.getClass().getSimpleName());
    // Every BuildEvent is a record: the interface is sealed and all its permitted types are.
    Record record = (Record) event;
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      json.append(',');
      string(json, component.getName());
      json.append(':');
      value(json, read(component, record));
    }
    return json.append('}').toString();
  }

  private static void value(StringBuilder json, Object value) {
    switch (value) {
      case String text -> string(json, text);
      case Boolean flag -> json.append(flag);
      case Integer number -> json.append(number);
      case Long number -> json.append(number);
      case Enum<?> constant -> string(json, constant.name());
      case Instant instant -> string(json, instant.toString());
      case Duration duration -> string(json, duration.toString());
      case BuildId id -> string(json, id.toString());
      case EventId id -> string(json, id.toString());
      case JobId id -> string(json, id.toString());
      case Optional<?> optional -> {
        if (optional.isPresent()) {
          value(json, optional.get());
        } else {
          json.append("null");
        }
      }
      case List<?> list -> {
        json.append('[');
        for (Iterator<?> items = list.iterator(); items.hasNext(); ) {
          value(json, items.next());
          if (items.hasNext()) {
            json.append(',');
          }
        }
        json.append(']');
      }
      case Map<?, ?> map -> {
        json.append('{');
        for (Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            entries.hasNext(); ) {
          Map.Entry<?, ?> entry = entries.next();
          string(json, String.valueOf(entry.getKey()));
          json.append(':');
          value(json, entry.getValue());
          if (entries.hasNext()) {
            json.append(',');
          }
        }
        json.append('}');
      }
      case Record record -> {
        json.append('{');
        RecordComponent[] components = record.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
          if (i > 0) {
            json.append(',');
          }
          string(json, components[i].getName());
          json.append(':');
          value(json, read(components[i], record));
        }
        json.append('}');
      }
      default -> string(json, value.toString());
    }
  }

  private static Object read(RecordComponent component, Record owner) {
    try {
      return component.getAccessor().invoke(owner);
    } catch (IllegalAccessException | InvocationTargetException unreadable) {
      throw new IllegalStateException(
          "cannot read " + owner.getClass().getName() + "." + component.getName(), unreadable);
    }
  }

  private static void string(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
