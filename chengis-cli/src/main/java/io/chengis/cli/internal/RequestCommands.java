package io.chengis.cli.internal;

import io.chengis.api.BuildState;
import io.chengis.api.OrgId;
import io.chengis.api.spi.AuditEntry;
import io.chengis.api.spi.BuildRecord;
import io.chengis.store.BuildCommand;
import io.chengis.store.SqlStores;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chengis cancel|approve|reject}: requests to a build that another {@code chengis run}
 * process is running. The request goes into the database, the running process applies it within a
 * second, and the command waits for that (or says it did not happen).
 */
final class RequestCommands {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private RequestCommands() {}

  static int send(
      CommandLine.Model.CommandSpec spec,
      DatabaseOptions database,
      String reference,
      BuildCommand.Kind kind,
      String stage,
      String comment) {
    return Commands.run(
        spec,
        database,
        (stores, org) -> {
          BuildRecord build =
              BuildRefs.find(
                  spec.commandLine(), stores.builds(), org, reference, stores.description());
          String name = build.jobId() + " #" + build.number();
          if (build.state() == BuildState.FINISHED) {
            throw new IllegalArgumentException(
                "build "
                    + name
                    + " has finished (was "
                    + build.result().map(r -> r.conclusion().name()).orElse("FINISHED")
                    + "); only a running or waiting build takes "
                    + kind.name().toLowerCase(java.util.Locale.ROOT));
          }
          if (!stores.isRunning(org, build.buildId())) {
            throw new IllegalArgumentException(
                "no process is running build "
                    + name
                    + " (was "
                    + build.state()
                    + " without a live lease); its process stopped — the next chengis command"
                    + " concludes it");
          }
          BuildCommand sent =
              stores
                  .commands()
                  .send(
                      new BuildCommand(
                          0,
                          org,
                          build.buildId(),
                          kind,
                          stage,
                          Commands.user(),
                          comment,
                          Instant.now()));
          audit(stores, org, kind, name, stage);
          long deadline = System.nanoTime() + WAIT.toNanos();
          while (!stores.commands().isHandled(sent)) {
            if (System.nanoTime() > deadline) {
              spec.commandLine()
                  .getOut()
                  .println(
                      kind.name().toLowerCase(java.util.Locale.ROOT)
                          + " of "
                          + name
                          + " is queued; the process running it has not applied it yet");
              return ExitCodes.SUCCESS;
            }
            LockSupport.parkNanos(RemoteRequests.POLL.toNanos() / 2);
          }
          spec.commandLine()
              .getOut()
              .println(
                  kind.name().toLowerCase(java.util.Locale.ROOT)
                      + (stage.isEmpty() ? "" : " of stage \"" + stage + "\"")
                      + " applied to "
                      + name);
          return ExitCodes.SUCCESS;
        });
  }

  private static void audit(
      SqlStores stores, OrgId org, BuildCommand.Kind kind, String build, String stage) {
    stores
        .audit()
        .append(
            new AuditEntry(
                org,
                Instant.now(),
                Commands.user(),
                "build." + kind.name().toLowerCase(java.util.Locale.ROOT),
                build,
                stage.isEmpty() ? Map.of() : Map.of("stage", stage)));
  }

  /** {@code chengis cancel BUILD}. */
  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancels a build that another chengis process runs.")
  public static final class Cancel implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

    @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

    @Parameters(index = "0", paramLabel = "BUILD", description = "a build id or JOB#NUMBER")
    String build = "";

    @Option(names = "--reason", defaultValue = "cancelled from the command line")
    String reason = "cancelled from the command line";

    /** Used by picocli. */
    public Cancel() {}

    @Override
    public Integer call() {
      return send(spec, database, build, BuildCommand.Kind.CANCEL, "", reason);
    }
  }

  /** A decision on a stage that waits for approval: the build, the stage and a comment. */
  abstract static class StageDecision implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

    @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

    @Parameters(index = "0", paramLabel = "BUILD", description = "a build id or JOB#NUMBER")
    String build = "";

    @Parameters(index = "1", paramLabel = "STAGE", description = "the waiting stage")
    String stage = "";

    @Option(names = "--comment", defaultValue = "")
    String comment = "";

    StageDecision() {}

    /** Approve or reject. */
    abstract BuildCommand.Kind kind();

    @Override
    public Integer call() {
      return send(spec, database, build, kind(), stage, comment);
    }
  }

  /** {@code chengis approve BUILD STAGE}. */
  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approves a stage that waits for approval.")
  public static final class Approve extends StageDecision {
    /** Used by picocli. */
    public Approve() {}

    @Override
    BuildCommand.Kind kind() {
      return BuildCommand.Kind.APPROVE;
    }
  }

  /** {@code chengis reject BUILD STAGE}. */
  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description = "Rejects a stage that waits for approval.")
  public static final class Reject extends StageDecision {
    /** Used by picocli. */
    public Reject() {}

    @Override
    BuildCommand.Kind kind() {
      return BuildCommand.Kind.REJECT;
    }
  }
}
