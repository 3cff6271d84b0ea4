package io.chengis.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildId;
import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import io.chengis.api.spi.Cancellation;
import io.chengis.api.spi.StepContext;
import io.chengis.api.spi.StepExecutor;
import io.chengis.api.spi.StepExit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol of {@link StepExecutor}, for every implementation: exit codes are values, output
 * reaches the log in order per stream, the step sees its environment, cancellation stops a running
 * step within a second and returns {@link StepExit#afterCancel()}, concurrent steps do not mix, and
 * {@link StepExecutor#buildEnded} is safe for any build.
 *
 * <p>Subclasses say how to express each behaviour as a step action of their kind: a shell command,
 * a container command, a stub.
 *
 * @since 0.1.0
 */
public abstract class StepExecutorContract {
  private StepExecutor executor;

  /** The workspace of the steps. */
  @TempDir protected Path workspace;

  /** For subclasses, which supply the implementation under test. */
  protected StepExecutorContract() {}

  /**
   * A new executor.
   *
   * @return the executor
   */
  protected abstract StepExecutor newExecutor();

  /**
   * An action that exits with a code.
   *
   * @param code 0 to 255
   * @return the action
   */
  protected abstract StepAction exiting(int code);

  /**
   * An action that prints lines to standard output and standard error, then exits 0.
   *
   * @param stdout the standard output lines
   * @param stderr the standard error lines
   * @return the action
   */
  protected abstract StepAction printing(List<String> stdout, List<String> stderr);

  /**
   * An action that prints the value of an environment variable on standard output.
   *
   * @param name the variable
   * @return the action
   */
  protected abstract StepAction printingVariable(String name);

  /**
   * An action that runs until it is cancelled (a long sleep).
   *
   * @return the action
   */
  protected abstract StepAction runningUntilCancelled();

  @BeforeEach
  void createExecutor() {
    executor = newExecutor();
  }

  /** A cancellation the test fires. */
  private static final class Signal implements Cancellation {
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Runnable> actions = new ArrayList<>();
    private boolean cancelled;

    void fire() {
      List<Runnable> toRun;
      lock.lock();
      try {
        if (cancelled) {
          return;
        }
        cancelled = true;
        toRun = List.copyOf(actions);
      } finally {
        lock.unlock();
      }
      toRun.forEach(Runnable::run);
    }

    @Override
    public boolean isCancelled() {
      lock.lock();
      try {
        return cancelled;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void onCancel(Runnable action) {
      lock.lock();
      try {
        if (!cancelled) {
          actions.add(action);
          return;
        }
      } finally {
        lock.unlock();
      }
      action.run();
    }
  }

  private record Run(StepContext context, List<LogLine> lines, Signal signal) {}

  private Run context(String name, StepAction action, Map<String, String> env) {
    List<LogLine> lines = new CopyOnWriteArrayList<>();
    Signal signal = new Signal();
    Map<String, String> all = new LinkedHashMap<>();
    all.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    all.putAll(env);
    StepContext context =
        new StepContext(
            BuildId.generator(java.time.InstantSource.system()).next(),
            "contract",
            name,
            Step.of(name, action),
            all,
            workspace,
            lines::add,
            signal);
    return new Run(context, lines, signal);
  }

  private static List<String> texts(List<LogLine> lines, LogStream stream) {
    return lines.stream().filter(l -> l.stream() == stream).map(LogLine::text).toList();
  }

  @Test
  void execute_exitCodes_areReportedAsValues() throws InterruptedException {
    for (int code : List.of(0, 1, 3, 42)) {
      StepExit exit = executor.execute(context("exit-" + code, exiting(code), Map.of()).context());

      assertThat(exit.exitCode()).contains(code);
      assertThat(exit.cancelled()).isFalse();
      assertThat(exit.timedOut()).isFalse();
      assertThat(exit.succeeded()).isEqualTo(code == 0);
    }
  }

  @Test
  void execute_output_reachesTheLogInOrderPerStream() throws InterruptedException {
    List<String> out = List.of("first", "second line", "third ✓");
    List<String> err = List.of("warning: one", "warning: two");
    Run run = context("print", printing(out, err), Map.of());

    StepExit exit = executor.execute(run.context());

    assertThat(exit.succeeded()).isTrue();
    assertThat(texts(run.lines(), LogStream.STDOUT)).containsExactlyElementsOf(out);
    assertThat(texts(run.lines(), LogStream.STDERR)).containsExactlyElementsOf(err);
  }

  @Test
  void execute_environment_isVisibleToTheStep() throws InterruptedException {
    Run run =
        context(
            "env",
            printingVariable("CONTRACT_GREETING"),
            Map.of("CONTRACT_GREETING", "hello there"));

    executor.execute(run.context());

    assertThat(texts(run.lines(), LogStream.STDOUT)).containsExactly("hello there");
  }

  @Test
  void execute_cancelledWhileRunning_returnsAfterCancelWithinASecond() throws Exception {
    Run run = context("long", runningUntilCancelled(), Map.of());
    CompletableFuture<StepExit> exit = new CompletableFuture<>();
    CompletableFuture<Void> started = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              started.complete(null);
              try {
                exit.complete(executor.execute(run.context()));
              } catch (InterruptedException | RuntimeException failed) {
                exit.completeExceptionally(failed);
              }
            });
    started.get(10, TimeUnit.SECONDS);
    long before = System.nanoTime();

    run.signal().fire();
    StepExit result = exit.get(10, TimeUnit.SECONDS);

    assertThat(result).isEqualTo(StepExit.afterCancel());
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void execute_alreadyCancelled_returnsAfterCancel() throws Exception {
    Run run = context("pre-cancelled", runningUntilCancelled(), Map.of());
    run.signal().fire();

    CompletableFuture<StepExit> exit =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return executor.execute(run.context());
              } catch (InterruptedException interrupted) {
                throw new IllegalStateException(interrupted);
              }
            });

    assertThat(exit.get(10, TimeUnit.SECONDS).cancelled()).isTrue();
  }

  @Test
  void execute_concurrentSteps_keepTheirOutputApart() throws Exception {
    List<Run> runs = new ArrayList<>();
    List<Callable<StepExit>> tasks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Run run =
          context("step-" + i, printing(List.of("from " + i, "again " + i), List.of()), Map.of());
      runs.add(run);
      tasks.add(() -> executor.execute(run.context()));
    }

    List<StepExit> exits = StoreFixtures.concurrently(tasks);

    assertThat(exits).allMatch(StepExit::succeeded);
    for (int i = 0; i < runs.size(); i++) {
      assertThat(texts(runs.get(i).lines(), LogStream.STDOUT))
          .containsExactly("from " + i, "again " + i);
    }
  }

  @Test
  void buildEnded_anyBuild_isSafeToCall() throws InterruptedException {
    Run run = context("once", exiting(0), Map.of());
    executor.execute(run.context());

    executor.buildEnded(run.context().buildId());
    executor.buildEnded(BuildId.generator(java.time.InstantSource.system()).next());
  }
}
