package io.chengis.testkit.internal;

import io.chengis.api.spi.BuildLookup;
import io.chengis.api.spi.BuildQuery;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildStore;
import io.chengis.api.spi.JobRef;
import io.chengis.api.spi.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A build store that prepares the workspace of each build number it hands out. The engine takes a
 * build's number from its store when the build is triggered, before the build's thread starts, and
 * makes the workspace {@code <root>/<job>/<number>}; so the workspace is filled before any step.
 */
public final class PreparingBuildStore implements BuildStore {
  /** Fills one workspace. */
  @FunctionalInterface
  public interface Preparation {
    /**
     * Fills it.
     *
     * @param workspace the directory
     * @throws IOException when files cannot be written
     */
    void prepare(Path workspace) throws IOException;
  }

  private final BuildStore delegate;
  private final Path root;
  private final Supplier<List<Preparation>> preparations;

  /**
   * Wraps a store.
   *
   * @param delegate the store that keeps the records
   * @param root the engine's workspace root
   * @param preparations what to do in each new workspace, in order
   */
  public PreparingBuildStore(
      BuildStore delegate, Path root, Supplier<List<Preparation>> preparations) {
    this.delegate = delegate;
    this.root = root;
    this.preparations = preparations;
  }

  @Override
  public long nextNumber(JobRef job) {
    long number = delegate.nextNumber(job);
    List<Preparation> all = preparations.get();
    if (!all.isEmpty()) {
      Path workspace = root.resolve(job.jobId().toString()).resolve(Long.toString(number));
      try {
        Files.createDirectories(workspace);
        for (Preparation preparation : all) {
          preparation.prepare(workspace);
        }
      } catch (IOException failed) {
        throw new UncheckedIOException(
            "test engine: cannot prepare workspace " + workspace + ": " + failed.getMessage(),
            failed);
      }
    }
    return number;
  }

  @Override
  public void save(BuildRecord build) {
    delegate.save(build);
  }

  @Override
  public Optional<BuildRecord> find(BuildLookup lookup) {
    return delegate.find(lookup);
  }

  @Override
  public Page<BuildRecord> list(BuildQuery query) {
    return delegate.list(query);
  }
}
