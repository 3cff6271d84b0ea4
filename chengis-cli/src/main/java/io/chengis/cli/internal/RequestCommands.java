package io.chengis.cli.internal;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildState;
import io.chengis.api.EventId;
import io.chengis.api.OrgId;
import io.chengis.api.spi.Approval;
import io.chengis.api.spi.ApprovalVote;
import io.chengis.api.spi.AuditEntry;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.EventBatch;
import io.chengis.store.BuildCommand;
import io.chengis.store.SqlStores;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
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
    return send(spec, database, reference, kind, stage, comment, Optional.empty());
  }

  /**
   * Sends a request to the process running the build; or, for a decision on a build waiting for
   * approval whose process stopped, records the vote and, once the votes decide the gate, resumes
   * the build in this process.
   */
  static int send(
      CommandLine.Model.CommandSpec spec,
      DatabaseOptions database,
      String reference,
      BuildCommand.Kind kind,
      String stage,
      String comment,
      Optional<String> workspace) {
    AtomicReference<String> resume = new AtomicReference<>();
    int code =
        Commands.run(
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
              if (!stores.isRunning(org, build.buildId())
                  && build.state() == BuildState.WAITING
                  && kind != BuildCommand.Kind.CANCEL) {
                boolean decided = vote(spec, stores, org, build, kind, stage, comment);
                if (decided) {
                  resume.set(build.buildId().value());
                }
                return ExitCodes.SUCCESS;
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
    if (code != ExitCodes.SUCCESS || resume.get() == null) {
      return code;
    }
    List<String> args = new ArrayList<>(List.of("--resume", resume.get()));
    RunCommand.option(args, "--db", database.database);
    RunCommand.option(args, "--org", database.organization);
    RunCommand.option(args, "--workspace", workspace.orElse(null));
    return RunCommand.runWith(spec, args);
  }

  /**
   * Records a decision on the gate of a waiting build whose process stopped: the vote, its event
   * and an audit entry.
   *
   * @return whether the votes now decide the gate (so the build can resume)
   */
  private static boolean vote(
      CommandLine.Model.CommandSpec spec,
      SqlStores stores,
      OrgId org,
      BuildRecord build,
      BuildCommand.Kind kind,
      String stage,
      String comment) {
    String name = build.jobId() + " #" + build.number();
    BuildRef ref = new BuildRef(org, build.buildId());
    Approval gate =
        stores
            .approvals()
            .find(ref, stage)
            .filter(found -> found.state() == Approval.State.PENDING)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "build "
                            + name
                            + ": no approval is pending for stage \""
                            + stage
                            + "\"; decide on the stage that waits (see chengis show "
                            + build.jobId()
                            + "#"
                            + build.number()
                            + ")"));
    String user = Commands.user();
    if (!gate.request().mayDecide(user, List.of())) {
      throw new IllegalArgumentException(
          "build "
              + name
              + ": "
              + user
              + " may not decide on stage \""
              + stage
              + "\"; ask one of "
              + gate.request().approvers()
              + (gate.request().roles().isEmpty()
                  ? ""
                  : " or someone with a role in " + gate.request().roles()));
    }
    boolean approve = kind == BuildCommand.Kind.APPROVE;
    Instant now = Instant.now();
    stores.approvals().vote(new ApprovalVote(ref, stage, user, approve, comment, now));
    stores
        .events()
        .append(
            new EventBatch(
                org,
                List.of(
                    new BuildEvent.ApprovalDecided(
                        EventId.generator(InstantSource.system()).next(),
                        build.buildId(),
                        now,
                        stage,
                        user,
                        approve,
                        Optional.of(comment).filter(c -> !c.isBlank())))));
    audit(stores, org, kind, name, stage);
    Approval counted = stores.approvals().find(ref, stage).orElseThrow();
    PrintWriter out = spec.commandLine().getOut();
    if (counted.tally().isEmpty()) {
      long approvals = counted.votes().stream().filter(ApprovalVote::approve).count();
      out.println(
          kind.name().toLowerCase(java.util.Locale.ROOT)
              + " of stage \""
              + stage
              + "\" recorded for "
              + name
              + " ("
              + approvals
              + " of "
              + counted.request().required()
              + " approvals); no process runs the build, so it resumes once the gate is decided");
      out.flush();
      return false;
    }
    out.println(
        kind.name().toLowerCase(java.util.Locale.ROOT)
            + " of stage \""
            + stage
            + "\" recorded for "
            + name
            + "; its process stopped, so it resumes here");
    out.flush();
    return true;
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

    @Option(
        names = "--workspace",
        paramLabel = "DIR",
        description =
            "where workspaces are made, when the build's process stopped and this decision resumes"
                + " it here (as for the run that started it)")
    @Nullable String workspace;

    StageDecision() {}

    /** Approve or reject. */
    abstract BuildCommand.Kind kind();

    @Override
    public Integer call() {
      return send(spec, database, build, kind(), stage, comment, Optional.ofNullable(workspace));
    }
  }

  /** {@code chengis approve BUILD STAGE}. */
  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = {
        "Approves a stage that waits for approval.",
        "When the build's process stopped, records the vote and, once the gate is decided,",
        "resumes the build here."
      })
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
      description = {
        "Rejects a stage that waits for approval.",
        "When the build's process stopped, records the vote and concludes the build here."
      })
  public static final class Reject extends StageDecision {
    /** Used by picocli. */
    public Reject() {}

    @Override
    BuildCommand.Kind kind() {
      return BuildCommand.Kind.REJECT;
    }
  }
}
