package io.chengis.api;

import io.chengis.api.internal.Ulid;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The time-ordered identifier of a build: 26 characters of Crockford base32, like a ULID. The
 * string order of ids is their creation order within one {@link TimeOrderedIds} generator, so
 * builds list newest first by comparing ids.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the canonical (upper-case) text
 * @since 0.1.0
 */
public record BuildId(String value) implements Comparable<BuildId> {
  /**
   * Checks the text; lower-case letters are accepted and made upper-case.
   *
   * @throws IllegalArgumentException when the text is not 26 Crockford base32 characters
   */
  public BuildId {
    value = Ulid.check("build id", value);
  }

  /**
   * Parses a build id.
   *
   * @param value the text, e.g. {@code 01ARZ3NDEKTSV4RRFFQ69G5FAV}
   * @return the id
   * @throws IllegalArgumentException when the text is not 26 Crockford base32 characters
   * @since 0.1.0
   */
  public static BuildId of(String value) {
    return new BuildId(value);
  }

  /**
   * A generator of strictly increasing build ids.
   *
   * @param clock the source of the ids' timestamps
   * @return a new, thread-safe generator
   * @since 0.1.0
   */
  public static TimeOrderedIds<BuildId> generator(InstantSource clock) {
    return new TimeOrderedIds<>(clock, BuildId::new);
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
  public int compareTo(BuildId other) {
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
