package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import java.util.Map;
import java.util.Objects;

/**
 * A notification sent by the notifier registered for {@code type} (e.g. {@code slack}, {@code
 * email}, {@code webhook}, {@code console}).
 *
 * <p>Immutable and thread-safe. Configuration values that are secret should be {@code ${{
 * secrets.NAME }}} expressions rather than literal text.
 *
 * @param type the notifier type key
 * @param config the notifier's configuration, in declaration order
 * @param when which conclusions trigger it
 * @param location where this notification was declared
 * @since 0.1.0
 */
public record Notification(
    String type, Map<String, String> config, NotifyWhen when, SourceLocation location) {

  /** Checks and copies the components. */
  public Notification {
    Objects.requireNonNull(type, "type");
    config = OrderedCopies.map(config, "config");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(location, "location");
  }
}
