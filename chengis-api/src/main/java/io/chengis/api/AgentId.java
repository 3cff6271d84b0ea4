package io.chengis.api;

import io.chengis.api.internal.IdText;

/**
 * The identifier of an agent: a worker (a remote agent or an engine node) that claims and runs
 * builds, e.g. {@code linux-builder-3}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value 1 to 128 letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter
 *     or digit
 * @since 0.1.0
 */
public record AgentId(String value) {
  /**
   * Checks the text.
   *
   * @throws IllegalArgumentException when the text breaks the rules above
   */
  public AgentId {
    IdText.checkName("agent id", value);
  }

  /**
   * An agent id.
   *
   * @param value the text, e.g. {@code linux-builder-3}
   * @return the id
   * @throws IllegalArgumentException when the text is blank, too long or has other characters
   * @since 0.1.0
   */
  public static AgentId of(String value) {
    return new AgentId(value);
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
