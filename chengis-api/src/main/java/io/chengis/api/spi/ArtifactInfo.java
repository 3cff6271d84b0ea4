package io.chengis.api.spi;

import java.util.Objects;

/**
 * A stored artifact's description.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ref which artifact
 * @param size its size in bytes
 * @param sha256 the lower-case hex SHA-256 of its content
 * @since 0.1.0
 */
public record ArtifactInfo(ArtifactRef ref, long size, String sha256) {
  /** Checks the components. */
  public ArtifactInfo {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(sha256, "sha256");
    if (size < 0) {
      throw new IllegalArgumentException(
          "artifact " + ref.path() + " size must not be negative (was " + size + "); pass bytes");
    }
  }
}
