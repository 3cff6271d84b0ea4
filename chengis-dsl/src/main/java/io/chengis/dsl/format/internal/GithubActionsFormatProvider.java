package io.chengis.dsl.format.internal;

import io.chengis.api.spi.PipelineFormat;
import io.chengis.api.spi.PipelineFormatProvider;
import io.chengis.api.spi.ProviderContext;

/** Registers the {@code github-actions} pipeline format with the service loader. Thread-safe. */
public final class GithubActionsFormatProvider implements PipelineFormatProvider {
  /** Creates the provider; the service loader calls this. */
  public GithubActionsFormatProvider() {}

  @Override
  public String type() {
    return "github-actions";
  }

  @Override
  public PipelineFormat create(ProviderContext context) {
    return new GithubActionsFormat();
  }
}
