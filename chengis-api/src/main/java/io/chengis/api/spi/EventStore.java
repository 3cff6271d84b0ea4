package io.chengis.api.spi;

import io.chengis.api.BuildEvent;
import java.util.List;

/**
 * Keeps build events, append-only, for replay after a cursor (live views that reconnect, audits,
 * recovery).
 *
 * <p>Protocol: the engine calls {@link #append} from its event publisher, one batch at a time, in
 * id order; readers call {@link #replay} from any thread. Both may block on I/O. Appending an event
 * whose id is already stored is a no-op, so a retried batch is safe. An exception ({@link
 * io.chengis.api.StoreException}) means no event of the batch was stored. Implementations must be
 * thread-safe.
 *
 * @since 0.1.0
 */
public interface EventStore {
  /**
   * Appends events atomically.
   *
   * @param batch the organization and its events, in increasing id order
   * @since 0.1.0
   */
  void append(EventBatch batch);

  /**
   * Reads events after a cursor, in increasing id order. The last event's id is the cursor of the
   * next call.
   *
   * @param replay the organization, build, cursor and limit
   * @return up to {@code limit} events; empty when there are no newer ones
   * @since 0.1.0
   */
  List<BuildEvent> replay(EventReplay replay);
}
