package io.chengis.dsl;

import io.chengis.api.Notification;
import io.chengis.api.NotifyWhen;
import io.chengis.api.SourceLocation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The scope of a notification: {@code p.notify("slack", n -> n.when(ON_FAILURE).set("channel",
 * "#ci"))}.
 *
 * <p>Not thread-safe: use it only inside the lambda that received it.
 *
 * @since 0.1.0
 */
public final class NotificationBuilder {
  private final String type;
  private final SourceLocation location;
  private final Map<String, String> config = new LinkedHashMap<>();
  private NotifyWhen when = NotifyWhen.ALWAYS;

  NotificationBuilder(String type, SourceLocation location) {
    this.type = Objects.requireNonNull(type, "type");
    this.location = location;
  }

  /**
   * Sets which conclusions send the notification (default {@link NotifyWhen#ALWAYS}).
   *
   * @param rule the rule
   * @return this scope
   */
  public NotificationBuilder when(NotifyWhen rule) {
    this.when = Objects.requireNonNull(rule, "when");
    return this;
  }

  /**
   * Sets a configuration value of the notifier; use {@code ${{ secrets.NAME }}} for secrets.
   *
   * @param key the setting
   * @param value its value
   * @return this scope
   */
  public NotificationBuilder set(String key, String value) {
    config.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  Notification build() {
    return new Notification(type, config, when, location);
  }
}
