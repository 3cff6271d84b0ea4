package io.chengis.api.spi;

import java.util.List;
import java.util.Optional;

/**
 * The metadata of stored artifacts (which build and job, path, size, SHA-256), kept beside the
 * build history so hosts can query it without reading the {@link ArtifactStore}.
 *
 * <p>Protocol: the engine calls {@link #record} once per stored artifact, after the {@link
 * ArtifactStore} accepted its content, on the build's thread; {@link #latest} before storing a new
 * version (to store it as a delta). All may block on I/O. Recording the same build and path again
 * replaces the earlier record. An exception means the operation did not happen; the engine records
 * it as a warning. Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface ArtifactCatalog {
  /**
   * Records a stored artifact.
   *
   * @param artifact the artifact
   * @since 0.1.0
   */
  void record(ArtifactRecord artifact);

  /**
   * A build's artifacts.
   *
   * @param build the build
   * @return its artifacts in path order; empty when there are none
   * @since 0.1.0
   */
  List<ArtifactRecord> list(BuildRef build);

  /**
   * The most recently recorded version of a path in a job (the base for a delta).
   *
   * @param job the job
   * @param path the artifact's path
   * @return the newest record, or empty when the job never stored that path
   * @since 0.1.0
   */
  Optional<ArtifactRecord> latest(JobRef job, String path);
}
