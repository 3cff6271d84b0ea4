package io.chengis.dsl.format;

import io.chengis.api.Pipeline;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline found in a workspace by {@link PipelineFormats#detect}, and where it came from.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pipeline the pipeline
 * @param file the file it was read from; empty when it is the host's default pipeline
 * @since 0.1.0
 */
public record DetectedPipeline(Pipeline pipeline, Optional<Path> file) {
  /** Checks the components. */
  public DetectedPipeline {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(file, "file");
  }

  /**
   * Where the pipeline came from, for people: the file's path, or {@code the host's default
   * pipeline "NAME"}.
   *
   * @return the origin
   * @since 0.1.0
   */
  public String origin() {
    return file.map(path -> path.toString().replace('\\', '/'))
        .orElse("the host's default pipeline \"" + pipeline.name() + "\"");
  }
}
