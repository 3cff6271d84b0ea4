package io.chengis.notify.internal;

import io.chengis.api.PluginException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A notifier's settings: the host's defaults with the notification's own settings over them.
 *
 * @param notifier the notifier type, for messages
 * @param values the merged settings
 */
public record Settings(String notifier, Map<String, String> values) {
  /**
   * Merges host defaults and a notification's settings (which win).
   *
   * @param notifier the notifier type
   * @param defaults the host's settings
   * @param overrides the notification's settings
   * @return the settings
   */
  public static Settings merge(
      String notifier, Map<String, String> defaults, Map<String, String> overrides) {
    Map<String, String> all = new LinkedHashMap<>(defaults);
    all.putAll(overrides);
    return new Settings(notifier, Map.copyOf(all));
  }

  /**
   * An optional setting.
   *
   * @param key the key
   * @return its value, when set and not blank
   */
  public Optional<String> optional(String key) {
    return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
  }

  /**
   * A required setting.
   *
   * @param key the key
   * @param example what a value looks like
   * @return the value
   * @throws PluginException when it is missing
   */
  public String required(String key, String example) {
    return optional(key)
        .orElseThrow(
            () ->
                new PluginException(
                    notifier
                        + " notifier: setting \""
                        + key
                        + "\" is missing (was "
                        + values.keySet()
                        + "); set it in the notification or the host's settings, e.g. "
                        + key
                        + ": "
                        + example));
  }

  /** The keys only: values may be secret. */
  @Override
  public String toString() {
    return "Settings[" + notifier + " " + values.keySet() + "]";
  }
}
