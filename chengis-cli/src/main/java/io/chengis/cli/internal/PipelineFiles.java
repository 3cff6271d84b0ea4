package io.chengis.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Which file of a directory holds its pipeline, in the order the issue gives. */
final class PipelineFiles {
  private PipelineFiles() {}

  /** The names tried in a directory, in order. */
  static final List<String> CANDIDATES =
      List.of(".chengis/workflow.yml", ".chengis/workflow.yaml", "chengis.yml", "chengis.yaml");

  /**
   * The pipeline file for a path: the path itself when it is not a directory, else the first
   * candidate the directory holds.
   */
  static Optional<Path> resolve(Path given) {
    if (!Files.isDirectory(given)) {
      return Optional.of(given);
    }
    return CANDIDATES.stream().map(given::resolve).filter(Files::isRegularFile).findFirst();
  }

  /** The message for a directory that holds none of the candidates. */
  static String noneIn(Path directory) {
    return "directory \""
        + directory
        + "\" holds no pipeline file (tried "
        + CANDIDATES
        + "); name the file, e.g. chengis run .github/workflows/ci.yml";
  }
}
