package io.chengis.dsl.format.internal;

import io.chengis.api.Pipeline;
import io.chengis.api.spi.PipelineFormat;
import io.chengis.api.spi.PipelineSource;
import java.util.Locale;
import java.util.Objects;

/** GitHub Actions workflows: {@code .github/workflows/*.yml|yaml}. Stateless and thread-safe. */
public final class GithubActionsFormat implements PipelineFormat {
  /** Creates the format. */
  public GithubActionsFormat() {}

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
    return GithubWorkflow.parse(Objects.requireNonNull(source, "source"));
  }

  @Override
  public String toString() {
    return "GitHub Actions workflow (.github/workflows/*.yml)";
  }
}
