package io.chengis.cli.internal;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildResult;
import io.chengis.api.EngineException;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.spi.AuditEntry;
import io.chengis.api.spi.BuildRecord;
import io.chengis.dsl.PipelineDefinition;
import io.chengis.dsl.PipelineDefinitions;
import io.chengis.engine.BuildHandle;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.TriggerRequest;
import io.chengis.store.JobSnapshot;
import io.chengis.store.SqlStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chengis run}: runs one pipeline on a local engine and shows its progress. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs a pipeline and exits with its conclusion:",
      "0 success, 1 failure or timeout, 2 definition or usage error, 130 cancelled by Ctrl-C."
    })
public final class RunCommand implements Callable<Integer> {
  /** How progress is shown; {@code auto} picks the tree on a terminal and plain lines otherwise. */
  enum Progress {
    AUTO,
    TREE,
    PLAIN
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

  @Option(
      names = "--class",
      paramLabel = "NAME",
      description = "the PipelineDefinition class to run, e.g. com.acme.ApiPipeline")
  @Nullable String className;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      description =
          "a pipeline file (Chengisfile, Chengis YAML or a GitHub Actions workflow) or a directory:"
              + " its Chengisfile, else .chengis/workflow.yml, else chengis.yml, else its only"
              + " .github/workflows/*.yml")
  @Nullable String path;

  @Option(
      names = "--param",
      paramLabel = "KEY=VALUE",
      description = "a parameter value; repeat for more")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = "--branch", paramLabel = "NAME", description = "the branch being built")
  @Nullable String branch;

  @Option(
      names = {"-v", "--verbose"},
      description = "show the steps' output")
  boolean verbose;

  @Option(names = "--json", description = "print every build event as one JSON object per line")
  boolean json;

  @Option(
      names = "--workspace",
      paramLabel = "DIR",
      defaultValue = ".chengis/work",
      description = "where workspaces are made (default: ${DEFAULT-VALUE})")
  Path workspace = Path.of(".chengis/work");

  @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();
  @CommandLine.Mixin PluginOptions plugins = new PluginOptions();

  @Option(names = "--retry-of", hidden = true, paramLabel = "BUILD")
  @Nullable String retryOf;

  @Option(names = "--from-failed", hidden = true)
  boolean fromFailed;

  @Option(names = "--resume", hidden = true, paramLabel = "BUILD")
  @Nullable String resumeOf;

  @Option(names = "--no-color", description = "never colour the output")
  boolean noColor;

  @Option(
      names = "--progress",
      hidden = true,
      defaultValue = "auto",
      description = "auto, tree or plain (for tests and terminals that lie)")
  Progress progress = Progress.AUTO;

  /** The file the pipeline was read from, once it is loaded from a PATH. */
  private @Nullable String origin;

  /** The project a pipeline file belongs to; checkout steps copy it into the workspace. */
  private @Nullable Path project;

  /** The pipeline file PATH resolved to, once it is loaded. */
  private @Nullable Path file;

  /** Used by picocli. */
  public RunCommand() {}

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Pipeline> pipeline;
    try {
      pipeline = retryOf == null && resumeOf == null ? Optional.of(pipeline()) : Optional.empty();
    } catch (PipelineDefinitionException problems) {
      err.println(problems.getMessage());
      err.flush();
      return ExitCodes.DEFINITION_OR_USAGE;
    }
    CliConfig config;
    try {
      config = database.config();
    } catch (CliConfig.ConfigException mistake) {
      err.println("chengis run: " + mistake.getMessage());
      err.flush();
      return ExitCodes.DEFINITION_OR_USAGE;
    }
    try (SqlStores stores = Stores.open(database, config, err);
        ChengisEngine engine = engine(stores, config)) {
      Started started;
      try {
        started = start(engine, stores, config, pipeline);
      } catch (EngineException | PipelineDefinitionException | IllegalArgumentException refused) {
        err.println("chengis " + spec.name() + ": " + refused.getMessage());
        err.flush();
        return ExitCodes.DEFINITION_OR_USAGE;
      }
      BuildHandle handle = started.handle();
      BuildOutput output = output(started.pipeline(), out);
      if (origin != null) {
        // Say which file of a directory ran; with --json, standard output holds events only.
        PrintWriter report = json ? err : out;
        report.println("Pipeline from " + origin);
        report.flush();
      }
      Thread requests =
          Thread.ofVirtual()
              .name("chengis-build-requests")
              .start(() -> RemoteRequests.apply(stores, database.org(config), handle, err));
      try {
        return follow(handle, output);
      } finally {
        requests.interrupt();
      }
    }
  }

  /**
   * Runs {@code chengis run} with these arguments on the calling command's output, for the commands
   * that show a build like run does (retry, resume, a decision that resumes a build).
   */
  static int runWith(CommandLine.Model.CommandSpec caller, List<String> args) {
    CommandLine run = new CommandLine(new RunCommand());
    run.setOut(caller.commandLine().getOut());
    run.setErr(caller.commandLine().getErr());
    run.setCaseInsensitiveEnumValuesAllowed(true);
    return run.execute(args.toArray(String[]::new));
  }

  /** Adds an option and its value to arguments, when there is a value. */
  static void option(List<String> args, String option, @Nullable String value) {
    if (value != null) {
      args.add(option);
      args.add(value);
    }
  }

  /** The engine on the stores, with the checkout of the project a pipeline file belongs to. */
  private ChengisEngine engine(SqlStores stores, CliConfig config) {
    ChengisEngine.Builder builder = database.engine(stores, config, workspace);
    if (project != null) {
      builder.executor("checkout", new ProjectCheckout(project, workspace, InstantSource.system()));
    }
    return builder.build();
  }

  /** The build that started, and the pipeline it runs. */
  private record Started(Pipeline pipeline, BuildHandle handle) {}

  /**
   * Triggers the pipeline, recording the definition it ran with; or, with {@code --retry-of},
   * retries a stored build with the definition its job last ran with.
   */
  private Started start(
      ChengisEngine engine, SqlStores stores, CliConfig config, Optional<Pipeline> given) {
    OrgId org = database.org(config);
    if (resumeOf != null) {
      BuildRecord stopped =
          BuildRefs.find(spec.commandLine(), stores.builds(), org, resumeOf, stores.description());
      if (stores.isRunning(org, stopped.buildId())) {
        throw new IllegalArgumentException(
            "build "
                + stopped.jobId()
                + " #"
                + stopped.number()
                + " is running in another process (its lease is live); only a build whose process"
                + " stopped can be resumed");
      }
      Pipeline pipeline = JobSnapshots.pipeline(snapshot(stores, org, stopped), plugins, database);
      BuildHandle handle = engine.resume(pipeline, stopped.buildId());
      audit(stores, org, "build.resume", pipeline.name() + "#" + handle.number(), handle);
      return new Started(pipeline, handle);
    }
    if (retryOf == null) {
      Pipeline pipeline = given.orElseThrow();
      stores.saveJob(org, JobId.of(pipeline.name()), source(), definition());
      BuildHandle handle = engine.trigger(pipeline, request());
      audit(stores, org, "build.trigger", pipeline.name() + "#" + handle.number(), handle);
      return new Started(pipeline, handle);
    }
    BuildRecord previous =
        BuildRefs.find(spec.commandLine(), stores.builds(), org, retryOf, stores.description());
    Pipeline pipeline = JobSnapshots.pipeline(snapshot(stores, org, previous), plugins, database);
    BuildHandle handle = engine.retry(pipeline, previous.buildId(), fromFailed);
    audit(stores, org, "build.retry", pipeline.name() + "#" + handle.number(), handle);
    return new Started(pipeline, handle);
  }

  private static JobSnapshot snapshot(SqlStores stores, OrgId org, BuildRecord build) {
    return stores
        .job(org, build.jobId())
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "job "
                        + build.jobId()
                        + " has no stored definition (was run before definitions were"
                        + " kept); run it again with chengis run"));
  }

  private static void audit(
      SqlStores stores, OrgId org, String action, String target, BuildHandle handle) {
    stores
        .audit()
        .append(
            new AuditEntry(
                org, Instant.now(), user(), action, target, Map.of("build", handle.id().value())));
  }

  /** Where the pipeline came from, for the job's snapshot: the file it was read from. */
  private String source() {
    return file != null ? file.toString() : JobSnapshot.CLASS;
  }

  /** The pipeline's definition, for the job's snapshot: a file's text or a class name. */
  private String definition() {
    if (file == null) {
      return Objects.requireNonNull(className, "className");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Shows the build until it ends; Ctrl-C cancels it and still shows how it ended. */
  private int follow(BuildHandle handle, BuildOutput output) throws InterruptedException {
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch shown = new CountDownLatch(1);
    Thread onCtrlC =
        new Thread(
            () -> {
              interrupted.set(true);
              handle.cancel("interrupted (Ctrl-C)");
              // The JVM exits when this hook returns: wait until post actions ran and the
              // summary is printed. Exit status is then 130 (128 + SIGINT).
              try {
                shown.await();
              } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
              }
            },
            "chengis-ctrl-c");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try {
      output.started(handle);
      CompletableFuture<Void> allShown = subscribe(handle.events(), output);
      BuildResult result = handle.await();
      try {
        allShown.get();
      } catch (ExecutionException outputFailed) {
        throw new IllegalStateException("showing the build failed", outputFailed.getCause());
      }
      output.finished(result, interrupted.get());
      return ExitCodes.of(result.conclusion(), interrupted.get());
    } finally {
      shown.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onCtrlC);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C arrived: the hook is running and ends the JVM once it returns.
      }
    }
  }

  private static CompletableFuture<Void> subscribe(
      Flow.Publisher<BuildEvent> events, BuildOutput output) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    events.subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(BuildEvent event) {
            try {
              output.event(event);
            } catch (RuntimeException failed) {
              done.completeExceptionally(failed);
            }
          }

          @Override
          public void onError(Throwable failure) {
            done.completeExceptionally(failure);
          }

          @Override
          public void onComplete() {
            done.complete(null);
          }
        });
    return done;
  }

  private BuildOutput output(Pipeline pipeline, PrintWriter out) {
    if (json) {
      return new JsonOutput(out);
    }
    Map<String, String> environment = System.getenv();
    boolean terminal =
        switch (progress) {
          case AUTO -> Style.isTerminal(environment);
          case TREE -> true;
          case PLAIN -> false;
        };
    if (!terminal) {
      return new PlainOutput(out, Style.plain(), verbose, pipeline.name());
    }
    boolean colour = !noColor && !environment.containsKey("NO_COLOR");
    Style style = new Style(colour, Style.canShowSymbols(outputCharset()));
    return new TreeOutput(
        out, style, verbose, new BuildView(pipeline), InstantSource.system(), columns(environment));
  }

  private static Charset outputCharset() {
    return System.console() != null ? System.console().charset() : Charset.defaultCharset();
  }

  private static int columns(Map<String, String> environment) {
    try {
      return Math.max(40, Integer.parseInt(environment.getOrDefault("COLUMNS", "100")));
    } catch (NumberFormatException notANumber) {
      return 100;
    }
  }

  private TriggerRequest request() {
    TriggerRequest request = TriggerRequest.manual().withTriggeredBy(user());
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      request = request.withParameter(parameter.getKey(), parameter.getValue());
    }
    return branch == null ? request : request.withBranch(branch);
  }

  private static String user() {
    String name = System.getProperty("user.name", "");
    return name.isBlank() ? "cli" : name;
  }

  /** Loads the pipeline named on the command line. */
  private Pipeline pipeline() {
    if (path != null && className != null) {
      throw usage(
          "give either a pipeline PATH or --class NAME, not both (was \""
              + path
              + "\" and --class "
              + className
              + ")");
    }
    if (path != null) {
      Path given = Path.of(path);
      Path resolved = pipelineFile(given);
      file = resolved;
      boolean directory = Files.isDirectory(given);
      project = directory ? given : ProjectCheckout.projectOf(resolved);
      if (directory) {
        origin = resolved.toString().replace('\\', '/');
      }
      return PipelineFiles.parse(plugins, database, resolved);
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (className == null) {
      throw usage(
          "name the pipeline to run with --class NAME; "
              + registered(loader)
                  .map(known -> "registered pipeline classes: " + known)
                  .orElse("no pipeline class is registered on the class path"));
    }
    String name = className;
    try {
      return PipelineDefinitions.load(name, loader);
    } catch (PipelineDefinitionException notFound) {
      // A simple name is enough when exactly one registered definition has it.
      List<PipelineDefinition> matches =
          PipelineDefinitions.discover(loader).stream()
              .filter(definition -> definition.getClass().getSimpleName().equals(name))
              .toList();
      if (!name.contains(".") && matches.size() == 1) {
        return matches.get(0).define();
      }
      throw notFound;
    }
  }

  /** The pipeline file itself, or the one a directory holds (first of the usual names). */
  private Path pipelineFile(Path given) {
    return PipelineFiles.resolve(plugins, database, given)
        .orElseThrow(() -> usage(PipelineFiles.noneIn(plugins, database, given)));
  }

  private static java.util.Optional<List<String>> registered(ClassLoader loader) {
    List<String> known =
        PipelineDefinitions.discover(loader).stream()
            .map(definition -> definition.getClass().getName())
            .toList();
    return known.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(known);
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
