package io.chengis.api.spi;

import java.util.Objects;

/**
 * Which lines of a step's log to read.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key whose log
 * @param offset the first line to read, from 0
 * @param limit the most lines to return, at least 1
 * @since 0.1.0
 */
public record LogRead(LogKey key, long offset, int limit) {
  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException when the offset is negative or the limit below 1
   */
  public LogRead {
    Objects.requireNonNull(key, "key");
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException(
          "log read range is invalid (was offset "
              + offset
              + ", limit "
              + limit
              + "); read from offset 0 or more, at least 1 line");
    }
  }
}
