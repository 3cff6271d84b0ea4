package io.chengis.cli.internal;

import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.PluginException;
import io.chengis.api.Problem;
import io.chengis.api.SourceLocation;
import io.chengis.dsl.format.PipelineReader;
import io.chengis.engine.plugins.PluginRegistry;
import io.chengis.store.SqlStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The plugins pipeline files are read with: {@code --plugins DIR} (default {@code
 * CHENGIS_PLUGINS_DIR}) and {@code --plugin-timeout} (default {@code CHENGIS_PLUGIN_TIMEOUT}, else
 * 10 s). One {@link PluginRegistry} per command: the class path's providers (service loader), plus
 * every jar of the plugins directory whose SHA-256 is on the trust allowlist in the database.
 */
final class PluginOptions {
  @Option(
      names = "--plugins",
      paramLabel = "DIR",
      defaultValue = "${env:CHENGIS_PLUGINS_DIR}",
      description =
          "a directory of plugin jars (pipeline formats, action providers); each jar's SHA-256"
              + " must be on the trust allowlist in the database (default: CHENGIS_PLUGINS_DIR)")
  @Nullable Path directory;

  @Option(
      names = "--plugin-timeout",
      paramLabel = "DURATION",
      defaultValue = "${env:CHENGIS_PLUGIN_TIMEOUT:-PT10S}",
      description =
          "how long one call into a pipeline format or action plugin may take, ISO-8601"
              + " (default: CHENGIS_PLUGIN_TIMEOUT or ${DEFAULT-VALUE})")
  Duration timeout = Duration.ofSeconds(10);

  private @Nullable PipelineReader reader;

  /** Used by picocli. */
  PluginOptions() {}

  /**
   * The reader of this command, built on first use.
   *
   * @param database where the trust allowlist is, when a plugins directory is given
   * @param where the path being read, where a plugin that cannot be loaded is reported
   * @throws PipelineDefinitionException when a plugin cannot be loaded or created, or the timeout
   *     is not positive
   */
  synchronized PipelineReader reader(DatabaseOptions database, Path where) {
    if (reader == null) {
      String file = where.toString().replace('\\', '/');
      if (timeout.isZero() || timeout.isNegative()) {
        throw problem(
            file, "--plugin-timeout must be positive", timeout.toString(), "give e.g. PT10S");
      }
      try {
        PluginRegistry.Builder plugins =
            PluginRegistry.builder()
                .discover(Thread.currentThread().getContextClassLoader())
                .createTimeout(timeout);
        if (directory != null) {
          try (SqlStores stores = database.open(database.config())) {
            plugins.pluginDirectory(directory, stores.pluginTrust());
          }
        }
        PluginRegistry registry = plugins.build();
        reader = PipelineReader.of(registry.pipelineFormats(), registry.actionMappers(), timeout);
      } catch (PluginException broken) {
        throw problem(
            file,
            "cannot be read: a plugin could not be loaded",
            broken.getMessage(),
            "fix or remove the plugin"
                + (directory != null && broken.getMessage().contains("untrusted")
                    ? "; to trust a jar from the command line: chengis plugins trust "
                        + directory.resolve("<jar>")
                    : ""));
      }
    }
    return reader;
  }

  private static PipelineDefinitionException problem(
      String file, String problem, String value, String fix) {
    return new PipelineDefinitionException(
        file, List.of(Problem.of(SourceLocation.of(file, 0, 0), "plugins", problem, value, fix)));
  }
}
