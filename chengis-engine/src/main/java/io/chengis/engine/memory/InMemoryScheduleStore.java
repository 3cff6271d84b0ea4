package io.chengis.engine.memory;

import io.chengis.api.spi.ScheduleKey;
import io.chengis.api.spi.ScheduleStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link ScheduleStore} on the heap: schedules survive closing an engine but not the process.
 *
 * <p>Thread-safe; {@link #claim} is atomic.
 *
 * @since 0.1.0
 */
public final class InMemoryScheduleStore implements ScheduleStore {
  private final Map<ScheduleKey, Instant> slots = new ConcurrentHashMap<>();

  /**
   * Creates an empty store.
   *
   * @since 0.1.0
   */
  public InMemoryScheduleStore() {}

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public Optional<Instant> lastSlot(ScheduleKey key) {
    return Optional.ofNullable(slots.get(Objects.requireNonNull(key, "key")));
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public boolean claim(ScheduleKey key, Instant slot) {
    Objects.requireNonNull(key, "key");
    Instant millis = Objects.requireNonNull(slot, "slot").truncatedTo(ChronoUnit.MILLIS);
    AtomicBoolean moved = new AtomicBoolean();
    slots.compute(
        key,
        (k, last) -> {
          if (last == null || last.isBefore(millis)) {
            moved.set(true);
            return millis;
          }
          return last;
        });
    return moved.get();
  }
}
