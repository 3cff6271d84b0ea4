package io.chengis.api.spi;

import io.chengis.api.internal.OrderedCopies;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link Provider} gets to create an instance: its settings, as configured by the host.
 * Grows with new accessors as plugins need more (a clock, an executor), never by changing these.
 *
 * <p>Setting values may be secret (tokens, passwords), so {@link #toString()} shows only the keys.
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ProviderContext {
  private static final ProviderContext EMPTY = new ProviderContext(Map.of());

  private final Map<String, String> settings;

  private ProviderContext(Map<String, String> settings) {
    this.settings = OrderedCopies.map(settings, "settings");
  }

  /**
   * A context with settings.
   *
   * @param settings the settings, in the order configured
   * @return the context
   * @since 0.1.0
   */
  public static ProviderContext of(Map<String, String> settings) {
    return new ProviderContext(settings);
  }

  /**
   * A context without settings.
   *
   * @return the empty context
   * @since 0.1.0
   */
  public static ProviderContext empty() {
    return EMPTY;
  }

  /**
   * Every setting.
   *
   * @return an unmodifiable map in the order configured
   * @since 0.1.0
   */
  public Map<String, String> settings() {
    return settings;
  }

  /**
   * One setting.
   *
   * @param key the setting's key
   * @return its value, or empty when it is not set
   * @since 0.1.0
   */
  public Optional<String> setting(String key) {
    return Optional.ofNullable(settings.get(key));
  }

  /**
   * The setting keys only; values may be secret.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "ProviderContext" + settings.keySet();
  }

  /**
   * Equal when the settings are equal.
   *
   * @since 0.1.0
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof ProviderContext context && settings.equals(context.settings);
  }

  /**
   * A hash of the settings.
   *
   * @since 0.1.0
   */
  @Override
  public int hashCode() {
    return settings.hashCode();
  }
}
