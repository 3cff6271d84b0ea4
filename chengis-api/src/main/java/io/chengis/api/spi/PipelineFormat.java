package io.chengis.api.spi;

import io.chengis.api.Pipeline;

/**
 * Reads one pipeline definition format (Chengisfile EDN, Chengis YAML, GitHub Actions workflows,
 * ...) into the {@link Pipeline} model.
 *
 * <p>Protocol: called on the caller's thread (the CLI, a host's request thread) whenever a file is
 * loaded: {@link #accepts} for each candidate file to pick the format, then {@link #parse} once.
 * Both are pure functions of their input: no I/O, no blocking. Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface PipelineFormat {
  /**
   * Whether this format reads the named file, judged by its name (e.g. {@code Chengisfile}, {@code
   * *.chengis.yml}, {@code .github/workflows/*.yml}).
   *
   * @param fileName the file's name or workspace-relative path
   * @return {@code true} when {@link #parse} should be given the file
   * @since 0.1.0
   */
  boolean accepts(String fileName);

  /**
   * Parses a definition.
   *
   * @param source the file's name and text
   * @return the pipeline
   * @throws io.chengis.api.PipelineDefinitionException with every problem found, each located as
   *     {@code file:line:col}, when the text is not a valid pipeline
   * @since 0.1.0
   */
  Pipeline parse(PipelineSource source);
}
