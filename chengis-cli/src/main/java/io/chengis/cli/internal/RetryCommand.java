package io.chengis.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chengis retry BUILD [--from-failed]}: a new build of the same job, linked to the old one
 * (attempt number, root build), with the definition the job last ran with; {@code --from-failed}
 * keeps the results of the stages before the first failed one.
 */
@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    description = {
      "Retries a stored build as a new build linked to it, and shows it like run.",
      "--from-failed keeps the stages that passed before the first failure."
    })
public final class RetryCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

  @Parameters(index = "0", paramLabel = "BUILD", description = "a build id or JOB#NUMBER")
  String build = "";

  @Option(names = "--from-failed", description = "resume from the first failed stage")
  boolean fromFailed;

  @Mixin RerunOptions options = new RerunOptions();

  /** Used by picocli. */
  public RetryCommand() {}

  @Override
  public Integer call() {
    List<String> args = new ArrayList<>(List.of("--retry-of", build));
    if (fromFailed) {
      args.add("--from-failed");
    }
    options.addTo(args);
    return RunCommand.runWith(spec, args);
  }
}
