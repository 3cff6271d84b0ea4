package io.chengis.api;

import io.chengis.api.internal.Ulid;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The time-ordered identifier of a {@link BuildEvent}: 26 characters of Crockford base32, like a
 * ULID. The string order of ids is their creation order within one {@link TimeOrderedIds}
 * generator, so event stores replay by comparing ids.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the canonical (upper-case) text
 * @since 0.1.0
 */
public record EventId(String value) implements Comparable<EventId> {
  /**
   * Checks the text; lower-case letters are accepted and made upper-case.
   *
   * @throws IllegalArgumentException when the text is not 26 Crockford base32 characters
   */
  public EventId {
    value = Ulid.check("event id", value);
  }

  /**
   * Parses an event id.
   *
   * @param value the text, e.g. {@code 01ARZ3NDEKTSV4RRFFQ69G5FAV}
   * @return the id
   * @throws IllegalArgumentException when the text is not 26 Crockford base32 characters
   * @since 0.1.0
   */
  public static EventId of(String value) {
    return new EventId(value);
  }

  /**
   * A generator of strictly increasing event ids.
   *
   * @param clock the source of the ids' timestamps
   * @return a new, thread-safe generator
   * @since 0.1.0
   */
  public static TimeOrderedIds<EventId> generator(InstantSource clock) {
    return new TimeOrderedIds<>(clock, EventId::new);
  }

  /**
   * When the id was made, to the millisecond.
   *
   * @return the timestamp held in the id
   * @since 0.1.0
   */
  public Instant timestamp() {
    return Instant.ofEpochMilli(Ulid.millis(value));
  }

  /**
   * Compares in creation order (the text's order).
   *
   * @since 0.1.0
   */
  @Override
  public int compareTo(EventId other) {
    return value.compareTo(other.value);
  }

  /**
   * The id's text.
   *
   * @return {@link #value()}
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return value;
  }
}
