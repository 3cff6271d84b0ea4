package io.chengis.api.spi;

import io.chengis.api.LogLine;

/**
 * Where a plugin writes the output lines of the work it runs. The engine masks secrets, batches the
 * lines into events and stores them.
 *
 * <p>Protocol: the plugin calls {@link #accept} for every line, in order per stream, from any of
 * its threads. The engine's implementation is thread-safe and does not block for long (it applies
 * back-pressure only when the log pipeline is far behind).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface LogSink {
  /**
   * Takes one line.
   *
   * @param line the line, unmasked
   * @since 0.1.0
   */
  void accept(LogLine line);
}
