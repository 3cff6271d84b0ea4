package io.chengis.testkit;

import io.chengis.api.BuildId;
import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.PluginException;
import io.chengis.api.StepAction;
import io.chengis.api.spi.Cancellation;
import io.chengis.api.spi.StepContext;
import io.chengis.api.spi.StepExecutor;
import io.chengis.api.spi.StepExit;
import io.chengis.engine.EngineScheduler;
import io.chengis.testkit.internal.SystemScheduler;
import io.chengis.testkit.internal.VirtualScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * A {@link StepExecutor} that runs stubs instead of processes: stub steps by step name, by stage
 * and step, or by a command pattern, and say what each does (exit code, output lines, outputs,
 * duration, a start failure, a hang, an out-of-memory kill).
 *
 * <pre>{@code
 * fakes.step("test").prints("42 tests passed").takes(Duration.ofMinutes(3));
 * fakes.step("Deploy", "push").fails().then().succeeds();
 * fakes.command("./mvnw *").succeeds();
 * }</pre>
 *
 * <p>A step path stub wins over a step name stub, which wins over command patterns (in the order
 * they were added); stubbing the same path or name again replaces the stub. A step that no stub
 * matches fails to start with a message that lists the stubs ({@link Unstubbed#FAIL}, the default)
 * or runs on a real executor ({@link #runUnstubbedWith}). Every attempt is recorded as an {@link
 * Invocation}, with its environment.
 *
 * <p>Thread-safe: stubs may be added while builds run.
 *
 * @since 0.1.0
 */
public final class FakeExecutor implements StepExecutor {
  private final EngineScheduler timers;
  private final InstantSource clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Stub> byPath = new LinkedHashMap<>();
  private final Map<String, Stub> byStep = new LinkedHashMap<>();
  private final Map<String, Map.Entry<Pattern, Stub>> byCommand = new LinkedHashMap<>();
  private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
  private final List<String> unstubbed = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private Optional<StepExecutor> real = Optional.empty();

  /** A fake whose durations pass in real time. */
  public FakeExecutor() {
    this(SystemScheduler.shared(), InstantSource.system());
  }

  /**
   * A fake whose durations pass on the given scheduler and clock (a {@link TestEngine} gives its
   * virtual ones).
   *
   * @param timers where durations are waited for
   * @param clock stamps output lines and invocations
   */
  public FakeExecutor(EngineScheduler timers, InstantSource clock) {
    this.timers = Objects.requireNonNull(timers, "timers");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Stubs every step of this name, in any stage.
   *
   * @param step the step name
   * @return the stub, to describe what the step does
   * @since 0.1.0
   */
  public Stub step(String step) {
    Stub stub = new Stub("step \"" + Objects.requireNonNull(step, "step") + "\"");
    put(byStep, step, stub);
    return stub;
  }

  /**
   * Stubs one step of one stage. The stage is its name, or the full name of one matrix combination
   * ({@code Build [os=linux]}); the plain name matches every combination.
   *
   * @param stage the stage name
   * @param step the step name
   * @return the stub, to describe what the step does
   * @since 0.1.0
   */
  public Stub step(String stage, String step) {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(step, "step");
    Stub stub = new Stub("step \"" + stage + "/" + step + "\"");
    put(byPath, stage + "\u0000" + step, stub);
    return stub;
  }

  /**
   * Stubs every step whose whole command matches a glob: {@code *} stands for any text, {@code ?}
   * for one character, e.g. {@code ./mvnw *}.
   *
   * @param glob the pattern
   * @return the stub, to describe what the steps do
   * @since 0.1.0
   */
  public Stub command(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    Stub stub = new Stub("command \"" + glob + "\"");
    lock.lock();
    try {
      byCommand.put(
          "glob:" + glob, Map.entry(Pattern.compile(regex.toString(), Pattern.DOTALL), stub));
    } finally {
      lock.unlock();
    }
    return stub;
  }

  /**
   * Stubs every step whose command contains a match of a regular expression.
   *
   * @param pattern the expression
   * @return the stub, to describe what the steps do
   * @since 0.1.0
   */
  public Stub commandMatching(Pattern pattern) {
    Stub stub = new Stub("command matching /" + pattern.pattern() + "/");
    lock.lock();
    try {
      byCommand.put("regex:" + pattern.pattern(), Map.entry(pattern, stub));
    } finally {
      lock.unlock();
    }
    return stub;
  }

  /**
   * Runs steps that no stub matches on a real executor instead of failing them.
   *
   * @param executor the real executor, e.g. {@code StepExecutors.localShell(...)}
   * @return this fake
   * @since 0.1.0
   */
  public FakeExecutor runUnstubbedWith(StepExecutor executor) {
    lock.lock();
    try {
      real = Optional.of(Objects.requireNonNull(executor, "executor"));
      return this;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Fails steps that no stub matches (the default).
   *
   * @return this fake
   * @since 0.1.0
   */
  public FakeExecutor failUnstubbed() {
    lock.lock();
    try {
      real = Optional.empty();
      return this;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The stubs, path stubs first, then step names, then command patterns.
   *
   * @return the stubs
   * @since 0.1.0
   */
  public List<Stub> stubs() {
    lock.lock();
    try {
      List<Stub> all = new ArrayList<>(byPath.values());
      all.addAll(byStep.values());
      byCommand.values().forEach(entry -> all.add(entry.getValue()));
      return List.copyOf(all);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Every attempt of every step run so far, in the order they started.
   *
   * @return the invocations
   * @since 0.1.0
   */
  public List<Invocation> invocations() {
    return List.copyOf(invocations);
  }

  /**
   * The attempts of one build's steps, in the order they started.
   *
   * @param build the build
   * @return the invocations
   * @since 0.1.0
   */
  public List<Invocation> invocations(BuildId build) {
    return invocations.stream().filter(i -> i.build().equals(build)).toList();
  }

  /**
   * The messages of the steps that ran without a stub while unstubbed steps fail.
   *
   * @param build the build
   * @return one message per such step attempt, empty when every step had a stub
   * @since 0.1.0
   */
  public List<String> unstubbedSteps(BuildId build) {
    String prefix = build + ": ";
    return unstubbed.stream()
        .filter(message -> message.startsWith(prefix))
        .map(message -> message.substring(prefix.length()))
        .toList();
  }

  @Override
  public StepExit execute(StepContext context) throws InterruptedException {
    String command = commandOf(context.definition().action());
    int attempt =
        attempts
            .computeIfAbsent(
                context.buildId() + "\u0000" + context.stage() + "\u0000" + context.step(),
                key -> new AtomicInteger())
            .incrementAndGet();
    Optional<Stub> stub = find(context.stage(), context.step(), command);
    Optional<StepExecutor> fallback;
    lock.lock();
    try {
      fallback = real;
    } finally {
      lock.unlock();
    }
    String handledBy =
        stub.map(Stub::matcher).orElse(fallback.isPresent() ? "real process" : "no stub");
    invocations.add(
        new Invocation(
            context.buildId(),
            context.stage(),
            context.step(),
            attempt,
            command,
            context.env(),
            clock.instant(),
            handledBy));
    if (stub.isEmpty()) {
      if (fallback.isPresent()) {
        return runReal(fallback.get(), context);
      }
      String message = noStub(context.stage(), context.step(), command);
      unstubbed.add(context.buildId() + ": " + message);
      throw new PluginException(message);
    }
    return play(stub.get().attempt(attempt), context);
  }

  private StepExit runReal(StepExecutor executor, StepContext context) throws InterruptedException {
    if (timers instanceof VirtualScheduler virtual) {
      virtual.enterBusy();
      try {
        return executor.execute(context);
      } finally {
        virtual.exitBusy();
      }
    }
    return executor.execute(context);
  }

  private StepExit play(Stub.Behaviour behaviour, StepContext context) throws InterruptedException {
    if (behaviour.startFailure.isPresent()) {
      throw new PluginException(behaviour.startFailure.get());
    }
    behaviour.stdout.forEach(
        text -> context.log().accept(new LogLine(clock.instant(), LogStream.STDOUT, text)));
    behaviour.variables.forEach(
        name ->
            context
                .log()
                .accept(
                    new LogLine(
                        clock.instant(), LogStream.STDOUT, context.env().getOrDefault(name, ""))));
    behaviour.stderr.forEach(
        text -> context.log().accept(new LogLine(clock.instant(), LogStream.STDERR, text)));
    writeOutputs(behaviour.outputs, context);
    if (behaviour.hang) {
      waitForCancel(context.cancellation());
      return StepExit.afterCancel();
    }
    if (!behaviour.duration.isZero() && wait(behaviour.duration, context.cancellation())) {
      return StepExit.afterCancel();
    }
    if (context.cancellation().isCancelled()) {
      return StepExit.afterCancel();
    }
    if (behaviour.outOfMemory) {
      context.log().accept(new LogLine(clock.instant(), LogStream.STDERR, "Killed"));
      return StepExit.exited(137);
    }
    return StepExit.exited(behaviour.exitCode);
  }

  /** Waits for the duration on the scheduler; returns whether it was cancelled first. */
  private boolean wait(Duration duration, Cancellation cancellation) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    EngineScheduler.Scheduled timer = timers.schedule(duration, done::countDown);
    cancellation.onCancel(done::countDown);
    try {
      done.await();
    } finally {
      timer.cancel();
    }
    return cancellation.isCancelled();
  }

  private static void waitForCancel(Cancellation cancellation) throws InterruptedException {
    CountDownLatch cancelled = new CountDownLatch(1);
    cancellation.onCancel(cancelled::countDown);
    cancelled.await();
  }

  private static void writeOutputs(Map<String, String> outputs, StepContext context) {
    String file = context.env().get("CHENGIS_OUTPUT");
    if (outputs.isEmpty() || file == null) {
      return;
    }
    StringBuilder text = new StringBuilder();
    outputs.forEach(
        (key, value) -> {
          if (value.contains("\n")) {
            text.append(key).append("<<CHENGIS_STUB_EOF\n").append(value);
            text.append("\nCHENGIS_STUB_EOF\n");
          } else {
            text.append(key).append('=').append(value).append('\n');
          }
        });
    try {
      Path path = Path.of(file);
      Files.createDirectories(path.toAbsolutePath().getParent());
      Files.writeString(path, text.toString(), StandardCharsets.UTF_8);
    } catch (IOException unwritable) {
      throw new UncheckedIOException(unwritable);
    }
  }

  @Override
  public void buildEnded(BuildId build) throws InterruptedException {
    Optional<StepExecutor> fallback;
    lock.lock();
    try {
      fallback = real;
    } finally {
      lock.unlock();
    }
    if (fallback.isPresent()) {
      fallback.get().buildEnded(build);
    }
  }

  private Optional<Stub> find(String stage, String step, String command) {
    lock.lock();
    try {
      Stub exact = byPath.get(stage + "\u0000" + step);
      if (exact != null) {
        return Optional.of(exact);
      }
      int matrix = stage.indexOf(" [");
      if (matrix > 0) {
        Stub base = byPath.get(stage.substring(0, matrix) + "\u0000" + step);
        if (base != null) {
          return Optional.of(base);
        }
      }
      Stub named = byStep.get(step);
      if (named != null) {
        return Optional.of(named);
      }
      for (Map.Entry<Pattern, Stub> entry : byCommand.values()) {
        boolean glob = entry.getValue().matcher().startsWith("command \"");
        if (glob
            ? entry.getKey().matcher(command).matches()
            : entry.getKey().matcher(command).find()) {
          return Optional.of(entry.getValue());
        }
      }
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  private String noStub(String stage, String step, String command) {
    String base = stage.contains(" [") ? stage.substring(0, stage.indexOf(" [")) : stage;
    List<Stub> all = stubs();
    return "stage \""
        + stage
        + "\" step \""
        + step
        + "\" has no stub (was command \""
        + command
        + "\"; stubs: "
        + (all.isEmpty() ? "none" : all.stream().map(Stub::toString).toList())
        + "); stub it with fakes.step(\""
        + step
        + "\"), fakes.step(\""
        + base
        + "\", \""
        + step
        + "\") or fakes.command(...), or run unstubbed steps for real with"
        + " @ChengisTest(unstubbed = Unstubbed.RUN)";
  }

  private void put(Map<String, Stub> stubs, String key, Stub stub) {
    lock.lock();
    try {
      stubs.put(key, stub);
    } finally {
      lock.unlock();
    }
  }

  static String commandOf(StepAction action) {
    return switch (action) {
      case StepAction.Shell shell -> shell.command();
      case StepAction.Container container -> container.command();
      case StepAction.Compose compose -> compose.command();
      case StepAction.PluginStep plugin -> "plugin:" + plugin.type();
    };
  }
}
