package io.chengis.dsl.format;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Problem;
import io.chengis.api.SourceLocation;
import io.chengis.api.spi.PipelineFormat;
import io.chengis.api.spi.PipelineSource;
import io.chengis.dsl.format.internal.ChengisYamlFormat;
import io.chengis.dsl.format.internal.GithubActionsFormat;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The YAML pipeline formats and reading a pipeline file whose format follows from its path.
 *
 * <pre>{@code
 * Pipeline ci = PipelineFormats.parse(Path.of(".github/workflows/ci.yml"));
 * }</pre>
 *
 * <p>Every problem of a file (YAML syntax, unknown keys, wrong types, model rules) comes back at
 * once in one {@link PipelineDefinitionException}, each {@link Problem} located as {@code
 * file:line:col}. Thread-safe: the formats hold no state.
 *
 * @since 0.1.0
 */
public final class PipelineFormats {
  private static final PipelineFormat CHENGIS_YAML = new ChengisYamlFormat();
  private static final PipelineFormat GITHUB_ACTIONS = new GithubActionsFormat();
  private static final long MAX_BYTES = 1024L * 1024L;
  private static final String SUPPORTED =
      "supported are .chengis/workflow.yml|yaml, chengis.yml|yaml and *.chengis.yml|yaml (Chengis"
          + " YAML) and .github/workflows/*.yml|yaml (GitHub Actions)";

  private PipelineFormats() {}

  /**
   * Chengis YAML, the original Chengis workflow schema: {@code name}, {@code description}, {@code
   * parameters}, {@code env}, {@code on}, {@code container}, {@code matrix}, {@code stages}, {@code
   * post}, {@code artifacts}, {@code notify}. Unknown keys are errors.
   *
   * @return the format, accepting {@code .chengis/workflow.yml|yaml}, {@code chengis.yml|yaml} and
   *     {@code *.chengis.yml|yaml}
   * @since 0.1.0
   */
  public static PipelineFormat chengisYaml() {
    return CHENGIS_YAML;
  }

  /**
   * GitHub Actions workflows: jobs become stages, {@code needs} dependencies, {@code run} steps
   * shell steps and {@code uses} steps {@code PluginStep("uses", {action, with.<input>})}. {@code
   * ${{ }}} expressions are kept as written.
   *
   * @return the format, accepting {@code .github/workflows/*.yml|yaml}
   * @since 0.1.0
   */
  public static PipelineFormat githubActions() {
    return GITHUB_ACTIONS;
  }

  /**
   * Reads a pipeline file in the format its path implies. Problems are located with the path as
   * given.
   *
   * @param file a pipeline file
   * @return the pipeline
   * @throws PipelineDefinitionException when the path matches no format, the file cannot be read,
   *     or its content has problems
   * @since 0.1.0
   */
  public static Pipeline parse(Path file) {
    Objects.requireNonNull(file, "file");
    String name = file.toString().replace('\\', '/');
    PipelineFormat format = formatFor(name);
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw failure(
            name, "is larger than 1 MiB", Files.size(file) + " bytes", "split the pipeline");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw failure(name, "is not UTF-8 text", e.getClass().getSimpleName(), "save it as UTF-8");
    } catch (IOException e) {
      throw failure(
          name,
          "cannot be read",
          e.getClass().getSimpleName() + ": " + e.getMessage(),
          "check the path and its permissions");
    }
    return format.parse(new PipelineSource(name, text));
  }

  private static PipelineFormat formatFor(String name) {
    for (PipelineFormat format : List.of(CHENGIS_YAML, GITHUB_ACTIONS)) {
      if (format.accepts(name)) {
        return format;
      }
    }
    throw failure(name, "is not a known pipeline file", name, SUPPORTED);
  }

  private static PipelineDefinitionException failure(
      String file, String problem, String value, String fix) {
    return new PipelineDefinitionException(
        file,
        List.of(Problem.of(SourceLocation.of(file, 0, 0), "pipeline file", problem, value, fix)));
  }
}
