package io.chengis.api.spi;

import io.chengis.api.BuildId;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import java.time.Instant;
import java.util.Objects;

/**
 * What the {@link ArtifactCatalog} knows about one stored artifact.
 *
 * <p>Immutable and thread-safe.
 *
 * @param org the organization
 * @param buildId the build that produced it
 * @param jobId the build's job
 * @param path the artifact's path ({@code /} separators)
 * @param size its size in bytes
 * @param sha256 the SHA-256 of its content in lower-case hex
 * @param storedAt when it was stored, by the engine's clock
 * @since 0.1.0
 */
public record ArtifactRecord(
    OrgId org,
    BuildId buildId,
    JobId jobId,
    String path,
    long size,
    String sha256,
    Instant storedAt) {

  /** Checks the components. */
  public ArtifactRecord {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(storedAt, "storedAt");
    if (size < 0) {
      throw new IllegalArgumentException(
          "artifact " + path + " size must not be negative (was " + size + "); pass bytes");
    }
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "artifact "
              + path
              + " sha256 is not 64 lower-case hex digits (was "
              + sha256
              + "); pass the hex SHA-256 of the content");
    }
  }

  /**
   * Where the content is kept in an {@link ArtifactStore}.
   *
   * @return the reference
   * @since 0.1.0
   */
  public ArtifactRef ref() {
    return new ArtifactRef(org, buildId, path);
  }
}
