package io.chengis.engine.memory;

import io.chengis.api.LogLine;
import io.chengis.api.StoreException;
import io.chengis.api.spi.LogChunk;
import io.chengis.api.spi.LogKey;
import io.chengis.api.spi.LogRead;
import io.chengis.api.spi.LogStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link LogStore} on the heap, for tests and ephemeral hosts.
 *
 * <p>Lines are kept packed in large arrays ({@link LineArena}), not as objects, so a large log
 * costs the collector little. Each step log is a growing list of lines, keyed by organization,
 * build, stage and step, so one organization never reads another's output. An append at the log's
 * end adds its lines; an append at an already stored offset adds only the lines past the end (none
 * when the chunk was stored before, so a retried append is a no-op); an append past the end fails.
 *
 * <p>Thread-safe: every method may be called from any thread, readers while the log grows; none
 * blocks beyond a short store-wide lock.
 *
 * @since 0.1.0
 */
public final class InMemoryLogStore implements LogStore {
  private final Guard guard = new Guard();
  private final Map<LogKey, Log> logs = new HashMap<>();
  private final LineArena arena = new LineArena();

  /**
   * The arena index of the chunks appended last, by the identity of their list, for {@link #find}.
   */
  private final Map<List<LogLine>, Long> recent = new IdentityHashMap<>();

  private final ArrayDeque<List<LogLine>> recentOrder = new ArrayDeque<>();

  private static final int RECENT_CHUNKS = 32;

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
          Log log = logs.computeIfAbsent(chunk.key(), k -> new Log());
          long end = log.size;
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
            // Usually the whole chunk is new: its list is immutable and is kept as it is.
            boolean whole = chunk.offset() == end;
            List<LogLine> fresh =
                whole
                    ? chunk.lines()
                    : List.copyOf(
                        chunk.lines().subList((int) (end - chunk.offset()), chunk.lines().size()));
            long first = arena.append(fresh);
            log.chunks.add(new long[] {end, first, fresh.size()});
            remember(fresh, first);
            log.size += fresh.size();
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
          Log log = logs.get(read.key());
          return new LogChunk(
              read.key(),
              read.offset(),
              log == null ? List.of() : log.read(arena, read.offset(), read.limit()));
        });
  }

  /**
   * Where the store keeps these very lines, if it appended them recently: the same immutable list
   * (a log event shares its chunk's list). The default in-memory event store uses it to keep the
   * lines of a {@code LogBatch} event once, here, instead of a second time.
   *
   * @param lines the lines of an event
   * @return the arena index of the first, or -1 when the store does not hold exactly these
   */
  long find(List<LogLine> lines) {
    if (lines.isEmpty()) {
      return -1;
    }
    return guard.call(
        () -> {
          Long first = recent.get(lines);
          return first == null ? -1L : first;
        });
  }

  /**
   * Lines by their arena index (see {@link #find}).
   *
   * @param first the index of the first
   * @param count how many
   * @return the lines
   */
  List<LogLine> lines(long first, int count) {
    return guard.call(
        () -> {
          List<LogLine> lines = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            lines.add(arena.get(first + i));
          }
          return lines;
        });
  }

  /** Remembers where these lines are; {@code lines} is immutable. */
  private void remember(List<LogLine> lines, long first) {
    if (recent.put(lines, first) == null) {
      recentOrder.addLast(lines);
    }
    while (recentOrder.size() > RECENT_CHUNKS) {
      recent.remove(recentOrder.removeFirst());
    }
  }

  /** One step's log: where its chunks are in the arena, in order. */
  private static final class Log {
    /** Per chunk: its first line's offset in the log, its index in the arena, its size. */
    final List<long[]> chunks = new ArrayList<>();

    long size;

    List<LogLine> read(LineArena arena, long offset, int limit) {
      List<LogLine> found = new ArrayList<>();
      int low = 0;
      int high = chunks.size() - 1;
      while (low < high) {
        int middle = (low + high + 1) >>> 1;
        if (chunks.get(middle)[0] <= offset) {
          low = middle;
        } else {
          high = middle - 1;
        }
      }
      long line = offset;
      for (int c = low; c < chunks.size() && found.size() < limit; c++) {
        long[] chunk = chunks.get(c);
        for (long k = line - chunk[0]; k < chunk[2] && found.size() < limit; k++) {
          found.add(arena.get(chunk[1] + k));
          line++;
        }
      }
      return List.copyOf(found);
    }
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
