package io.chengis.engine.memory;

import io.chengis.api.LogLine;
import io.chengis.api.StoreException;
import io.chengis.api.spi.LogChunk;
import io.chengis.api.spi.LogKey;
import io.chengis.api.spi.LogRead;
import io.chengis.api.spi.LogStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link LogStore} on the heap, for tests and ephemeral hosts.
 *
 * <p>Each step log is one growing list of lines, keyed by organization, build, stage and step, so
 * one organization never reads another's output. An append at the log's end adds its lines; an
 * append at an already stored offset adds only the lines past the end (none when the chunk was
 * stored before, so a retried append is a no-op); an append past the end fails.
 *
 * <p>Thread-safe: every method may be called from any thread, readers while the log grows; none
 * blocks beyond a short store-wide lock.
 *
 * @since 0.1.0
 */
public final class InMemoryLogStore implements LogStore {
  private final Guard guard = new Guard();
  private final Map<LogKey, List<LogLine>> logs = new HashMap<>();

  /**
   * Creates an empty store.
   *
   * @since 0.1.0
   */
  public InMemoryLogStore() {}

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public void append(LogChunk chunk) {
    Objects.requireNonNull(chunk, "chunk");
    guard.run(
        () -> {
          List<LogLine> log = logs.computeIfAbsent(chunk.key(), k -> new ArrayList<>());
          long end = log.size();
          if (chunk.offset() > end) {
            throw new StoreException(
                "in-memory log store: chunk of "
                    + describe(chunk.key())
                    + " would leave a gap (was offset "
                    + chunk.offset()
                    + ", log ends at "
                    + end
                    + "); append from offset "
                    + end);
          }
          if (chunk.end() > end) {
            log.addAll(chunk.lines().subList((int) (end - chunk.offset()), chunk.lines().size()));
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public LogChunk read(LogRead read) {
    Objects.requireNonNull(read, "read");
    return guard.call(
        () -> {
          List<LogLine> log = logs.getOrDefault(read.key(), List.of());
          return new LogChunk(
              read.key(), read.offset(), Windows.of(log, read.offset(), read.limit()));
        });
  }

  private static String describe(LogKey key) {
    return "build "
        + key.build().buildId()
        + " stage \""
        + key.stage()
        + "\" step \""
        + key.step()
        + "\" in organization "
        + key.build().org();
  }
}
