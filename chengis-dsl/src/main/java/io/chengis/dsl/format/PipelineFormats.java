package io.chengis.dsl.format;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Problem;
import io.chengis.api.SourceLocation;
import io.chengis.api.internal.guard.PluginGuard;
import io.chengis.api.spi.ActionMapper;
import io.chengis.api.spi.PipelineFormat;
import io.chengis.api.spi.PipelineSource;
import io.chengis.dsl.format.internal.ChengisYamlFormat;
import io.chengis.dsl.format.internal.ChengisfileFormat;
import io.chengis.dsl.format.internal.GithubActionsFormat;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The pipeline file formats (Chengisfile, Chengis YAML, GitHub Actions), reading a pipeline file
 * whose format follows from its path, and finding the pipeline of a workspace.
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
  private static final PipelineFormat CHENGISFILE = new ChengisfileFormat();
  private static final PipelineFormat CHENGIS_YAML = new ChengisYamlFormat();
  private static final PipelineFormat GITHUB_ACTIONS = new GithubActionsFormat();
  private static final long MAX_BYTES = 1024L * 1024L;
  private static final String SUPPORTED =
      "supported are Chengisfile, Chengisfile.edn and *.chengis.edn (EDN),"
          + " .chengis/workflow.yml|yaml, chengis.yml|yaml and *.chengis.yml|yaml (Chengis"
          + " YAML) and .github/workflows/*.yml|yaml (GitHub Actions)";

  /**
   * The files a workspace directory is searched for, in order of precedence; the GitHub Actions
   * workflows come after these, and the host's default pipeline last.
   */
  private static final List<String> CANDIDATES =
      List.of(
          "Chengisfile",
          ".chengis/workflow.yml",
          ".chengis/workflow.yaml",
          "chengis.yml",
          "chengis.yaml");

  private static final String WORKFLOWS = ".github/workflows";

  private PipelineFormats() {}

  /**
   * Chengisfile, the original Chengis's EDN format: a map with {@code :description}, {@code
   * :parameters}, {@code :env}, {@code :source}, {@code :container}, {@code :matrix}, {@code
   * :stages}, {@code :post}, {@code :artifacts} and {@code :notify}. Unknown keys are errors.
   *
   * @return the format, accepting {@code Chengisfile}, {@code Chengisfile.edn} and {@code
   *     *.chengis.edn}
   * @since 0.1.0
   */
  public static PipelineFormat chengisfile() {
    return CHENGISFILE;
  }

  /**
   * Chengis YAML, the original Chengis workflow schema: {@code name}, {@code description}, {@code
   * parameters}, {@code env}, {@code source} ({@code url}, {@code branch}, {@code depth}, {@code
   * submodules}, {@code credentials} naming a secret, monorepo filters {@code paths} and {@code
   * paths-ignore}, a checkout {@code timeout} in minutes), {@code on}, {@code container}, {@code
   * matrix}, {@code stages}, {@code post}, {@code artifacts}, {@code notify}. Unknown keys are
   * errors.
   *
   * @return the format, accepting {@code .chengis/workflow.yml|yaml}, {@code chengis.yml|yaml} and
   *     {@code *.chengis.yml|yaml}
   * @since 0.1.0
   */
  public static PipelineFormat chengisYaml() {
    return CHENGIS_YAML;
  }

  /**
   * GitHub Actions workflows: jobs become stages named by job id (with their {@code
   * strategy.matrix} and {@code outputs}), {@code needs} dependencies, {@code run} steps shell
   * steps; {@code uses} steps are mapped: {@code actions/checkout} to a {@code checkout} plugin
   * step, {@code actions/cache} to a stage cache, {@code actions/upload-artifact} to an {@code
   * upload-artifact} step (the files are stored as artifacts under the name), {@code
   * actions/download-artifact} to a {@code download-artifact} step (the files of that name stored
   * earlier in the same build are restored into the workspace), and other actions through the
   * {@link io.chengis.api.spi.ActionProvider}s the service loader finds; any other action is a
   * located problem. {@code ${{ }}} expressions are kept as written.
   *
   * @return the format, accepting {@code .github/workflows/*.yml|yaml}
   * @since 0.1.0
   */
  public static PipelineFormat githubActions() {
    return GITHUB_ACTIONS;
  }

  /**
   * GitHub Actions workflows with extra action mappings, tried before those the service loader
   * finds (code wins).
   *
   * @param mappers mappers for actions the built-in mappings do not cover
   * @return the format, accepting {@code .github/workflows/*.yml|yaml}
   * @since 0.1.0
   */
  public static PipelineFormat githubActions(List<ActionMapper> mappers) {
    return new GithubActionsFormat(List.copyOf(mappers));
  }

  /**
   * GitHub Actions workflows with extra action mappings and a bound on each call into an action
   * plugin (default 10 seconds): a mapper or action provider that takes longer, or throws, is a
   * problem at the step naming its class.
   *
   * @param mappers mappers for actions the built-in mappings do not cover
   * @param pluginTimeout a positive bound on one call into a plugin
   * @return the format, accepting {@code .github/workflows/*.yml|yaml}
   * @since 0.1.0
   */
  public static PipelineFormat githubActions(List<ActionMapper> mappers, Duration pluginTimeout) {
    positive(pluginTimeout);
    return new GithubActionsFormat(List.copyOf(mappers), pluginTimeout);
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
    return format.parse(new PipelineSource(name, read(file, name)));
  }

  /**
   * Reads a pipeline file with plugin formats first (those of {@code PipelineFormatProvider}s), in
   * the given order, then the built-in formats. Every call into a plugin format ({@code accepts},
   * {@code parse}) is guarded: one that takes longer than {@code pluginTimeout} or throws anything
   * but a {@link PipelineDefinitionException} is a problem at the file naming the format's class,
   * never a stack trace or a stuck caller.
   *
   * @param file a pipeline file
   * @param plugins the plugin formats, asked before the built-in ones
   * @param pluginTimeout a positive bound on one call into a plugin format
   * @return the pipeline
   * @throws PipelineDefinitionException when no format accepts the path, the file cannot be read,
   *     its content has problems, or a plugin format failed
   * @since 0.1.0
   */
  public static Pipeline parse(Path file, List<PipelineFormat> plugins, Duration pluginTimeout) {
    Objects.requireNonNull(file, "file");
    positive(pluginTimeout);
    return parse(file, List.copyOf(plugins), pluginTimeout, GITHUB_ACTIONS);
  }

  /** Plugin formats first (guarded), then the built-in formats with the given GitHub format. */
  static Pipeline parse(
      Path file, List<PipelineFormat> formats, Duration pluginTimeout, PipelineFormat github) {
    String name = file.toString().replace('\\', '/');
    for (PipelineFormat format : formats) {
      if (guarded(name, format, "accepts", pluginTimeout, () -> format.accepts(name))) {
        String text = read(file, name);
        return guarded(
            name,
            format,
            "parse",
            pluginTimeout,
            () -> format.parse(new PipelineSource(name, text)));
      }
    }
    PipelineFormat format = formatFor(name, github);
    return format.parse(new PipelineSource(name, read(file, name)));
  }

  static <T> T guarded(
      String name, PipelineFormat format, String method, Duration timeout, Callable<T> call) {
    PluginGuard.Outcome<T> outcome;
    try {
      outcome = PluginGuard.call("chengis-pipeline-format", timeout, call);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      outcome = new PluginGuard.Threw<>(interrupted);
    }
    return switch (outcome) {
      case PluginGuard.Returned<T> returned when returned.value() != null -> returned.value();
      case PluginGuard.Threw<T> threw
          when threw.failure() instanceof PipelineDefinitionException located ->
          throw located;
      default ->
          throw failure(
              name,
              outcome instanceof PluginGuard.Returned<T>
                  ? "was not read: the pipeline format "
                      + format.getClass().getName()
                      + " returned nothing from "
                      + method
                  : "was not read: "
                      + PluginGuard.reason(
                          "the pipeline format "
                              + format.getClass().getName()
                              + " ("
                              + method
                              + ")",
                          outcome,
                          List.of()),
              format.getClass().getName(),
              "report it to the plugin's authors, or remove the plugin");
    };
  }

  static void positive(Duration pluginTimeout) {
    Objects.requireNonNull(pluginTimeout, "pluginTimeout");
    if (pluginTimeout.isZero() || pluginTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "pluginTimeout must be positive (was " + pluginTimeout + "); give e.g. PT10S");
    }
  }

  static String read(Path file, String name) {
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
    return text;
  }

  private static PipelineFormat formatFor(String name) {
    return formatFor(name, GITHUB_ACTIONS);
  }

  private static PipelineFormat formatFor(String name, PipelineFormat github) {
    for (PipelineFormat format : List.of(CHENGISFILE, CHENGIS_YAML, github)) {
      if (format.accepts(name)) {
        return format;
      }
    }
    throw failure(name, "is not a known pipeline file", name, SUPPORTED);
  }

  /**
   * The pipeline file of a workspace directory, by precedence: {@code Chengisfile}, {@code
   * .chengis/workflow.yml|yaml}, {@code chengis.yml|yaml}, then the GitHub Actions workflow in
   * {@code .github/workflows/} when there is exactly one.
   *
   * @param directory the workspace
   * @return the file, or empty when the directory holds none of them
   * @throws PipelineDefinitionException when the only candidates are several GitHub workflows (the
   *     message lists them: name one)
   * @since 0.1.0
   */
  public static Optional<Path> find(Path directory) {
    Objects.requireNonNull(directory, "directory");
    for (String candidate : CANDIDATES) {
      Path file = directory.resolve(candidate);
      if (Files.isRegularFile(file)) {
        return Optional.of(file);
      }
    }
    List<Path> workflows = workflows(directory);
    if (workflows.size() > 1) {
      String where = directory.resolve(WORKFLOWS).toString().replace('\\', '/');
      throw failure(
          where,
          "holds several workflows and no Chengisfile, .chengis/workflow.yml or chengis.yml",
          workflows.stream().map(p -> p.getFileName().toString()).toList().toString(),
          "name the one to run, e.g. chengis run " + workflows.getFirst());
    }
    return workflows.stream().findFirst();
  }

  /**
   * Reads the pipeline of a workspace directory (see {@link #find}), or a pipeline file when given
   * one.
   *
   * @param path a pipeline file or a workspace directory
   * @return the pipeline and the file it came from
   * @throws PipelineDefinitionException when the directory holds no pipeline file, or the file has
   *     problems
   * @since 0.1.0
   */
  public static DetectedPipeline detect(Path path) {
    return PipelineReader.builtIn().detect(path);
  }

  /**
   * Reads the pipeline of a workspace directory, falling back to the host's default pipeline when
   * the directory holds no pipeline file.
   *
   * @param directory the workspace
   * @param hostDefault the pipeline to run when the workspace defines none
   * @return the pipeline and the file it came from (empty for the host's default)
   * @throws PipelineDefinitionException when the workspace's pipeline file has problems
   * @since 0.1.0
   */
  public static DetectedPipeline detect(Path directory, Pipeline hostDefault) {
    return PipelineReader.builtIn().detect(directory, hostDefault);
  }

  /** Whether a format is one of the built-in ones (their providers are discovered too). */
  static boolean builtIn(PipelineFormat format) {
    return format instanceof ChengisfileFormat
        || format instanceof ChengisYamlFormat
        || format instanceof GithubActionsFormat;
  }

  /**
   * The names {@link #find} tries, in order of precedence.
   *
   * @return the workspace-relative names
   * @since 0.1.0
   */
  public static List<String> candidates() {
    return Stream.concat(CANDIDATES.stream(), Stream.of(WORKFLOWS + "/*.yml|yaml")).toList();
  }

  private static List<Path> workflows(Path directory) {
    Path folder = directory.resolve(WORKFLOWS);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              file -> {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".yml") || name.endsWith(".yaml");
              })
          .sorted()
          .toList();
    } catch (IOException unreadable) {
      throw failure(
          folder.toString(),
          "cannot be listed",
          unreadable.getClass().getSimpleName() + ": " + unreadable.getMessage(),
          "check the directory's permissions");
    }
  }

  static PipelineDefinitionException failure(
      String file, String problem, String value, String fix) {
    return new PipelineDefinitionException(
        file,
        List.of(Problem.of(SourceLocation.of(file, 0, 0), "pipeline file", problem, value, fix)));
  }
}
