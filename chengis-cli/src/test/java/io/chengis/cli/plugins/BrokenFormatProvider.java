package io.chengis.cli.plugins;

import io.chengis.api.Pipeline;
import io.chengis.api.spi.PipelineFormat;
import io.chengis.api.spi.PipelineFormatProvider;
import io.chengis.api.spi.PipelineSource;
import io.chengis.api.spi.ProviderContext;

/** A format whose parser throws on its {@code *.broken} files. */
public final class BrokenFormatProvider implements PipelineFormatProvider {
  /** Used by the service loader. */
  public BrokenFormatProvider() {}

  @Override
  public String type() {
    return "broken";
  }

  @Override
  public PipelineFormat create(ProviderContext context) {
    return new PipelineFormat() {
      @Override
      public boolean accepts(String fileName) {
        return fileName.endsWith(".broken");
      }

      @Override
      public Pipeline parse(PipelineSource source) {
        throw new IllegalStateException("the parser fell over");
      }
    };
  }
}
