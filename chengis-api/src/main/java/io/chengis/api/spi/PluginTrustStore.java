package io.chengis.api.spi;

import java.util.List;
import java.util.Optional;

/**
 * The allowlist of external plugin jars: a jar from the plugins directory loads only when the
 * SHA-256 of its bytes is here. Trust is global, not per organization: a plugin runs inside the
 * engine's process.
 *
 * <p>Protocol: the engine's plugin registry calls {@link #find} once per jar while it is being
 * built, on the builder's thread; administrators call {@link #allow} and {@link #revoke} from any
 * thread. All may block on I/O. An exception ({@link io.chengis.api.StoreException}) means the
 * store could not answer; the registry then refuses the jar. Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface PluginTrustStore {
  /**
   * The allowlist entry of a jar.
   *
   * @param sha256 the jar's SHA-256, 64 hex digits (any case)
   * @return the entry, or empty when the jar is not trusted
   * @since 0.1.0
   */
  Optional<TrustedPlugin> find(String sha256);

  /**
   * Adds a jar to the allowlist, replacing the entry with the same hash.
   *
   * @param plugin the entry
   * @since 0.1.0
   */
  void allow(TrustedPlugin plugin);

  /**
   * Removes a jar from the allowlist; nothing happens when it is not there.
   *
   * @param sha256 the jar's SHA-256, 64 hex digits (any case)
   * @return whether an entry was removed
   * @since 0.1.0
   */
  boolean revoke(String sha256);

  /**
   * Every entry, in the order they were allowed.
   *
   * @return the entries
   * @since 0.1.0
   */
  List<TrustedPlugin> list();
}
