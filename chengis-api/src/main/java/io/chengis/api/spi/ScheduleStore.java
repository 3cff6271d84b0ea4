package io.chengis.api.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * Where cron triggers remember the last slot they handled, so that an engine restart neither fires
 * a slot twice nor forgets a slot that passed while it was down.
 *
 * <p>Protocol: the engine's cron triggers call {@link #lastSlot} when a job's triggers are armed,
 * and {@link #claim} when a slot comes due, before they start its build; only the caller whose
 * claim succeeds starts one, so engines sharing a store start one build per slot. Slots are kept to
 * the millisecond and only move forward. All calls may block on I/O; an exception ({@link
 * io.chengis.api.StoreException}) means the store could not answer. Implementations must be
 * thread-safe, and {@link #claim} atomic.
 *
 * @since 0.1.0
 */
public interface ScheduleStore {
  /**
   * The latest slot handled for a trigger.
   *
   * @param key the trigger
   * @return the slot, or empty when the trigger has never been handled here
   * @since 0.1.0
   */
  Optional<Instant> lastSlot(ScheduleKey key);

  /**
   * Records that a slot is handled, when it is later than the last one.
   *
   * @param key the trigger
   * @param slot the slot, kept to the millisecond
   * @return whether this call moved the trigger to {@code slot}; false when a slot at or after it
   *     was already recorded
   * @since 0.1.0
   */
  boolean claim(ScheduleKey key, Instant slot);
}
