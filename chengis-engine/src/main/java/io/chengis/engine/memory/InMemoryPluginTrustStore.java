package io.chengis.engine.memory;

import io.chengis.api.spi.PluginTrustStore;
import io.chengis.api.spi.TrustedPlugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link PluginTrustStore} on the heap, for tests and hosts that configure trust in code.
 *
 * <p>Thread-safe: every method may be called from any thread; none blocks beyond a short store-wide
 * lock.
 *
 * @since 0.1.0
 */
public final class InMemoryPluginTrustStore implements PluginTrustStore {
  private final Guard guard = new Guard();
  private final Map<String, TrustedPlugin> entries = new LinkedHashMap<>();

  /**
   * Creates an empty allowlist.
   *
   * @since 0.1.0
   */
  public InMemoryPluginTrustStore() {}

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public Optional<TrustedPlugin> find(String sha256) {
    String key = TrustedPlugin.checkHash(Objects.requireNonNull(sha256, "sha256"));
    return guard.call(() -> Optional.ofNullable(entries.get(key)));
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public void allow(TrustedPlugin plugin) {
    Objects.requireNonNull(plugin, "plugin");
    guard.run(
        () -> {
          entries.remove(plugin.sha256());
          entries.put(plugin.sha256(), plugin);
        });
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public boolean revoke(String sha256) {
    String key = TrustedPlugin.checkHash(Objects.requireNonNull(sha256, "sha256"));
    return guard.call(() -> entries.remove(key) != null);
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public List<TrustedPlugin> list() {
    return guard.call(() -> List.copyOf(new ArrayList<>(entries.values())));
  }
}
