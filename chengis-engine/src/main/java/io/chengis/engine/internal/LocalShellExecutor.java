package io.chengis.engine.internal;

import io.chengis.api.BuildId;
import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.StepAction;
import io.chengis.api.spi.LogSink;
import io.chengis.api.spi.StepContext;
import io.chengis.api.spi.StepExecutor;
import io.chengis.api.spi.StepExit;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;

/**
 * Runs {@link StepAction.Shell} steps as local processes ({@code sh -c} unless the step names
 * another shell; a simple command's program is started directly, see {@link DirectCommand}). On
 * cancellation the whole process tree gets SIGTERM, a grace period, then SIGKILL. Thread-safe and
 * stateless between steps.
 */
public final class LocalShellExecutor implements StepExecutor {
  private final String defaultShell;
  private final Duration killGrace;
  private final InstantSource clock;

  /** Steps of running builds whose process groups may still hold background processes. */
  private final Map<BuildId, BuildProcesses> started = new ConcurrentHashMap<>();

  /**
   * The processes of a build's steps, all started after {@code since} (boot ticks, or -1) and with
   * pids given out after the window opened. A queue, not a copy-on-write list: each step adds one,
   * and copying the list per step would cost a long build quadratic time.
   */
  private record BuildProcesses(long since, PidWindow pids, Queue<LocalProcess> processes) {}

  /**
   * Creates the executor.
   *
   * @param defaultShell the shell for steps that name none
   * @param killGrace the wait between SIGTERM and SIGKILL
   * @param clock stamps output lines
   */
  public LocalShellExecutor(String defaultShell, Duration killGrace, InstantSource clock) {
    this.defaultShell = defaultShell;
    this.killGrace = killGrace;
    this.clock = clock;
  }

  @Override
  public StepExit execute(StepContext context) throws InterruptedException {
    if (!(context.definition().action() instanceof StepAction.Shell shell)) {
      throw new IllegalArgumentException(
          "the local shell executor runs shell steps only (was "
              + context.definition().action().getClass().getSimpleName()
              + "); register an executor for this kind of step");
    }
    Path directory =
        context
            .definition()
            .workingDir()
            .map(context.workspace()::resolve)
            .orElse(context.workspace());
    // Before the build's first process starts: when the build ends, only processes started since
    // can be ones its steps left behind.
    BuildProcesses ofBuild =
        started.computeIfAbsent(
            context.buildId(),
            id ->
                new BuildProcesses(
                    LocalProcess.bootTicks(), PidWindow.open(), new ConcurrentLinkedQueue<>()));
    LocalProcess process;
    // The engine's own log sink lets this executor mask the raw stream once, with the build's
    // masker; any other sink gets unmasked lines and masks them itself.
    boolean engineLog = context.log() instanceof StepLog;
    SecretMasker masker = engineLog ? ((StepLog) context.log()).masker() : new SecretMasker();
    LocalProcess.OutputCapture capture =
        engineLog
            ? new ReadBatches((StepLog) context.log())
            : LocalProcess.OutputCapture.lines(new LineByLine(context.log()));
    try {
      process =
          LocalProcess.start(
              shell.shell().orElse(defaultShell),
              shell.command(),
              directory,
              context.env(),
              masker,
              clock,
              capture);
    } catch (IOException cannotStart) {
      context
          .log()
          .accept(
              new LogLine(
                  clock.instant(),
                  LogStream.STDERR,
                  "chengis: cannot start "
                      + shell.shell().orElse(defaultShell)
                      + ": "
                      + cannotStart.getMessage()));
      return StepExit.exited(127);
    }
    ofBuild.processes().add(process);
    CompletableFuture<Void> killed = new CompletableFuture<>();
    context
        .cancellation()
        .onCancel(
            () ->
                Thread.ofVirtual()
                    .name("chengis-kill-" + process.pid())
                    .start(
                        () -> {
                          try {
                            process.terminateTree(killGrace);
                            killed.complete(null);
                          } catch (InterruptedException | RuntimeException failed) {
                            killed.completeExceptionally(failed);
                          }
                        }));
    int exit = process.waitFor();
    if (context.cancellation().isCancelled()) {
      try {
        killed.get();
      } catch (ExecutionException killFailed) {
        // The process itself has exited; a failure to signal stragglers is not the step's result.
      }
      return StepExit.afterCancel();
    }
    return StepExit.exited(exit);
  }

  /** Stops the background processes the build's steps left running, like a CI runner's cleanup. */
  @Override
  public void buildEnded(BuildId build) throws InterruptedException {
    BuildProcesses processes = started.remove(build);
    if (processes == null || processes.processes().isEmpty()) {
      return;
    }
    List<LocalProcess> steps = List.copyOf(processes.processes());
    if (LocalProcess.anyAlive(steps, processes.since(), processes.pids())) {
      LocalProcess.terminate(steps, processes.since(), killGrace);
    }
  }

  /**
   * Hands the engine's log the masked output of each read at once (one lock per read), not cut into
   * lines: the log's writer thread cuts it. Each stream's reader thread fills only its own buffer.
   */
  private static final class ReadBatches implements LocalProcess.OutputCapture {
    private final StepLog log;

    /** Per stream (stdout, stderr): the masked output of the read being handed on. */
    private final CapturedOutput[] pending = {new CapturedOutput(), new CapturedOutput()};

    ReadBatches(StepLog log) {
      this.log = log;
    }

    @Override
    public void output(boolean stderr, Instant at, byte[] bytes, int from, int length) {
      pending[stderr ? 1 : 0].append(
          stderr ? LogStream.STDERR : LogStream.STDOUT, at, bytes, from, length);
    }

    @Override
    public void endOfRead(boolean stderr) {
      int index = stderr ? 1 : 0;
      pending[index] = log.acceptCaptured(pending[index]);
    }
  }

  /** Hands another log sink each line as it comes; that sink masks the lines itself. */
  private record LineByLine(LogSink log) implements LocalProcess.OutputSink {
    @Override
    public void line(boolean stderr, Instant at, String text) {
      log.accept(new LogLine(at, stderr ? LogStream.STDERR : LogStream.STDOUT, text));
    }
  }
}
