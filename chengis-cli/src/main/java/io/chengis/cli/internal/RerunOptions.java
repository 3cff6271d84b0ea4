package io.chengis.cli.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options {@code retry} and {@code resume} share with {@code run}, passed on to it: where the
 * build is stored, where its workspaces are, and how it is shown.
 */
final class RerunOptions {
  @Option(names = "--db", paramLabel = "URL|FILE", description = "the database (as for run)")
  @Nullable String database;

  @Option(names = "--org", paramLabel = "ORG", description = "the organization (as for run)")
  @Nullable String organization;

  @Option(
      names = "--workspace",
      paramLabel = "DIR",
      description = "where workspaces are made (as for the run that started the build)")
  @Nullable String workspace;

  @Option(
      names = {"-v", "--verbose"},
      description = "show the steps' output")
  boolean verbose;

  @Option(names = "--json", description = "print every build event as one JSON object per line")
  boolean json;

  /** Adds the options given to the arguments of {@code run}. */
  void addTo(List<String> args) {
    RunCommand.option(args, "--db", database);
    RunCommand.option(args, "--org", organization);
    RunCommand.option(args, "--workspace", workspace);
    if (verbose) {
      args.add("--verbose");
    }
    if (json) {
      args.add("--json");
    }
  }
}
