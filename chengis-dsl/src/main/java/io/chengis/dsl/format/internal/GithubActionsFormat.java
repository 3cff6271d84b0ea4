package io.chengis.dsl.format.internal;

import io.chengis.api.Pipeline;
import io.chengis.api.spi.ActionMapper;
import io.chengis.api.spi.PipelineFormat;
import io.chengis.api.spi.PipelineSource;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** GitHub Actions workflows: {@code .github/workflows/*.yml|yaml}. Immutable and thread-safe. */
public final class GithubActionsFormat implements PipelineFormat {
  private final Actions actions;

  /** Creates the format with the built-in and discovered action mappings. */
  public GithubActionsFormat() {
    this(List.of());
  }

  /**
   * Creates the format with extra action mappings, tried before the discovered ones.
   *
   * @param mappers the mappers
   */
  public GithubActionsFormat(List<ActionMapper> mappers) {
    this(mappers, Actions.DEFAULT_TIMEOUT);
  }

  /**
   * Creates the format with extra action mappings and a bound on every call into an action plugin.
   *
   * @param mappers the mappers
   * @param pluginTimeout how long one call into a mapper or action provider may take
   */
  public GithubActionsFormat(List<ActionMapper> mappers, Duration pluginTimeout) {
    this.actions = Actions.with(mappers, pluginTimeout);
  }

  @Override
  public boolean accepts(String fileName) {
    String path = Objects.requireNonNull(fileName, "fileName").replace('\\', '/');
    int slash = path.lastIndexOf('/');
    String directory = slash < 0 ? "" : path.substring(0, slash);
    String name = path.substring(slash + 1).toLowerCase(Locale.ROOT);
    return (name.endsWith(".yml") || name.endsWith(".yaml"))
        && (directory.equals(".github/workflows") || directory.endsWith("/.github/workflows"));
  }

  @Override
  public Pipeline parse(PipelineSource source) {
    return GithubWorkflow.parse(Objects.requireNonNull(source, "source"), actions);
  }

  @Override
  public String toString() {
    return "GitHub Actions workflow (.github/workflows/*.yml)";
  }
}
