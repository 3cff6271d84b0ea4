package io.chengis.cli.plugins;

import io.chengis.api.Pipeline;
import io.chengis.api.spi.PipelineFormat;
import io.chengis.api.spi.PipelineFormatProvider;
import io.chengis.api.spi.PipelineSource;
import io.chengis.api.spi.ProviderContext;
import java.util.concurrent.CountDownLatch;

/** A format that never finishes reading its {@code *.stuck} files: it waits for an interrupt. */
public final class StuckFormatProvider implements PipelineFormatProvider {
  /** Counted down by each parse that was interrupted by the guard. */
  public static final CountDownLatch ABANDONED = new CountDownLatch(1);

  /** Used by the service loader. */
  public StuckFormatProvider() {}

  @Override
  public String type() {
    return "stuck";
  }

  @Override
  public PipelineFormat create(ProviderContext context) {
    return new PipelineFormat() {
      @Override
      public boolean accepts(String fileName) {
        return fileName.endsWith(".stuck");
      }

      @Override
      public Pipeline parse(PipelineSource source) {
        try {
          new CountDownLatch(1).await();
        } catch (InterruptedException interrupted) {
          ABANDONED.countDown();
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("interrupted");
      }
    };
  }
}
