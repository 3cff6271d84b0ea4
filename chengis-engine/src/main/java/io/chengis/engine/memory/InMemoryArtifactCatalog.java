package io.chengis.engine.memory;

import io.chengis.api.spi.ArtifactCatalog;
import io.chengis.api.spi.ArtifactRecord;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.JobRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link ArtifactCatalog} on the heap, for tests and ephemeral hosts.
 *
 * <p>Thread-safe: every method may be called from any thread; none blocks beyond a short
 * catalog-wide lock.
 *
 * @since 0.1.0
 */
public final class InMemoryArtifactCatalog implements ArtifactCatalog {
  private final Guard guard = new Guard();

  /** Records in the order they were recorded; a replaced record moves to the end. */
  private final List<ArtifactRecord> records = new ArrayList<>();

  /**
   * Creates an empty catalog.
   *
   * @since 0.1.0
   */
  public InMemoryArtifactCatalog() {}

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public void record(ArtifactRecord artifact) {
    Objects.requireNonNull(artifact, "artifact");
    guard.run(
        () -> {
          records.removeIf(
              kept ->
                  kept.org().equals(artifact.org())
                      && kept.buildId().equals(artifact.buildId())
                      && kept.path().equals(artifact.path()));
          records.add(artifact);
        });
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public List<ArtifactRecord> list(BuildRef build) {
    Objects.requireNonNull(build, "build");
    return guard.call(
        () ->
            records.stream()
                .filter(r -> r.org().equals(build.org()) && r.buildId().equals(build.buildId()))
                .sorted(Comparator.comparing(ArtifactRecord::path))
                .toList());
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public Optional<ArtifactRecord> latest(JobRef job, String path) {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(path, "path");
    return guard.call(
        () -> {
          for (int i = records.size() - 1; i >= 0; i--) {
            ArtifactRecord kept = records.get(i);
            if (kept.org().equals(job.org())
                && kept.jobId().equals(job.jobId())
                && kept.path().equals(path)) {
              return Optional.of(kept);
            }
          }
          return Optional.empty();
        });
  }
}
