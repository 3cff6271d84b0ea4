package io.chengis.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chengis resume BUILD}: runs a build whose process stopped (one waiting for approval, or
 * one requeued by its pipeline's crash policy) to its end in this process, with the definition its
 * job last ran with: same build, the finished stages kept.
 */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = {
      "Resumes a build whose process stopped (waiting for approval, or requeued after a crash)",
      "and shows it like run; its finished stages are kept."
    })
public final class ResumeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

  @Parameters(index = "0", paramLabel = "BUILD", description = "a build id or JOB#NUMBER")
  String build = "";

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

  /** Used by picocli. */
  public ResumeCommand() {}

  @Override
  public Integer call() {
    List<String> args = new ArrayList<>(List.of("--resume", build));
    RunCommand.option(args, "--db", database);
    RunCommand.option(args, "--org", organization);
    RunCommand.option(args, "--workspace", workspace);
    if (verbose) {
      args.add("--verbose");
    }
    if (json) {
      args.add("--json");
    }
    return RunCommand.runWith(spec, args);
  }
}
