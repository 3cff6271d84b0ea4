package io.chengis.cli.plugins;

import static io.chengis.dsl.Steps.shell;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Problem;
import io.chengis.api.SourceLocation;
import io.chengis.api.spi.PipelineFormat;
import io.chengis.api.spi.PipelineFormatProvider;
import io.chengis.api.spi.PipelineSource;
import io.chengis.api.spi.ProviderContext;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.PipelineBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The "acme" format: files named {@code *.acme}, one stage per line written {@code STAGE: COMMAND};
 * the pipeline is named after the file.
 */
public final class AcmeFormatProvider implements PipelineFormatProvider {
  /** Used by the service loader. */
  public AcmeFormatProvider() {}

  @Override
  public String type() {
    return "acme";
  }

  @Override
  public PipelineFormat create(ProviderContext context) {
    return new Acme();
  }

  /** The format. */
  static final class Acme implements PipelineFormat {
    @Override
    public boolean accepts(String fileName) {
      return fileName.endsWith(".acme");
    }

    @Override
    public Pipeline parse(PipelineSource source) {
      List<Problem> problems = new ArrayList<>();
      List<Consumer<PipelineBuilder>> stages = new ArrayList<>();
      String[] lines = source.text().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        if (line.isBlank()) {
          continue;
        }
        int colon = line.indexOf(':');
        if (colon < 1) {
          problems.add(
              Problem.of(
                  SourceLocation.of(source.fileName(), i + 1, 1),
                  "line",
                  "is not STAGE: COMMAND",
                  line,
                  "write e.g. build: make"));
          continue;
        }
        String stage = line.substring(0, colon).trim();
        String command = line.substring(colon + 1).trim();
        stages.add(p -> p.stage(stage, s -> s.step(stage, shell(command))));
      }
      if (!problems.isEmpty()) {
        throw new PipelineDefinitionException(source.fileName(), problems);
      }
      String file = source.fileName().substring(source.fileName().lastIndexOf('/') + 1);
      return Chengis.pipeline(
          file.substring(0, file.length() - ".acme".length()),
          p -> stages.forEach(stage -> stage.accept(p)));
    }
  }
}
