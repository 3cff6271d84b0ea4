package io.chengis.engine.memory;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.EventId;
import io.chengis.api.LogLine;
import io.chengis.api.OrgId;
import io.chengis.api.spi.EventBatch;
import io.chengis.api.spi.EventReplay;
import io.chengis.api.spi.EventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An {@link EventStore} on the heap, for tests and ephemeral hosts.
 *
 * <p>Events are kept per organization, ordered by {@link EventId}; a replay never sees another
 * organization's events. The lines of log batches are kept packed in large arrays ({@link
 * LineArena}), not as objects, so a large log costs the collector little. An event whose id the
 * organization already has is skipped, so a retried batch is a no-op. A batch is stored whole or
 * not at all.
 *
 * <p>Thread-safe: every method may be called from any thread; none blocks beyond a short store-wide
 * lock.
 *
 * @since 0.1.0
 */
public final class InMemoryEventStore implements EventStore {
  private final Guard guard = new Guard();
  private final Map<OrgId, NavigableMap<EventId, Kept>> events = new HashMap<>();
  private final LineArena arena = new LineArena();
  private final Optional<InMemoryLogStore> logs;

  /**
   * Creates an empty store.
   *
   * @since 0.1.0
   */
  public InMemoryEventStore() {
    this.logs = Optional.empty();
  }

  /**
   * Creates an empty store that shares the lines of log batches with an in-memory log store: when
   * the log store holds the very lines of a {@code LogBatch} event (the engine stores each batch
   * there first), this store keeps only where they are, so the heap holds every line once.
   *
   * @param logs the engine's log store
   * @since 0.1.0
   */
  public InMemoryEventStore(InMemoryLogStore logs) {
    this.logs = Optional.of(Objects.requireNonNull(logs, "logs"));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the batch's ids do not strictly increase (nothing is
   *     stored)
   * @since 0.1.0
   */
  @Override
  public void append(EventBatch batch) {
    Objects.requireNonNull(batch, "batch");
    List<BuildEvent> batchEvents = batch.events();
    for (int i = 1; i < batchEvents.size(); i++) {
      EventId previous = batchEvents.get(i - 1).id();
      EventId id = batchEvents.get(i).id();
      if (previous.compareTo(id) >= 0) {
        throw new IllegalArgumentException(
            "in-memory event store: event "
                + (i + 1)
                + " of a batch for organization "
                + batch.org()
                + " is out of order (was "
                + id
                + " after "
                + previous
                + "); append events in increasing id order");
      }
    }
    guard.run(
        () -> {
          NavigableMap<EventId, Kept> stored =
              events.computeIfAbsent(batch.org(), o -> new TreeMap<>());
          for (BuildEvent event : batchEvents) {
            stored.computeIfAbsent(event.id(), id -> keep(event));
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public List<BuildEvent> replay(EventReplay replay) {
    Objects.requireNonNull(replay, "replay");
    return guard.call(
        () -> {
          NavigableMap<EventId, Kept> stored = events.getOrDefault(replay.org(), new TreeMap<>());
          NavigableMap<EventId, Kept> later =
              replay.after().map(after -> stored.tailMap(after, false)).orElse(stored);
          List<BuildEvent> found = new ArrayList<>(Math.min(replay.limit(), later.size()));
          for (Kept kept : later.values()) {
            if (found.size() == replay.limit()) {
              break;
            }
            if (replay.buildId().map(kept.buildId()::equals).orElse(true)) {
              found.add(unpack(kept));
            }
          }
          return List.copyOf(found);
        });
  }

  private Kept keep(BuildEvent event) {
    if (event instanceof BuildEvent.LogBatch batch) {
      long shared = logs.map(store -> store.find(batch.lines())).orElse(-1L);
      if (shared >= 0) {
        return new Shared(
            batch.id(),
            batch.buildId(),
            batch.timestamp(),
            batch.stage(),
            batch.step(),
            shared,
            batch.lines().size());
      }
      return new Batch(
          batch.id(),
          batch.buildId(),
          batch.timestamp(),
          batch.stage(),
          batch.step(),
          arena.append(batch.lines()),
          batch.lines().size());
    }
    return new Plain(event);
  }

  private BuildEvent unpack(Kept kept) {
    return switch (kept) {
      case Plain plain -> plain.event();
      case Batch batch -> {
        List<LogLine> lines = new ArrayList<>(batch.count());
        for (int i = 0; i < batch.count(); i++) {
          lines.add(arena.get(batch.first() + i));
        }
        yield new BuildEvent.LogBatch(
            batch.id(), batch.buildId(), batch.timestamp(), batch.stage(), batch.step(), lines);
      }
      case Shared batch ->
          new BuildEvent.LogBatch(
              batch.id(),
              batch.buildId(),
              batch.timestamp(),
              batch.stage(),
              batch.step(),
              logs.orElseThrow().lines(batch.first(), batch.count()));
    };
  }

  /** A stored event; the lines of log batches are kept packed in the arena. */
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
      long first,
      int count)
      implements Kept {}

  /** A log batch whose lines the log store keeps. */
  private record Shared(
      EventId id,
      BuildId buildId,
      Instant timestamp,
      String stage,
      String step,
      long first,
      int count)
      implements Kept {}
}
