package io.chengis.dsl.format.internal;

import io.chengis.api.Pipeline;
import io.chengis.api.spi.PipelineFormat;
import io.chengis.api.spi.PipelineSource;
import java.util.Locale;
import java.util.Objects;

/**
 * Chengisfile, the original Chengis's EDN format: {@code Chengisfile}, {@code Chengisfile.edn} and
 * {@code *.chengis.edn}. Stateless and thread-safe.
 */
public final class ChengisfileFormat implements PipelineFormat {
  /** Creates the format. */
  public ChengisfileFormat() {}

  @Override
  public boolean accepts(String fileName) {
    String path = Objects.requireNonNull(fileName, "fileName").replace('\\', '/');
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.equals("Chengisfile")
        || name.equals("Chengisfile.edn")
        || name.toLowerCase(Locale.ROOT).endsWith(".chengis.edn");
  }

  @Override
  public Pipeline parse(PipelineSource source) {
    return Chengisfile.parse(Objects.requireNonNull(source, "source"));
  }

  @Override
  public String toString() {
    return "Chengisfile (EDN: Chengisfile, Chengisfile.edn, *.chengis.edn)";
  }
}
