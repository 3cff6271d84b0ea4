package io.chengis.dsl.format;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.spi.ActionMapper;
import io.chengis.api.spi.PipelineFormat;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads pipeline files and finds the pipeline of a workspace with the formats and action mappers of
 * plugins besides the built-in ones: what a host (the CLI, a server) uses once it has loaded its
 * plugins.
 *
 * <pre>{@code
 * PipelineReader reader = PipelineReader.of(pluginFormats, actionMappers, Duration.ofSeconds(10));
 * DetectedPipeline found = reader.detect(workspace);
 * }</pre>
 *
 * <p><b>A file named explicitly</b> is offered to the plugin formats first, in the given order
 * ({@code accepts}, then {@code parse}), then read by the built-in format its path implies; GitHub
 * workflows are read with the given action mappers.
 *
 * <p><b>Detection in a workspace</b>: the built-in files first, in the precedence of {@link
 * PipelineFormats#find} ({@code Chengisfile} > {@code .chengis/workflow.yml|yaml} > {@code
 * chengis.yml|yaml} > the only GitHub workflow; several workflows are an error); then the first
 * file a plugin format accepts, formats in the given order and, per format, the workspace's files
 * (at most {@value #DEPTH} directories deep, {@code .git} skipped) in path order; then the host's
 * default pipeline.
 *
 * <p>Every call into a plugin is guarded with the plugin timeout: a format or mapper that hangs or
 * throws is a located problem naming its class, never a stack trace or a stuck caller. Thread-safe.
 *
 * @since 0.1.0
 */
public final class PipelineReader {
  /** How deep detection looks for files a plugin format accepts. */
  private static final int DEPTH = 2;

  /** How many files detection offers a plugin format at most. */
  private static final int MAX_FILES = 2000;

  private static final PipelineReader BUILT_IN =
      new PipelineReader(List.of(), PipelineFormats.githubActions(), Duration.ofSeconds(10));

  private final List<PipelineFormat> plugins;
  private final PipelineFormat github;
  private final Duration pluginTimeout;

  private PipelineReader(List<PipelineFormat> plugins, PipelineFormat github, Duration timeout) {
    this.plugins = plugins;
    this.github = github;
    this.pluginTimeout = timeout;
  }

  /**
   * The built-in formats only: the behaviour of {@link PipelineFormats}' static methods.
   *
   * @return the reader
   * @since 0.1.0
   */
  public static PipelineReader builtIn() {
    return BUILT_IN;
  }

  /**
   * A reader with plugin formats and action mappers.
   *
   * @param formats plugin formats, asked before the built-in ones in this order; instances of the
   *     built-in formats (their providers are discovered too) are left out
   * @param mappers action mappers for GitHub workflows, tried before discovered ones
   * @param pluginTimeout a positive bound on one call into a plugin
   * @return the reader
   * @since 0.1.0
   */
  public static PipelineReader of(
      List<PipelineFormat> formats, List<ActionMapper> mappers, Duration pluginTimeout) {
    PipelineFormats.positive(pluginTimeout);
    List<PipelineFormat> plugins =
        formats.stream().filter(format -> !PipelineFormats.builtIn(format)).toList();
    return new PipelineReader(
        plugins, PipelineFormats.githubActions(mappers, pluginTimeout), pluginTimeout);
  }

  /**
   * Reads a pipeline file: plugin formats first, then the built-in format its path implies.
   *
   * @param file a pipeline file
   * @return the pipeline
   * @throws PipelineDefinitionException when no format accepts the path, the file cannot be read,
   *     its content has problems, or a plugin failed
   * @since 0.1.0
   */
  public Pipeline parse(Path file) {
    Objects.requireNonNull(file, "file");
    return PipelineFormats.parse(file, plugins, pluginTimeout, github);
  }

  /**
   * The pipeline file of a workspace directory (see the class description for the precedence).
   *
   * @param directory the workspace
   * @return the file, or empty when the directory holds none
   * @throws PipelineDefinitionException when the only built-in candidates are several GitHub
   *     workflows, or a plugin format failed
   * @since 0.1.0
   */
  public Optional<Path> find(Path directory) {
    Optional<Path> builtIn = PipelineFormats.find(directory);
    if (builtIn.isPresent() || plugins.isEmpty()) {
      return builtIn;
    }
    List<Path> files = files(directory);
    for (PipelineFormat format : plugins) {
      for (Path file : files) {
        String relative = directory.relativize(file).toString().replace('\\', '/');
        if (PipelineFormats.guarded(
            relative, format, "accepts", pluginTimeout, () -> format.accepts(relative))) {
          return Optional.of(file);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Reads the pipeline of a workspace directory (see {@link #find}), or a pipeline file when given
   * one.
   *
   * @param path a pipeline file or a workspace directory
   * @return the pipeline and the file it came from
   * @throws PipelineDefinitionException when the directory holds no pipeline file, or the file has
   *     problems
   * @since 0.1.0
   */
  public DetectedPipeline detect(Path path) {
    Objects.requireNonNull(path, "path");
    if (!Files.isDirectory(path)) {
      return new DetectedPipeline(parse(path), Optional.of(path));
    }
    Path file =
        find(path)
            .orElseThrow(
                () ->
                    PipelineFormats.failure(
                        path.toString().replace('\\', '/'),
                        "holds no pipeline file",
                        "tried " + String.join(", ", candidates()),
                        "add one of them, or name the pipeline file to run"));
    return new DetectedPipeline(parse(file), Optional.of(file));
  }

  /**
   * Reads the pipeline of a workspace directory, falling back to the host's default pipeline when
   * the directory holds no pipeline file.
   *
   * @param directory the workspace
   * @param hostDefault the pipeline to run when the workspace defines none
   * @return the pipeline and the file it came from (empty for the host's default)
   * @throws PipelineDefinitionException when the workspace's pipeline file has problems
   * @since 0.1.0
   */
  public DetectedPipeline detect(Path directory, Pipeline hostDefault) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(hostDefault, "hostDefault");
    return find(directory)
        .map(file -> new DetectedPipeline(parse(file), Optional.of(file)))
        .orElseGet(() -> new DetectedPipeline(hostDefault, Optional.empty()));
  }

  /**
   * What {@link #find} tries, in order of precedence, for messages.
   *
   * @return the built-in names, then one entry per plugin format naming its class
   * @since 0.1.0
   */
  public List<String> candidates() {
    return Stream.concat(
            PipelineFormats.candidates().stream(),
            plugins.stream()
                .map(f -> "files the plugin format " + f.getClass().getName() + " reads"))
        .toList();
  }

  private static List<Path> files(Path directory) {
    try (Stream<Path> walk = Files.walk(directory, DEPTH, new FileVisitOption[0])) {
      return walk.filter(file -> !directory.relativize(file).startsWith(".git"))
          .filter(Files::isRegularFile)
          .sorted()
          .limit(MAX_FILES)
          .toList();
    } catch (IOException | java.io.UncheckedIOException unreadable) {
      throw PipelineFormats.failure(
          directory.toString().replace('\\', '/'),
          "cannot be listed",
          unreadable.getClass().getSimpleName() + ": " + unreadable.getMessage(),
          "check the directory's permissions");
    }
  }
}
