package io.chengis.cli.internal;

import io.chengis.api.ChengisException;
import io.chengis.api.OrgId;
import io.chengis.api.spi.AuditEntry;
import io.chengis.store.SqlStores;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine;

/** Runs a command on the CLI's database and turns user mistakes into messages and exit codes. */
final class Commands {
  private Commands() {}

  /** What a command does with the open stores. */
  @FunctionalInterface
  interface OnStores {
    int run(SqlStores stores, OrgId org) throws InterruptedException;
  }

  /** Appends an audit record by the command's user, without details. */
  static void audit(SqlStores stores, OrgId org, String action, String target) {
    stores.audit().append(new AuditEntry(org, Instant.now(), user(), action, target, Map.of()));
  }

  /** Who runs the command, for the audit log. */
  static String user() {
    String name = System.getProperty("user.name", "");
    return name.isBlank() ? "cli" : name;
  }

  static int run(CommandLine.Model.CommandSpec spec, DatabaseOptions database, OnStores command) {
    PrintWriter err = spec.commandLine().getErr();
    String name = "chengis " + spec.name();
    try {
      CliConfig config = database.config();
      try (SqlStores stores = Stores.open(database, config, err)) {
        return command.run(stores, database.org(config));
      }
    } catch (CliConfig.ConfigException
        | ChengisException
        | IllegalArgumentException
        | java.io.UncheckedIOException mistake) {
      err.println(name + ": " + mistake.getMessage());
      err.flush();
      return ExitCodes.DEFINITION_OR_USAGE;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return ExitCodes.INTERRUPTED;
    } finally {
      spec.commandLine().getOut().flush();
    }
  }
}
