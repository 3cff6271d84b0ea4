package io.chengis.cli.internal;

import io.chengis.api.spi.TrustedPlugin;
import io.chengis.engine.plugins.PluginRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code chengis plugins trust|list|revoke}: the allowlist of plugin jars in the database; a jar of
 * {@code --plugins DIR} loads only when its SHA-256 is on it.
 */
@Command(
    name = "plugins",
    mixinStandardHelpOptions = true,
    description = "Manages the allowlist of plugin jars (by SHA-256) that --plugins DIR may load.",
    subcommands = {
      PluginsCommand.Trust.class,
      PluginsCommand.ListTrusted.class,
      PluginsCommand.Revoke.class
    })
public final class PluginsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

  /** Used by picocli. */
  public PluginsCommand() {}

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code chengis plugins trust JAR...}. */
  @Command(
      name = "trust",
      mixinStandardHelpOptions = true,
      description =
          "Adds the SHA-256 of each jar to the allowlist (a changed jar must be trusted again).")
  public static final class Trust implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

    @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

    @Parameters(arity = "1..*", paramLabel = "JAR", description = "plugin jars")
    List<Path> jars = List.of();

    /** Used by picocli. */
    public Trust() {}

    @Override
    public Integer call() {
      return Commands.run(
          spec,
          database,
          (stores, org) -> {
            PrintWriter out = spec.commandLine().getOut();
            for (Path jar : jars) {
              if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException(
                    "plugins trust: "
                        + jar
                        + " is not a file (was missing or a directory); name a plugin jar");
              }
              String hash = PluginRegistry.sha256(jar);
              String name = jar.getFileName().toString();
              stores
                  .pluginTrust()
                  .allow(new TrustedPlugin(hash, name, Commands.user(), Instant.now()));
              Commands.audit(stores, org, "plugin.trust", name + " " + hash);
              out.println("trusted " + name + " (sha256 " + hash + ")");
            }
            out.flush();
            return ExitCodes.SUCCESS;
          });
    }
  }

  /** {@code chengis plugins list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the allowlist: hash, jar name, who allowed it and when.")
  public static final class ListTrusted implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

    @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

    /** Used by picocli. */
    public ListTrusted() {}

    @Override
    public Integer call() {
      return Commands.run(
          spec,
          database,
          (stores, org) -> {
            PrintWriter out = spec.commandLine().getOut();
            for (TrustedPlugin plugin : stores.pluginTrust().list()) {
              out.println(
                  plugin.sha256()
                      + "  "
                      + plugin.name()
                      + "  "
                      + plugin.allowedBy()
                      + "  "
                      + plugin.allowedAt());
            }
            out.flush();
            return ExitCodes.SUCCESS;
          });
    }
  }

  /** {@code chengis plugins revoke SHA256}. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Removes a hash from the allowlist.")
  public static final class Revoke implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

    @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

    @Parameters(index = "0", paramLabel = "SHA256", description = "the jar's hash, as listed")
    String sha256 = "";

    /** Used by picocli. */
    public Revoke() {}

    @Override
    public Integer call() {
      return Commands.run(
          spec,
          database,
          (stores, org) -> {
            boolean removed = stores.pluginTrust().revoke(sha256);
            if (!removed) {
              throw new IllegalArgumentException(
                  "plugins revoke: no allowed jar has the hash "
                      + sha256
                      + "; chengis plugins list shows the allowed ones");
            }
            Commands.audit(stores, org, "plugin.revoke", sha256);
            spec.commandLine().getOut().println("revoked " + sha256);
            spec.commandLine().getOut().flush();
            return ExitCodes.SUCCESS;
          });
    }
  }
}
