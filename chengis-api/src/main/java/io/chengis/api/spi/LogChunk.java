package io.chengis.api.spi;

import io.chengis.api.LogLine;
import io.chengis.api.internal.OrderedCopies;
import java.util.List;
import java.util.Objects;

/**
 * Consecutive lines of one step's log, already masked.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key whose log
 * @param offset the index of the first line within the log, from 0
 * @param lines the lines, in order
 * @since 0.1.0
 */
public record LogChunk(LogKey key, long offset, List<LogLine> lines) {
  /**
   * Checks and copies the components.
   *
   * @throws IllegalArgumentException when the offset is negative
   */
  public LogChunk {
    Objects.requireNonNull(key, "key");
    if (offset < 0) {
      throw new IllegalArgumentException(
          "log chunk offset must not be negative (was " + offset + "); count lines from 0");
    }
    lines = OrderedCopies.list(lines, "lines");
  }

  /**
   * The offset just after this chunk: where the next read continues.
   *
   * @return {@code offset + lines.size()}
   * @since 0.1.0
   */
  public long end() {
    return offset + lines.size();
  }
}
