package io.chengis.api;

import io.chengis.api.internal.IdText;

/**
 * The identifier of a job: the named pipeline whose builds are numbered together, e.g. {@code
 * api-service}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value 1 to 128 letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter
 *     or digit
 * @since 0.1.0
 */
public record JobId(String value) {
  /**
   * Checks the text.
   *
   * @throws IllegalArgumentException when the text breaks the rules above
   */
  public JobId {
    IdText.checkName("job id", value);
  }

  /**
   * A job id.
   *
   * @param value the text, e.g. {@code api-service}
   * @return the id
   * @throws IllegalArgumentException when the text is blank, too long or has other characters
   * @since 0.1.0
   */
  public static JobId of(String value) {
    return new JobId(value);
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
