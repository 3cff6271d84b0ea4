package io.chengis.dsl.format.internal;

import io.chengis.api.Pipeline;
import io.chengis.api.spi.PipelineFormat;
import io.chengis.api.spi.PipelineSource;
import java.util.Locale;
import java.util.Objects;

/**
 * Chengis YAML: {@code .chengis/workflow.yml|yaml}, {@code chengis.yml|yaml}, {@code
 * *.chengis.yml|yaml}. Stateless and thread-safe.
 */
public final class ChengisYamlFormat implements PipelineFormat {
  /** Creates the format. */
  public ChengisYamlFormat() {}

  @Override
  public boolean accepts(String fileName) {
    String path = Objects.requireNonNull(fileName, "fileName").replace('\\', '/');
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    boolean yaml = name.endsWith(".yml") || name.endsWith(".yaml");
    boolean workflow =
        (name.equals("workflow.yml") || name.equals("workflow.yaml"))
            && (path.equals(".chengis/" + name) || path.endsWith("/.chengis/" + name));
    return yaml
        && (workflow
            || name.equals("chengis.yml")
            || name.equals("chengis.yaml")
            || name.endsWith(".chengis.yml")
            || name.endsWith(".chengis.yaml"));
  }

  @Override
  public Pipeline parse(PipelineSource source) {
    return ChengisYaml.parse(Objects.requireNonNull(source, "source"));
  }

  @Override
  public String toString() {
    return "Chengis YAML (.chengis/workflow.yml, chengis.yml, *.chengis.yml)";
  }
}
