package io.chengis.cli.internal;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the CLI reads pipeline files: through the command's {@link PluginOptions}, so plugin pipeline
 * formats and GitHub action providers take part (see {@link io.chengis.dsl.format.PipelineReader}
 * for the precedence).
 */
final class PipelineFiles {
  private PipelineFiles() {}

  /** The names tried in a directory, in order. */
  static List<String> candidates(PluginOptions plugins, DatabaseOptions database, Path where) {
    return plugins.reader(database, where).candidates();
  }

  /**
   * Reads a pipeline file, plugin formats first.
   *
   * @throws PipelineDefinitionException when the file has problems or a plugin failed
   */
  static Pipeline parse(PluginOptions plugins, DatabaseOptions database, Path file) {
    return plugins.reader(database, file).parse(file);
  }

  /**
   * The pipeline file for a path: the path itself when it is not a directory, else the file the
   * directory's precedence picks.
   *
   * @throws PipelineDefinitionException when the directory holds several GitHub workflows and
   *     nothing that comes before them, or a plugin format failed
   */
  static Optional<Path> resolve(PluginOptions plugins, DatabaseOptions database, Path given) {
    if (!Files.isDirectory(given)) {
      return Optional.of(given);
    }
    return plugins.reader(database, given).find(given);
  }

  /** The message for a directory that holds none of the candidates. */
  static String noneIn(PluginOptions plugins, DatabaseOptions database, Path directory) {
    return "directory \""
        + directory
        + "\" holds no pipeline file (tried "
        + String.join(", ", candidates(plugins, database, directory))
        + "); name the file, e.g. chengis run .github/workflows/ci.yml";
  }
}
