package io.chengis.engine.plugins;

import java.util.Objects;

/**
 * What the registry knows about one registered provider: for listings and diagnostics.
 *
 * <p>Immutable and thread-safe.
 *
 * @param role the role's provider interface, e.g. {@code NotifierProvider}
 * @param type the type key
 * @param className the provider's class
 * @param version the implementation version from the jar's manifest, or {@code unknown}
 * @param origin where it came from: {@code code}, {@code classpath}, or {@code jar <path>
 *     sha256:<hash>}
 * @since 0.1.0
 */
public record PluginInfo(
    String role, String type, String className, String version, String origin) {
  /** Checks the components. */
  public PluginInfo {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(origin, "origin");
  }
}
