package io.chengis.api.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file to keep as an artifact.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ref the name to keep it under
 * @param file the file to copy, inside the build's workspace
 * @since 0.1.0
 */
public record ArtifactUpload(ArtifactRef ref, Path file) {
  /** Checks the components. */
  public ArtifactUpload {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(file, "file");
  }
}
