package io.chengis.testkit;

import io.chengis.api.BuildId;
import io.chengis.api.Pipeline;
import io.chengis.api.spi.BuildStore;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.StepExecutors;
import io.chengis.engine.TriggerRequest;
import io.chengis.engine.memory.InMemoryBuildStore;
import io.chengis.testkit.internal.PreparingBuildStore;
import io.chengis.testkit.internal.SystemScheduler;
import io.chengis.testkit.internal.VirtualScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The production engine, wired for tests: in-memory stores, a temporary workspace root, and either
 * a {@link FakeExecutor} with virtual time ({@link Mode#FAKE}) or real processes on real time
 * ({@link Mode#REAL}). {@code @ChengisTest} makes one per test; {@link #builder()} makes one by
 * hand.
 *
 * <pre>{@code
 * try (TestEngine engine = TestEngine.builder().build()) {
 *   engine.fakes().step("test").prints("ok");
 *   TestBuild build = engine.run(pipeline);
 *   assertThat(build).conclusion().isSuccess();
 * }
 * }</pre>
 *
 * <p>Under virtual time the clock moves only while the test waits on a build ({@link
 * TestBuild#await()}, {@link TestBuild#approve}) or calls {@link #advance}: it then skips ahead to
 * the next timer whenever all work is waiting on time, so a six-hour timeout passes at once and
 * always the same way.
 *
 * <p>Not thread-safe: drive it from the test's thread.
 *
 * @since 0.1.0
 */
public final class TestEngine implements AutoCloseable {
  private final Mode mode;
  private final ChengisEngine engine;
  private final Optional<VirtualScheduler> virtual;
  private final FakeExecutor fakes;
  private final Path root;
  private final boolean ownsRoot;
  private final Map<String, String> environment;
  private final Duration realLimit;
  private final List<PreparingBuildStore.Preparation> preparations = new CopyOnWriteArrayList<>();
  private final List<TestBuild> builds = new ArrayList<>();
  private final Instant start;

  private TestEngine(Builder builder) {
    this.mode = builder.mode;
    this.realLimit = builder.realLimit;
    this.start = builder.start;
    Path chosen;
    if (builder.workspaceRoot.isPresent()) {
      chosen = builder.workspaceRoot.get();
      ownsRoot = false;
    } else {
      try {
        chosen = Files.createTempDirectory("chengis-test-");
      } catch (IOException failed) {
        throw new UncheckedIOException(
            "test engine: cannot create a temporary workspace root: " + failed.getMessage(),
            failed);
      }
      ownsRoot = true;
    }
    this.root = chosen.toAbsolutePath().normalize();
    this.environment =
        builder.environment.orElseGet(
            () -> {
              Map<String, String> env = new LinkedHashMap<>();
              for (String name : List.of("PATH", "HOME", "LANG")) {
                Optional.ofNullable(System.getenv(name)).ifPresent(value -> env.put(name, value));
              }
              return env;
            });
    ChengisEngine.Builder engineBuilder = ChengisEngine.builder();
    builder.options.accept(engineBuilder);
    engineBuilder
        .workspaceRoot(root)
        .environment(environment)
        .killGracePeriod(Duration.ofSeconds(1))
        .buildStore(
            new PreparingBuildStore(
                builder.buildStore.orElseGet(InMemoryBuildStore::new),
                root,
                () -> List.copyOf(preparations)));
    if (mode == Mode.FAKE) {
      VirtualScheduler scheduler = new VirtualScheduler(builder.start, builder.restLimit);
      virtual = Optional.of(scheduler);
      fakes = new FakeExecutor(scheduler, scheduler);
      if (builder.unstubbed == Unstubbed.RUN) {
        fakes.runUnstubbedWith(StepExecutors.localShell("sh", Duration.ofSeconds(1), scheduler));
      }
      engineBuilder.clock(scheduler).scheduler(scheduler);
      List<String> types = new ArrayList<>(List.of("shell", "container", "compose"));
      types.addAll(builder.stepTypes);
      types.forEach(type -> engineBuilder.executor(type, fakes));
    } else {
      virtual = Optional.empty();
      fakes =
          new FakeExecutor(SystemScheduler.shared(), InstantSource.system())
              .runUnstubbedWith(
                  StepExecutors.localShell("sh", Duration.ofSeconds(1), InstantSource.system()));
      engineBuilder.executor("shell", fakes);
    }
    this.engine = engineBuilder.build();
  }

  /**
   * Starts describing a test engine.
   *
   * @return a builder: fake mode, unstubbed steps fail, time starts at 2026-01-01T00:00:00Z
   * @since 0.1.0
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The stubs of this engine's steps (in real mode too: a stub replaces the real step it matches).
   *
   * @return the fake executor
   * @since 0.1.0
   */
  public FakeExecutor fakes() {
    return fakes;
  }

  /**
   * How this engine runs steps.
   *
   * @return the mode
   * @since 0.1.0
   */
  public Mode mode() {
    return mode;
  }

  /**
   * The engine underneath, for what this class does not wrap (events, retries, jobs).
   *
   * @return the engine
   * @since 0.1.0
   */
  public ChengisEngine engine() {
    return engine;
  }

  /**
   * Where workspaces are made: {@code <root>/<job>/<number>}.
   *
   * @return the workspace root
   * @since 0.1.0
   */
  public Path workspaceRoot() {
    return root;
  }

  /**
   * The environment every step starts from.
   *
   * @return the variables
   * @since 0.1.0
   */
  public Map<String, String> environment() {
    return environment;
  }

  /**
   * Fills the workspace of every build triggered from now on before its first step, standing in for
   * a source checkout.
   *
   * @param setup what to put in the workspace
   * @return this engine
   * @since 0.1.0
   */
  public TestEngine prepareWorkspace(WorkspaceSetup setup) {
    Objects.requireNonNull(setup, "setup");
    preparations.add(setup::prepare);
    return this;
  }

  /**
   * The engine's time: virtual in fake mode, the system's in real mode.
   *
   * @return now
   * @since 0.1.0
   */
  public Instant now() {
    return virtual.map(VirtualScheduler::instant).orElseGet(Instant::now);
  }

  /**
   * Where virtual time started.
   *
   * @return the start instant
   * @since 0.1.0
   */
  public Instant start() {
    return start;
  }

  /**
   * Moves virtual time forward, firing every timeout, backoff and approval timeout due on the way
   * in order, and letting the engine react to each before the next.
   *
   * @param duration zero or positive
   * @throws IllegalStateException in real mode
   * @since 0.1.0
   */
  public void advance(Duration duration) {
    virtual()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "test engine: advance("
                        + duration
                        + ") needs virtual time, but this engine runs in REAL mode; use"
                        + " @ChengisTest(mode = Mode.FAKE)"))
        .advance(duration);
  }

  /**
   * Runs a pipeline on a manual trigger and waits for it to finish.
   *
   * @param pipeline the pipeline
   * @return the finished build
   * @throws AssertionError when it cannot finish (see {@link TestBuild#await()})
   * @since 0.1.0
   */
  public TestBuild run(Pipeline pipeline) {
    return start(pipeline).await();
  }

  /**
   * Runs a pipeline and waits for it to finish.
   *
   * @param pipeline the pipeline
   * @param request parameters, branch, commit
   * @return the finished build
   * @throws AssertionError when it cannot finish (see {@link TestBuild#await()})
   * @since 0.1.0
   */
  public TestBuild run(Pipeline pipeline, TriggerRequest request) {
    return start(pipeline, request).await();
  }

  /**
   * Triggers a pipeline on a manual trigger without waiting.
   *
   * @param pipeline the pipeline
   * @return the running build
   * @since 0.1.0
   */
  public TestBuild start(Pipeline pipeline) {
    return start(pipeline, TriggerRequest.manual());
  }

  /**
   * Triggers a pipeline without waiting: approve, cancel or advance time, then {@link
   * TestBuild#await()}.
   *
   * @param pipeline the pipeline
   * @param request parameters, branch, commit
   * @return the running build
   * @since 0.1.0
   */
  public TestBuild start(Pipeline pipeline, TriggerRequest request) {
    TestBuild build = new TestBuild(this, pipeline, engine.trigger(pipeline, request));
    builds.add(build);
    return build;
  }

  /**
   * Resumes a build that another engine on the same stores left unfinished (as after a restart):
   * see {@link ChengisEngine#resume}. Give this engine the other engine's stores with {@link
   * Builder#engine}.
   *
   * @param pipeline the pipeline of the build's job
   * @param build the build
   * @return the running build
   * @since 0.1.0
   */
  public TestBuild resume(Pipeline pipeline, BuildId build) {
    TestBuild resumed = new TestBuild(this, pipeline, engine.resume(pipeline, build));
    builds.add(resumed);
    return resumed;
  }

  Optional<VirtualScheduler> virtual() {
    return virtual;
  }

  Duration realLimit() {
    return realLimit;
  }

  /**
   * Cancels builds still running (driving virtual time until they end), closes the engine and
   * deletes the temporary workspace root.
   *
   * @since 0.1.0
   */
  @Override
  public void close() {
    try {
      for (TestBuild build : builds) {
        if (!build.isFinished()) {
          build.cancel("the test engine is closing");
          virtual.ifPresent(v -> finish(v, build));
        }
      }
      engine.close();
    } finally {
      if (ownsRoot) {
        delete(root);
      }
    }
  }

  /**
   * Drives a cancelled build to its end; real work (a process being stopped) may keep the engine
   * busy past one rest limit, so it tries a few times before leaving the rest to the engine.
   */
  private static void finish(VirtualScheduler virtual, TestBuild build) {
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        if (virtual.runUntil(build::isFinished)) {
          return;
        }
      } catch (AssertionError stillBusy) {
        // The test has already been told; keep stopping the build.
      }
    }
  }

  private static void delete(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try {
      Files.walkFileTree(
          directory,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failed)
                throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException failed) {
      throw new UncheckedIOException(
          "test engine: cannot delete the workspace root " + directory + ": " + failed, failed);
    }
  }

  /**
   * Describes a test engine. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private Optional<BuildStore> buildStore = Optional.empty();
    private Mode mode = Mode.FAKE;
    private Unstubbed unstubbed = Unstubbed.FAIL;
    private Instant start = Instant.parse("2026-01-01T00:00:00Z");
    private Optional<Path> workspaceRoot = Optional.empty();
    private Optional<Map<String, String>> environment = Optional.empty();
    private final List<String> stepTypes = new ArrayList<>();
    private Consumer<ChengisEngine.Builder> options = builder -> {};
    private Duration restLimit = Duration.ofMinutes(2);
    private Duration realLimit = Duration.ofMinutes(2);

    private Builder() {}

    /**
     * Sets how steps run (default {@link Mode#FAKE}).
     *
     * @param value the mode
     * @return this builder
     * @since 0.1.0
     */
    public Builder mode(Mode value) {
      this.mode = Objects.requireNonNull(value, "mode");
      return this;
    }

    /**
     * Sets what happens to steps without a stub in fake mode (default {@link Unstubbed#FAIL}).
     *
     * @param value the policy
     * @return this builder
     * @since 0.1.0
     */
    public Builder unstubbed(Unstubbed value) {
      this.unstubbed = Objects.requireNonNull(value, "unstubbed");
      return this;
    }

    /**
     * Sets where virtual time starts (default 2026-01-01T00:00:00Z).
     *
     * @param instant the start
     * @return this builder
     * @since 0.1.0
     */
    public Builder startAt(Instant instant) {
      this.start = Objects.requireNonNull(instant, "start");
      return this;
    }

    /**
     * Uses this workspace root instead of a temporary directory (which is deleted on close).
     *
     * @param root the directory; it is kept
     * @return this builder
     * @since 0.1.0
     */
    public Builder workspaceRoot(Path root) {
      this.workspaceRoot = Optional.of(root);
      return this;
    }

    /**
     * Sets the environment every step starts from (default: {@code PATH}, {@code HOME} and {@code
     * LANG} of this process).
     *
     * @param variables the variables
     * @return this builder
     * @since 0.1.0
     */
    public Builder environment(Map<String, String> variables) {
      this.environment = Optional.of(Map.copyOf(variables));
      return this;
    }

    /**
     * Sends plugin steps of these types to the fake executor too (shell, container and compose
     * steps always go there in fake mode).
     *
     * @param types plugin step types
     * @return this builder
     * @since 0.1.0
     */
    public Builder stepTypes(String... types) {
      stepTypes.addAll(List.of(types));
      return this;
    }

    /**
     * Keeps the engine's builds in this store (default: a new in-memory one). Give two test engines
     * the same build, event, log and approval stores to test what happens after a restart, e.g.
     * {@link TestEngine#resume}.
     *
     * @param store the store
     * @return this builder
     * @since 0.1.0
     */
    public Builder buildStore(BuildStore store) {
      this.buildStore = Optional.of(Objects.requireNonNull(store, "store"));
      return this;
    }

    /**
     * Configures the engine further: secret backends, limits, default timeouts. The workspace root,
     * environment, build store, clock, scheduler and the executors the test kit registers are set
     * after this runs and win.
     *
     * @param configure changes to the engine's builder
     * @return this builder
     * @since 0.1.0
     */
    public Builder engine(Consumer<ChengisEngine.Builder> configure) {
      this.options = Objects.requireNonNull(configure, "configure");
      return this;
    }

    /**
     * Sets how long, in real time, waiting for the engine may take: for virtual time to come to
     * rest between timers, or for a real-mode build to finish (default 2 minutes each).
     *
     * @param limit a positive duration
     * @return this builder
     * @since 0.1.0
     */
    public Builder realTimeLimit(Duration limit) {
      if (limit.isZero() || limit.isNegative()) {
        throw new IllegalArgumentException(
            "realTimeLimit must be positive (was " + limit + "); give a positive duration");
      }
      this.restLimit = limit;
      this.realLimit = limit;
      return this;
    }

    /**
     * Builds the test engine.
     *
     * @return the engine; close it when done
     * @since 0.1.0
     */
    public TestEngine build() {
      return new TestEngine(this);
    }
  }
}
