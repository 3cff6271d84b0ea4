package io.chengis.api.spi;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the files a build declared as artifacts: a directory, an object store, a database.
 *
 * <p>Protocol: the engine calls {@link #put} once per collected file after the stages, and when an
 * {@code upload-artifact} step runs, on the build's virtual threads (concurrently for parallel
 * stages); it reads the content back with {@link #open} for {@code download-artifact} steps; hosts
 * call {@link #open} and {@link #list} on their own threads. All may block on I/O. Putting the same
 * reference again replaces the content. An exception means the operation did not happen; failures
 * are reported as {@link io.chengis.api.StoreException} and the engine records a failed upload as a
 * warning. Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface ArtifactStore {
  /**
   * Stores a file.
   *
   * @param upload the name and the file
   * @return the stored artifact's description
   * @since 0.1.0
   */
  ArtifactInfo put(ArtifactUpload upload);

  /**
   * Opens a stored artifact for reading; the caller closes the stream.
   *
   * @param ref which artifact
   * @return its content, or empty when there is no such artifact
   * @since 0.1.0
   */
  Optional<InputStream> open(ArtifactRef ref);

  /**
   * Lists a build's artifacts.
   *
   * @param build the build
   * @return the artifacts in path order; empty when there are none
   * @since 0.1.0
   */
  List<ArtifactInfo> list(BuildRef build);
}
