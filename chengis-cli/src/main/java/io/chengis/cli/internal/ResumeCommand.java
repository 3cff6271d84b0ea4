package io.chengis.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin RerunOptions options = new RerunOptions();

  /** Used by picocli. */
  public ResumeCommand() {}

  @Override
  public Integer call() {
    List<String> args = new ArrayList<>(List.of("--resume", build));
    options.addTo(args);
    return RunCommand.runWith(spec, args);
  }
}
