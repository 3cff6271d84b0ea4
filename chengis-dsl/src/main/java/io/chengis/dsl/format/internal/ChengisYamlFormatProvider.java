package io.chengis.dsl.format.internal;

import io.chengis.api.spi.PipelineFormat;
import io.chengis.api.spi.PipelineFormatProvider;
import io.chengis.api.spi.ProviderContext;

/** Registers the {@code chengis-yaml} pipeline format with the service loader. Thread-safe. */
public final class ChengisYamlFormatProvider implements PipelineFormatProvider {
  /** Creates the provider; the service loader calls this. */
  public ChengisYamlFormatProvider() {}

  @Override
  public String type() {
    return "chengis-yaml";
  }

  @Override
  public PipelineFormat create(ProviderContext context) {
    return new ChengisYamlFormat();
  }
}
