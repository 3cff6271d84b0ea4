package io.chengis.dsl.format.internal;

import io.chengis.api.spi.PipelineFormat;
import io.chengis.api.spi.PipelineFormatProvider;
import io.chengis.api.spi.ProviderContext;

/** Registers the {@code chengisfile} pipeline format with the service loader. Thread-safe. */
public final class ChengisfileFormatProvider implements PipelineFormatProvider {
  /** Creates the provider; the service loader calls this. */
  public ChengisfileFormatProvider() {}

  @Override
  public String type() {
    return "chengisfile";
  }

  @Override
  public PipelineFormat create(ProviderContext context) {
    return new ChengisfileFormat();
  }
}
