package io.chengis.cli.internal;

import io.chengis.api.ChengisException;
import io.chengis.api.Secret;
import io.chengis.store.SqlStores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code chengis restore FILE}: replaces the database by a backup. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Replaces the database by a backup that chengis backup wrote, after checking it.",
      "Stop every chengis process that uses the database first."
    })
public final class RestoreCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

  @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

  @Parameters(index = "0", paramLabel = "FILE", description = "the backup to restore")
  Path file = Path.of("chengis-backup.db");

  /** Used by picocli. */
  public RestoreCommand() {}

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      CliConfig config = database.config();
      String location = database.location(config);
      if (location.startsWith("jdbc:postgresql:")) {
        SqlStores.restorePostgresql(
            file,
            location,
            config.databaseUser().orElse(System.getProperty("user.name", "postgres")),
            config.databasePassword().orElse(Secret.of("")));
      } else {
        SqlStores.restoreSqlite(file, DatabaseOptions.sqliteFile(location));
      }
      spec.commandLine().getOut().println("restored " + location + " from " + file);
      spec.commandLine().getOut().flush();
      return ExitCodes.SUCCESS;
    } catch (CliConfig.ConfigException | ChengisException mistake) {
      err.println("chengis restore: " + mistake.getMessage());
      err.flush();
      return ExitCodes.DEFINITION_OR_USAGE;
    }
  }
}
