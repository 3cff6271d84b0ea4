package io.chengis.api.spi;

import java.util.Objects;

/**
 * The text of a pipeline definition file and its name, for {@link PipelineFormat#parse}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param fileName the file's name or path as the author knows it; used in problem locations
 * @param text the file's content
 * @since 0.1.0
 */
public record PipelineSource(String fileName, String text) {
  /** Checks the components. */
  public PipelineSource {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(text, "text");
  }
}
