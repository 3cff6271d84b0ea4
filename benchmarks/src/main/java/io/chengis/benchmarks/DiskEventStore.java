package io.chengis.benchmarks;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.EventId;
import io.chengis.api.spi.EventBatch;
import io.chengis.api.spi.EventReplay;
import io.chengis.api.spi.EventStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link EventStore} that keeps the lines of log batches in a file, as a host's database would,
 * and every other event (a few per step) on the heap. Replays read the lines back. One organization
 * only; thread-safe.
 */
final class DiskEventStore implements EventStore, AutoCloseable {
  private final ReentrantLock lock = new ReentrantLock();
  private final LineFile lines;
  private final NavigableMap<EventId, Kept> events = new TreeMap<>();

  DiskEventStore(Path file) {
    this.lines = new LineFile(file);
  }

  private sealed interface Kept {
    BuildId buildId();
  }

  private record Plain(BuildEvent event) implements Kept {
    @Override
    public BuildId buildId() {
      return event.buildId();
    }
  }

  private record Batch(
      EventId id,
      BuildId buildId,
      Instant timestamp,
      String stage,
      String step,
      long position,
      int count)
      implements Kept {}

  @Override
  public void append(EventBatch batch) {
    lock.lock();
    try {
      for (BuildEvent event : batch.events()) {
        if (events.containsKey(event.id())) {
          continue;
        }
        if (event instanceof BuildEvent.LogBatch log) {
          events.put(
              log.id(),
              new Batch(
                  log.id(),
                  log.buildId(),
                  log.timestamp(),
                  log.stage(),
                  log.step(),
                  lines.append(log.lines()),
                  log.lines().size()));
        } else {
          events.put(event.id(), new Plain(event));
        }
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<BuildEvent> replay(EventReplay replay) {
    List<Kept> found = new ArrayList<>();
    lock.lock();
    try {
      NavigableMap<EventId, Kept> later =
          replay.after().map(after -> events.tailMap(after, false)).orElse(events);
      for (Kept kept : later.values()) {
        if (found.size() == replay.limit()) {
          break;
        }
        if (replay.buildId().map(kept.buildId()::equals).orElse(true)) {
          found.add(kept);
        }
      }
    } finally {
      lock.unlock();
    }
    List<BuildEvent> replayed = new ArrayList<>(found.size());
    for (Kept kept : found) {
      replayed.add(
          switch (kept) {
            case Plain plain -> plain.event();
            case Batch batch ->
                new BuildEvent.LogBatch(
                    batch.id(),
                    batch.buildId(),
                    batch.timestamp(),
                    batch.stage(),
                    batch.step(),
                    lines.read(batch.position(), 0, batch.count()));
          });
    }
    return replayed;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
