package io.chengis.store.internal;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chengis.api.AgentId;
import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.EventId;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.StoreException;
import java.io.IOException;
import java.util.function.Function;

/**
 * The JSON documents the SQL stores keep: build records, results, events and log lines, exact to
 * the nanosecond. Ids are plain strings, instants ISO-8601, empty optionals {@code null}, events
 * carry their record name under {@code "type"}.
 *
 * <p>Thread-safe: the mapper is configured once and only read.
 */
final class Json {
  private static final ObjectMapper MAPPER = mapper();

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StoreException(
          "sql store: cannot write "
              + value.getClass().getSimpleName()
              + " as JSON (was "
              + e.getOriginalMessage()
              + "); report this as a bug with the value's type",
          e);
    }
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw unreadable(type.getSimpleName(), e);
    }
  }

  static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw unreadable(type.getType().getTypeName(), e);
    }
  }

  private static StoreException unreadable(String type, JsonProcessingException e) {
    return new StoreException(
        "sql store: a stored "
            + type
            + " document cannot be read (was "
            + e.getOriginalMessage()
            + "); the row was changed outside Chengis or by a newer version — restore it from a"
            + " backup or upgrade Chengis",
        e);
  }

  /** Mixin that makes {@link BuildEvent} polymorphic by its record name. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  private interface EventMixin {}

  private static ObjectMapper mapper() {
    SimpleModule ids = new SimpleModule("chengis-ids");
    id(ids, BuildId.class, BuildId::of);
    id(ids, JobId.class, JobId::of);
    id(ids, EventId.class, EventId::of);
    id(ids, OrgId.class, OrgId::of);
    id(ids, AgentId.class, AgentId::of);
    ids.setMixInAnnotation(BuildEvent.class, EventMixin.class);
    for (Class<?> type : BuildEvent.class.getPermittedSubclasses()) {
      ids.registerSubtypes(new NamedType(type, type.getSimpleName()));
    }
    return JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .addModule(ids)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .build();
  }

  private static <T> void id(SimpleModule module, Class<T> type, Function<String, T> parse) {
    module.addSerializer(
        type,
        new JsonSerializer<T>() {
          @Override
          public void serialize(T value, JsonGenerator out, SerializerProvider provider)
              throws IOException {
            out.writeString(value.toString());
          }
        });
    module.addDeserializer(
        type,
        new JsonDeserializer<T>() {
          @Override
          public T deserialize(JsonParser in, DeserializationContext context) throws IOException {
            return parse.apply(in.getValueAsString());
          }
        });
  }
}
