package io.chengis.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of step output, already masked (secrets replaced by {@code ***}) when it leaves the
 * engine.
 *
 * <p>Immutable and thread-safe.
 *
 * @param timestamp when the line was read
 * @param stream where it was written
 * @param text the line without its line terminator
 * @since 0.1.0
 */
public record LogLine(Instant timestamp, LogStream stream, String text) {
  /** Checks the components. */
  public LogLine {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(text, "text");
  }
}
