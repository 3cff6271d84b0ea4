package io.chengis.cli.internal;

import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Secret;
import io.chengis.api.spi.SecretScope;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chengis secrets set|list|delete}: local encrypted secrets. Values are read from standard
 * input or a prompt that does not echo — never from the command line, where {@code ps} and shell
 * history would keep them.
 */
@Command(
    name = "secrets",
    mixinStandardHelpOptions = true,
    description = "Manages local encrypted secrets (values from stdin or a prompt, never argv).",
    subcommands = {
      SecretsCommand.Set.class,
      SecretsCommand.ListNames.class,
      SecretsCommand.Delete.class
    })
public final class SecretsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

  /** Used by picocli. */
  public SecretsCommand() {}

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Which scope a command works in: the organization, one job, or global. */
  static final class ScopeOptions {
    @Option(names = "--job", paramLabel = "JOB", description = "a secret of this job only")
    @Nullable String job;

    @Option(names = "--global", description = "a secret of every organization")
    boolean global;

    ScopeOptions() {}

    SecretScope scope(OrgId org) {
      if (global && job != null) {
        throw new IllegalArgumentException(
            "secrets: --global and --job exclude each other (was both); pick one scope");
      }
      if (global) {
        return new SecretScope.Global();
      }
      return job == null ? new SecretScope.Org(org) : new SecretScope.Job(org, JobId.of(job));
    }

    String describe(OrgId org) {
      return global ? "global" : job == null ? "organization " + org : "job " + job;
    }
  }

  /** {@code chengis secrets set NAME}. */
  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Stores a secret; the value is read from standard input or a hidden prompt.")
  public static final class Set implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

    @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

    @CommandLine.ArgGroup(exclusive = false)
    @Nullable ScopeOptions scopeOptions;

    @Parameters(index = "0", paramLabel = "NAME", description = "the secret's name")
    String name = "";

    /** Used by picocli. */
    public Set() {}

    @Override
    public Integer call() {
      return Commands.run(
          spec,
          database,
          (stores, org) -> {
            ScopeOptions scope = scopeOptions == null ? new ScopeOptions() : scopeOptions;
            Secret value = readValue();
            if (value.reveal().isEmpty()) {
              throw new IllegalArgumentException(
                  "secrets set: the value of "
                      + name
                      + " is empty (was no input); pipe it in, e.g. printf %s \"$TOKEN\" |"
                      + " chengis secrets set "
                      + name);
            }
            LocalSecrets.backend(stores, database.config(), System.getenv())
                .put(scope.scope(org), name, value);
            Commands.audit(stores, org, "secret.set", name);
            spec.commandLine()
                .getOut()
                .println("stored secret " + name + " (" + scope.describe(org) + ")");
            return ExitCodes.SUCCESS;
          });
    }

    private Secret readValue() {
      Console console = System.console();
      if (console != null && Style.isTerminal(System.getenv())) {
        char[] typed = console.readPassword("value of %s: ", name);
        return Secret.of(typed == null ? "" : new String(typed));
      }
      try {
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[4096];
        for (int read; (read = in.read(buffer)) >= 0; ) {
          text.append(buffer, 0, read);
        }
        // One trailing newline is how echo ends its output, not part of the secret.
        int end = text.length();
        if (end > 0 && text.charAt(end - 1) == '\n') {
          end--;
          if (end > 0 && text.charAt(end - 1) == '\r') {
            end--;
          }
        }
        return Secret.of(text.substring(0, end));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code chengis secrets list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the names of the secrets of a scope (never their values).")
  public static final class ListNames implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

    @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

    @CommandLine.ArgGroup(exclusive = false)
    @Nullable ScopeOptions scopeOptions;

    /** Used by picocli. */
    public ListNames() {}

    @Override
    public Integer call() {
      return Commands.run(
          spec,
          database,
          (stores, org) -> {
            ScopeOptions scope = scopeOptions == null ? new ScopeOptions() : scopeOptions;
            new SqlSecretVault(stores.secrets())
                .names(scope.scope(org))
                .forEach(spec.commandLine().getOut()::println);
            return ExitCodes.SUCCESS;
          });
    }
  }

  /** {@code chengis secrets delete NAME}. */
  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a secret.")
  public static final class Delete implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

    @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

    @CommandLine.ArgGroup(exclusive = false)
    @Nullable ScopeOptions scopeOptions;

    @Parameters(index = "0", paramLabel = "NAME", description = "the secret's name")
    String name = "";

    /** Used by picocli. */
    public Delete() {}

    @Override
    public Integer call() {
      return Commands.run(
          spec,
          database,
          (stores, org) -> {
            ScopeOptions scope = scopeOptions == null ? new ScopeOptions() : scopeOptions;
            if (!new SqlSecretVault(stores.secrets()).delete(scope.scope(org), name)) {
              throw new IllegalArgumentException(
                  "secrets delete: no secret "
                      + name
                      + " in "
                      + scope.describe(org)
                      + " (was \""
                      + name
                      + "\"); list them with chengis secrets list");
            }
            Commands.audit(stores, org, "secret.delete", name);
            spec.commandLine().getOut().println("deleted secret " + name);
            return ExitCodes.SUCCESS;
          });
    }
  }
}
