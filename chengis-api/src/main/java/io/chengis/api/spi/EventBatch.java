package io.chengis.api.spi;

import io.chengis.api.BuildEvent;
import io.chengis.api.OrgId;
import io.chengis.api.internal.OrderedCopies;
import java.util.List;
import java.util.Objects;

/**
 * Events to append, all of one organization.
 *
 * <p>Immutable and thread-safe.
 *
 * @param org the organization
 * @param events the events, in increasing id order
 * @since 0.1.0
 */
public record EventBatch(OrgId org, List<BuildEvent> events) {
  /** Checks and copies the components. */
  public EventBatch {
    Objects.requireNonNull(org, "org");
    events = OrderedCopies.list(events, "events");
  }
}
