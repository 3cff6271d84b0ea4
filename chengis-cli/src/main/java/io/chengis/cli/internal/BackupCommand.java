package io.chengis.cli.internal;

import io.chengis.api.spi.AuditEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code chengis backup FILE}: a consistent copy of the database, while it is in use. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a backup of the database to FILE (SQLite: VACUUM INTO; PostgreSQL: pg_dump -Fc).",
      "Never overwrites a file."
    })
public final class BackupCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

  @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

  @Parameters(index = "0", paramLabel = "FILE", description = "the backup file to create")
  Path file = Path.of("chengis-backup.db");

  /** Used by picocli. */
  public BackupCommand() {}

  @Override
  public Integer call() {
    return Commands.run(
        spec,
        database,
        (stores, org) -> {
          stores.backup(file);
          stores
              .audit()
              .append(
                  new AuditEntry(
                      org,
                      Instant.now(),
                      Commands.user(),
                      "database.backup",
                      stores.description(),
                      Map.of("file", file.toAbsolutePath().toString())));
          spec.commandLine().getOut().println("backed up " + stores.description() + " to " + file);
          return ExitCodes.SUCCESS;
        });
  }
}
