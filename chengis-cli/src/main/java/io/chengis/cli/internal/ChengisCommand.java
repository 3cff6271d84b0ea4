package io.chengis.cli.internal;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code chengis} command; it only groups the subcommands. */
@Command(
    name = "chengis",
    mixinStandardHelpOptions = true,
    versionProvider = ChengisCommand.Version.class,
    description = "Runs Chengis pipelines.",
    subcommands = {
      RunCommand.class,
      LintCommand.class,
      EvalCommand.class,
      GraphCommand.class,
      BuildsCommand.class,
      ShowCommand.class,
      LogsCommand.class,
      AuditCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      SecretsCommand.class,
      PluginsCommand.class,
      RetryCommand.class,
      ServeCommand.class,
      ResumeCommand.class,
      RequestCommands.Cancel.class,
      RequestCommands.Approve.class,
      RequestCommands.Reject.class,
      CommandLine.HelpCommand.class
    })
public final class ChengisCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

  /** Used by picocli. */
  public ChengisCommand() {}

  /**
   * The command line with its streams and exit codes set up.
   *
   * @param out standard output
   * @param err standard error
   * @return a new command line
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new ChengisCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  @Override
  public void run() {
    // "chengis" alone: say what it can do instead of doing nothing.
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints the version of the CLI's jar, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ChengisCommand.class.getPackage().getImplementationVersion();
      return new String[] {"chengis " + (version == null ? "(development build)" : version)};
    }
  }
}
