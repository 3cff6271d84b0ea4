package io.chengis.cli.internal;

import io.chengis.dsl.format.PipelineFormats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Which file of a directory holds its pipeline: the precedence of {@link PipelineFormats#find}. */
final class PipelineFiles {
  private PipelineFiles() {}

  /** The names tried in a directory, in order. */
  static final List<String> CANDIDATES = PipelineFormats.candidates();

  /**
   * The pipeline file for a path: the path itself when it is not a directory, else the file the
   * directory's precedence picks.
   *
   * @throws io.chengis.api.PipelineDefinitionException when the directory holds several GitHub
   *     workflows and nothing that comes before them
   */
  static Optional<Path> resolve(Path given) {
    if (!Files.isDirectory(given)) {
      return Optional.of(given);
    }
    return PipelineFormats.find(given);
  }

  /** The message for a directory that holds none of the candidates. */
  static String noneIn(Path directory) {
    return "directory \""
        + directory
        + "\" holds no pipeline file (tried "
        + String.join(", ", CANDIDATES)
        + "); name the file, e.g. chengis run .github/workflows/ci.yml";
  }
}
