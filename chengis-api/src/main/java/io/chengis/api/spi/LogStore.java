package io.chengis.api.spi;

/**
 * Keeps step output, in chunks of lines, for {@code chengis logs} and the UI.
 *
 * <p>Protocol: the engine calls {@link #append} from one writer per step log, in offset order,
 * while the step runs (a chunk every few hundred lines or milliseconds); readers call {@link #read}
 * from any thread, also while the log grows (to follow it). Both may block on I/O. Appending a
 * chunk whose lines are already stored (same key and offset) is a no-op, so a retried append is
 * safe. An exception ({@link io.chengis.api.StoreException}) means the chunk was not stored.
 * Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface LogStore {
  /**
   * Appends a chunk; its offset must be the stored log's end (or an already stored offset).
   *
   * @param chunk the lines and where they start
   * @throws io.chengis.api.StoreException when the offset would leave a gap
   * @since 0.1.0
   */
  void append(LogChunk chunk);

  /**
   * Reads lines from an offset.
   *
   * @param read whose log, from which line, how many
   * @return a chunk starting at the read's offset; with no lines when there are none yet
   * @since 0.1.0
   */
  LogChunk read(LogRead read);
}
