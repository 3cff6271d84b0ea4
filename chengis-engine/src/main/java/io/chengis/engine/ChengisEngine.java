package io.chengis.engine;

import io.chengis.api.AgentId;
import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.BuildResult;
import io.chengis.api.BuildState;
import io.chengis.api.Condition;
import io.chengis.api.EngineException;
import io.chengis.api.EventId;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Parameter;
import io.chengis.api.Pipeline;
import io.chengis.api.ScmEvent;
import io.chengis.api.Stage;
import io.chengis.api.StageResult;
import io.chengis.api.Step;
import io.chengis.api.spi.ApprovalStore;
import io.chengis.api.spi.ArtifactCatalog;
import io.chengis.api.spi.ArtifactStore;
import io.chengis.api.spi.BuildLookup;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildStore;
import io.chengis.api.spi.CacheStore;
import io.chengis.api.spi.EventReplay;
import io.chengis.api.spi.EventStore;
import io.chengis.api.spi.JobRef;
import io.chengis.api.spi.Lease;
import io.chengis.api.spi.LogStore;
import io.chengis.api.spi.QueueStore;
import io.chengis.api.spi.ScheduleStore;
import io.chengis.api.spi.ScmProvider;
import io.chengis.api.spi.StepExecutor;
import io.chengis.api.spi.StepExecutorProvider;
import io.chengis.dsl.expression.ExpressionException;
import io.chengis.dsl.expression.IfCondition;
import io.chengis.dsl.expression.Templates;
import io.chengis.engine.artifacts.LocalArtifactStore;
import io.chengis.engine.caches.LocalCacheStore;
import io.chengis.engine.caches.internal.DeferredCacheStore;
import io.chengis.engine.caches.internal.LocalCacheStoreProvider;
import io.chengis.engine.internal.ArtifactSettings;
import io.chengis.engine.internal.BuildRun;
import io.chengis.engine.internal.ConcurrencyGroups;
import io.chengis.engine.internal.CronTriggers;
import io.chengis.engine.internal.EngineSettings;
import io.chengis.engine.internal.EnvTemplates;
import io.chengis.engine.internal.EventMatching;
import io.chengis.engine.internal.FinishedBuild;
import io.chengis.engine.internal.GuardedScmProvider;
import io.chengis.engine.internal.LocalShellExecutor;
import io.chengis.engine.internal.PluginHooks;
import io.chengis.engine.internal.QueueLeases;
import io.chengis.engine.internal.RealTimers;
import io.chengis.engine.internal.SchedulerTimers;
import io.chengis.engine.internal.SourceCheckout;
import io.chengis.engine.internal.Timers;
import io.chengis.engine.memory.InMemoryApprovalStore;
import io.chengis.engine.memory.InMemoryArtifactCatalog;
import io.chengis.engine.memory.InMemoryBuildStore;
import io.chengis.engine.memory.InMemoryEventStore;
import io.chengis.engine.memory.InMemoryLogStore;
import io.chengis.engine.memory.InMemoryScheduleStore;
import io.chengis.engine.plugins.PluginRegistry;
import io.chengis.engine.secrets.SecretResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The Chengis engine: runs pipelines as builds on local processes (and on any other {@link
 * StepExecutor} registered for a step type), publishing every transition as an event.
 *
 * <pre>{@code
 * try (ChengisEngine engine = ChengisEngine.builder().workspaceRoot(Path.of("work")).build()) {
 *   BuildResult result = engine.trigger(pipeline, TriggerRequest.manual()).await();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Closing the engine cancels running builds and waits for them to finish their post
 * actions.
 *
 * @since 0.1.0
 */
public final class ChengisEngine implements AutoCloseable {
  private static final int REPLAY_PAGE = 10_000;

  private final EngineSettings settings;
  private final Map<String, AtomicLong> workspaceFloors = new ConcurrentHashMap<>();
  private final ConcurrencyGroups concurrency = new ConcurrencyGroups();
  private final Map<BuildId, BuildRun> running = new ConcurrentHashMap<>();
  private final Map<JobId, Pipeline> jobs = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private final CronTriggers cronTriggers;
  private final Optional<QueueLeases> queue;
  private final boolean keepWaitingBuilds;

  private ChengisEngine(
      EngineSettings settings,
      ZoneId timeZone,
      ScheduleStore schedules,
      Optional<QueueLeases> queue,
      boolean keepWaitingBuilds) {
    this.settings = settings;
    this.queue = queue;
    this.keepWaitingBuilds = keepWaitingBuilds;
    this.cronTriggers =
        new CronTriggers(
            settings.timers(),
            settings.clock(),
            timeZone,
            settings.org(),
            schedules,
            (job, expression) ->
                trigger(job, TriggerRequest.manual().withTriggeredBy("schedule " + expression)));
  }

  /**
   * Starts describing an engine.
   *
   * @return a builder with defaults for everything
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a build of the pipeline. Parameter values are checked first: an unknown parameter, a
   * missing required one or a value the parameter cannot take is an error before anything runs.
   *
   * @param pipeline the pipeline
   * @param request who triggers it, parameter values, branch and commit
   * @return the running build
   * @throws EngineException listing every problem with the request, or when the engine is closed
   */
  public BuildHandle trigger(Pipeline pipeline, TriggerRequest request) {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(request, "request");
    if (closed) {
      throw new EngineException(
          "engine: cannot trigger pipeline \""
              + pipeline.name()
              + "\" because the engine is closed; trigger builds before closing it");
    }
    Map<String, String> parameters = resolveParameters(pipeline, request.parameters());
    refuseExpressions(pipeline);
    refuseTemplates(pipeline);
    Optional<BuildRecord> duplicate =
        settings
            .sources()
            .duplicate(
                JobId.of(pipeline.name()),
                request.commit(),
                request.branch(),
                parameters,
                settings.clock().instant());
    if (duplicate.isPresent()) {
      return new FinishedBuild(duplicate.get(), events(duplicate.get().buildId()));
    }
    return start(pipeline, parameters, request, 1, Optional.empty(), Map.of());
  }

  /**
   * Registers a pipeline as a job of this engine, so that it can be triggered by its {@link JobId}
   * (the pipeline's name). Registering a pipeline of the same name again replaces the definition
   * for later builds; running builds keep the one they started with. The pipeline's cron triggers
   * are armed: each starts a build at its next occurrence in the engine's {@linkplain
   * Builder#timeZone(ZoneId) time zone}, on the engine's timers (so virtual time runs them too),
   * until the job is registered again or the engine closes.
   *
   * @param pipeline the pipeline
   * @return the job id
   */
  public JobId register(Pipeline pipeline) {
    JobId job = JobId.of(pipeline.name());
    jobs.put(job, pipeline);
    if (!closed) {
      cronTriggers.arm(job, pipeline);
    }
    return job;
  }

  /**
   * Starts a build of a registered job.
   *
   * @param job the job, registered with {@link #register(Pipeline)}
   * @param request who triggers it, parameter values, branch and commit
   * @return the running build
   * @throws EngineException when the job is unknown, or as {@link #trigger(Pipeline,
   *     TriggerRequest)}
   */
  public BuildHandle trigger(JobId job, TriggerRequest request) {
    Pipeline pipeline = jobs.get(Objects.requireNonNull(job, "job"));
    if (pipeline == null) {
      throw new EngineException(
          "engine: cannot trigger job \""
              + job
              + "\" because it is not registered (registered: "
              + jobs.keySet().stream().map(JobId::toString).sorted().toList()
              + "); register its pipeline first with register(pipeline)");
    }
    return trigger(pipeline, request);
  }

  /**
   * Starts a build of every registered job that a forge event (from webhook intake) concerns: the
   * job's push triggers match a push or tag (branch, tag and path filters), or its pull request
   * triggers match a pull request (target branch, path filters, activity types; each forge's action
   * is read as GitHub names it, e.g. GitLab's {@code update} as {@code synchronize}), and, when the
   * job's pipeline declares a source, the event is of that repository (URLs compared without
   * credentials, case or {@code .git}). Each build gets {@link TriggerRequest#of(ScmEvent)}. A job
   * that matches but cannot start (a required parameter without default, say) is listed with the
   * reason; the other jobs still start.
   *
   * @param event the push, tag or pull request
   * @return the builds started and the matching jobs refused, in job name order
   * @throws EngineException when the engine is closed
   */
  public EventBuilds triggerMatching(ScmEvent event) {
    Objects.requireNonNull(event, "event");
    if (closed) {
      throw new EngineException(
          "engine: cannot start builds for the "
              + event.provider()
              + " event of "
              + event.ref()
              + " because the engine is closed; deliver events before closing it");
    }
    Map<JobId, BuildHandle> started = new LinkedHashMap<>();
    List<String> refused = new ArrayList<>();
    TriggerRequest request = TriggerRequest.of(event);
    List<JobId> names =
        jobs.keySet().stream().sorted(Comparator.comparing(JobId::toString)).toList();
    for (JobId job : names) {
      Pipeline pipeline = jobs.get(job);
      if (pipeline == null || !EventMatching.matches(pipeline, event)) {
        continue;
      }
      try {
        started.put(job, trigger(pipeline, request));
      } catch (EngineException cannot) {
        refused.add(job + ": " + cannot.getMessage());
      }
    }
    return new EventBuilds(event, started, refused);
  }

  /**
   * Retries a finished build as a new build of the same pipeline with the same parameters, branch
   * and commit, linked to it: its attempt number is one more and its root build is the first build
   * of the chain.
   *
   * @param pipeline the pipeline the earlier build ran
   * @param previous the id of the earlier build
   * @param resume whether to keep the results of the stages before the first failed one instead of
   *     running them again
   * @return the new build
   * @throws EngineException when the earlier build is unknown or has not finished
   */
  public BuildHandle retry(Pipeline pipeline, BuildId previous, boolean resume) {
    BuildRecord record =
        find(previous)
            .orElseThrow(
                () ->
                    new EngineException(
                        "engine: cannot retry build "
                            + previous
                            + " because the build store does not know it; retry a build of this"
                            + " engine's store"));
    BuildResult earlier =
        record
            .result()
            .orElseThrow(
                () ->
                    new EngineException(
                        "engine: cannot retry build "
                            + previous
                            + " because it has not finished (was "
                            + record.state()
                            + "); wait for it or cancel it first"));
    if (!earlier.jobId().toString().equals(pipeline.name())) {
      throw new EngineException(
          "engine: build "
              + previous
              + " belongs to job "
              + earlier.jobId()
              + ", not to pipeline \""
              + pipeline.name()
              + "\"; retry it with the pipeline it ran");
    }
    Map<String, StageResult> reused = new LinkedHashMap<>();
    if (resume) {
      for (StageResult stage : earlier.stages()) {
        if (stage.conclusion().isFailing()
            || stage.outcome() == io.chengis.api.Outcome.SKIPPED && stage.reason().isPresent()) {
          break;
        }
        reused.put(stage.name(), stage);
      }
    }
    Map<String, String> parameters = resolveParameters(pipeline, record.parameters());
    TriggerRequest request =
        new TriggerRequest(
            "retry of " + previous, record.parameters(), Optional.empty(), Optional.empty());
    return start(
        pipeline,
        parameters,
        request,
        record.attempt() + 1,
        Optional.of(record.rootBuildId().orElse(previous)),
        reused);
  }

  /**
   * The stored record of a build of this engine's organization.
   *
   * @param build the build id
   * @return the record, or empty when the store does not know it
   */
  public Optional<BuildRecord> find(BuildId build) {
    return settings.buildStore().find(BuildLookup.byId(settings.org(), build));
  }

  /**
   * Replays a build's stored events after a cursor, oldest first.
   *
   * @param build the build id
   * @param after the last event already seen, or empty to start from the first
   * @param limit the most events to return, 1 to 10000
   * @return the events
   */
  public List<BuildEvent> events(BuildId build, Optional<EventId> after, int limit) {
    return settings
        .eventStore()
        .replay(new EventReplay(settings.org(), Optional.of(build), after, limit));
  }

  /**
   * All of a build's stored events, oldest first, read from the event store page by page.
   *
   * @param build the build id
   * @return the events
   */
  public List<BuildEvent> events(BuildId build) {
    List<BuildEvent> all = new ArrayList<>();
    Optional<EventId> after = Optional.empty();
    while (true) {
      List<BuildEvent> page = events(build, after, REPLAY_PAGE);
      all.addAll(page);
      if (page.size() < REPLAY_PAGE) {
        return all;
      }
      after = Optional.of(page.get(page.size() - 1).id());
    }
  }

  private BuildHandle start(
      Pipeline pipeline,
      Map<String, String> parameters,
      TriggerRequest request,
      int attempt,
      Optional<BuildId> root,
      Map<String, StageResult> reused) {
    long number = nextNumber(pipeline.name());
    BuildRun run =
        new BuildRun(
            settings,
            pipeline,
            settings.buildIds().next(),
            number,
            parameters,
            request.branch(),
            request.commit(),
            request.triggeredBy(),
            attempt,
            root,
            reused,
            concurrency);
    Optional<Lease> lease = Optional.empty();
    if (pipeline.onCrash().requeues() && queue.isPresent()) {
      queue.get().enqueue(run.id(), JobId.of(pipeline.name()), pipeline.onCrash());
      lease = queue.get().claim(run.id());
    }
    return launch(pipeline, run, request, lease);
  }

  private BuildHandle launch(
      Pipeline pipeline, BuildRun run, TriggerRequest request, Optional<Lease> lease) {
    lease.ifPresent(
        held -> {
          Runnable release = queue.orElseThrow().hold(held, run::cancel);
          run.result().whenComplete((result, failure) -> release.run());
        });
    running.put(run.id(), run);
    settings.hooks().watch(run.id(), run.number(), pipeline, request, run.journal());
    run.result().whenComplete((result, failure) -> running.remove(run.id()));
    settings
        .timers()
        .start(
            "chengis-build-" + pipeline.name() + "-" + run.number(),
            () -> concurrency.run(pipeline, run));
    return new Handle(run);
  }

  /**
   * Resumes a build whose engine process stopped before it finished, typically one that was waiting
   * for approval: same build id, number and event stream. The stages that finished keep their
   * results (recorded by their {@code StageFinished} events) and do not run again; an approval gate
   * counts the votes recorded in the {@linkplain Builder#approvalStore approval store} while no
   * process ran the build, and keeps its first deadline. Resume a build only when no other process
   * runs it (with {@code chengis-store}: one of {@code SqlStores.resumable()}).
   *
   * @param pipeline the pipeline of the build's job (the build keeps its trigger's branch, the
   *     commit it checked out and who triggered it, as its {@link BuildRecord} stored them)
   * @param build the build
   * @return the running build
   * @throws EngineException when the build is unknown, finished, already running here, or of
   *     another job, or when the engine is closed
   */
  public BuildHandle resume(Pipeline pipeline, BuildId build) {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(build, "build");
    if (closed) {
      throw new EngineException(
          "engine: cannot resume build "
              + build
              + " because the engine is closed; resume builds before closing it");
    }
    BuildRecord record =
        find(build)
            .orElseThrow(
                () ->
                    new EngineException(
                        "engine: cannot resume build "
                            + build
                            + " because the build store does not know it; resume a build of this"
                            + " engine's store"));
    if (record.state() == BuildState.FINISHED || running.containsKey(build)) {
      throw new EngineException(
          "engine: cannot resume build "
              + build
              + " (was "
              + (record.state() == BuildState.FINISHED ? "FINISHED" : "running in this engine")
              + "); resume only a build whose process stopped before it finished");
    }
    if (!record.jobId().toString().equals(pipeline.name())) {
      throw new EngineException(
          "engine: build "
              + build
              + " belongs to job "
              + record.jobId()
              + ", not to pipeline \""
              + pipeline.name()
              + "\"; resume it with its job's pipeline");
    }
    Map<String, StageResult> finished = new LinkedHashMap<>();
    Optional<java.time.Instant> startedAt = Optional.empty();
    for (BuildEvent event : events(build)) {
      switch (event) {
        case BuildEvent.BuildStarted started ->
            startedAt = startedAt.or(() -> Optional.of(started.timestamp()));
        case BuildEvent.StageFinished stage -> finished.put(stage.result().name(), stage.result());
        default -> {
          // the rest is history the resumed build does not need
        }
      }
    }
    Optional<Lease> lease = queue.flatMap(leases -> leases.claim(build));
    BuildRun run = new BuildRun(settings, pipeline, record, finished, startedAt, concurrency);
    // The original trigger, as far as the record keeps it (not its forge event); that the build
    // resumed is told by the Warning event the run emits.
    TriggerRequest request =
        new TriggerRequest(
            record.triggeredBy().orElse("resume of " + build),
            record.parameters(),
            record.branch(),
            record.commit());
    return launch(pipeline, run, request, lease);
  }

  /**
   * Resumes those of the given builds whose job is {@linkplain #register(Pipeline) registered}, as
   * {@link #resume(Pipeline, BuildId)} does, with the job's registered pipeline: an engine opened
   * on shared stores takes over what a stopped process left, e.g. {@code
   * engine.resumeRegistered(stores.resumable())} with {@code chengis-store}.
   *
   * @param builds builds whose process stopped
   * @return the resumed builds, in the given order; builds of other jobs are left alone
   * @throws EngineException as {@link #resume(Pipeline, BuildId)}
   */
  public List<BuildHandle> resumeRegistered(List<BuildRecord> builds) {
    List<BuildHandle> resumed = new ArrayList<>();
    for (BuildRecord build : builds) {
      Pipeline pipeline = jobs.get(build.jobId());
      if (pipeline != null) {
        resumed.add(resume(pipeline, build.buildId()));
      }
    }
    return List.copyOf(resumed);
  }

  /**
   * Cancels running builds and waits for them to end, then stops the engine's timers. With {@link
   * Builder#keepWaitingBuilds(boolean)}, builds waiting for approval are left waiting instead.
   *
   * @throws EngineException when builds do not end within a minute
   */
  @Override
  public void close() {
    closed = true;
    cronTriggers.close();
    List<BuildRun> builds = new ArrayList<>(running.values());
    if (keepWaitingBuilds) {
      builds.removeIf(run -> run.state() == BuildState.WAITING);
    }
    builds.forEach(run -> run.cancel("the engine is closing"));
    try {
      for (BuildRun run : builds) {
        run.result().get(1, TimeUnit.MINUTES);
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | TimeoutException stuck) {
      throw new EngineException(
          "engine: builds did not end within a minute of closing ("
              + stuck
              + "); check for steps that ignore SIGTERM and SIGKILL",
          stuck);
    } finally {
      settings.timers().close();
    }
  }

  private Map<String, String> resolveParameters(Pipeline pipeline, Map<String, String> supplied) {
    List<String> problems = new ArrayList<>();
    Map<String, Parameter> declared = new LinkedHashMap<>();
    pipeline.parameters().forEach(p -> declared.put(p.name(), p));
    supplied
        .keySet()
        .forEach(
            name -> {
              if (!declared.containsKey(name)) {
                problems.add(
                    "parameter \""
                        + name
                        + "\" is not declared by the pipeline"
                        + "; use one of "
                        + declared.keySet());
              }
            });
    Map<String, String> values = new LinkedHashMap<>();
    for (Parameter parameter : pipeline.parameters()) {
      Optional<String> value =
          Optional.ofNullable(supplied.get(parameter.name())).or(parameter::defaultValue);
      if (value.isEmpty()) {
        problems.add(
            "parameter \""
                + parameter.name()
                + "\" is required and has no default; supply it, e.g. --param "
                + parameter.name()
                + "=...");
        continue;
      }
      parameter
          .check(value.get())
          .ifPresent(
              problem ->
                  problems.add(
                      "parameter \""
                          + parameter.name()
                          + "\" "
                          + problem
                          + " (was \""
                          + value.get()
                          + "\"); supply an allowed value"));
      values.put(parameter.name(), value.get());
    }
    if (!problems.isEmpty()) {
      throw new EngineException(
          "cannot trigger pipeline \""
              + pipeline.name()
              + "\":\n  "
              + String.join("\n  ", problems));
    }
    return values;
  }

  /** Parses every expression condition up front, so a typo fails the trigger, not the build. */
  private static void refuseExpressions(Pipeline pipeline) {
    List<String> problems = new ArrayList<>();
    for (Stage stage : pipeline.stages()) {
      checkCondition(problems, () -> placeOf(stage), stage.condition());
      for (Step step : stage.steps()) {
        checkCondition(problems, () -> placeOf(stage, step), step.condition());
      }
    }
    Stream.of(
            pipeline.post().always(),
            pipeline.post().onSuccess(),
            pipeline.post().onFailure(),
            pipeline.post().onCancel())
        .flatMap(List::stream)
        .forEach(
            step ->
                checkCondition(
                    problems,
                    () -> step.location() + ": post step \"" + step.name() + "\"",
                    step.condition()));
    if (!problems.isEmpty()) {
      throw new EngineException(
          "cannot trigger pipeline \""
              + pipeline.name()
              + "\":\n  "
              + String.join("\n  ", problems));
    }
  }

  /** Where a pipeline is declared, as a trigger's problems name it. */
  private static String placeOf(Pipeline pipeline) {
    return pipeline.location() + ": pipeline \"" + pipeline.name() + "\"";
  }

  /** Where a stage is declared, as a trigger's problems name it. */
  private static String placeOf(Stage stage) {
    return stage.location() + ": stage \"" + stage.name() + "\"";
  }

  /** Where a step of a stage is declared, as a trigger's problems name it. */
  private static String placeOf(Stage stage, Step step) {
    return step.location() + ": stage \"" + stage.name() + "\" step \"" + step.name() + "\"";
  }

  /** {@code where} names the condition's place; it is made only for a problem. */
  private static void checkCondition(
      List<String> problems, Supplier<String> where, Condition condition) {
    switch (condition) {
      case Condition.Expression expression -> {
        try {
          IfCondition.of(expression.source());
        } catch (ExpressionException broken) {
          problems.add(where.get() + " condition " + broken.getMessage());
        }
      }
      case Condition.AllOf all -> all.conditions().forEach(c -> checkCondition(problems, where, c));
      case Condition.AnyOf any -> any.conditions().forEach(c -> checkCondition(problems, where, c));
      case Condition.Not not -> checkCondition(problems, where, not.condition());
      default -> {}
    }
  }

  /** A concurrency group key must parse and may not read secrets: keys appear in reasons. */
  private static void checkGroupKey(List<String> problems, String where, String key) {
    try {
      Templates.expressions(key);
    } catch (ExpressionException broken) {
      problems.add(where + " concurrency group: " + broken.getMessage());
    }
    if (!EnvTemplates.secretNames(key).isEmpty()) {
      problems.add(
          where
              + " concurrency group refers to secrets "
              + EnvTemplates.secretNames(key)
              + " (group keys appear in cancel reasons and logs); build the key from github,"
              + " inputs, matrix or env instead");
    }
  }

  /** Parses the {@code ${{ }}} templates of environment values up front. */
  private void refuseTemplates(Pipeline pipeline) {
    List<String> problems = new ArrayList<>();
    boolean usesSecrets = false;
    // Where each scope is, made only for a problem: a trigger checks every step of the pipeline.
    List<Map.Entry<Supplier<String>, Map<String, String>>> scopes = new ArrayList<>();
    scopes.add(Map.entry(() -> placeOf(pipeline), pipeline.env()));
    for (Stage stage : pipeline.stages()) {
      for (Step step : stage.steps()) {
        String command =
            switch (step.action()) {
              case io.chengis.api.StepAction.Shell shell -> shell.command();
              case io.chengis.api.StepAction.Container container -> container.command();
              default -> "";
            };
        Supplier<String> where = () -> placeOf(stage, step);
        try {
          Templates.expressions(command);
        } catch (ExpressionException broken) {
          problems.add(where.get() + " command: " + broken.getMessage());
        }
        if (!EnvTemplates.secretNames(command).isEmpty()) {
          problems.add(
              where.get()
                  + " command refers to secrets "
                  + EnvTemplates.secretNames(command)
                  + " (secrets never go on a command line); pass them through the environment,"
                  + " e.g. env TOKEN: ${{ secrets.NAME }}, and use $TOKEN in the command");
        }
      }
      scopes.add(Map.entry(() -> placeOf(stage), stage.env()));
      stage.concurrency().ifPresent(group -> checkGroupKey(problems, placeOf(stage), group.key()));
      for (Map.Entry<String, String> output : stage.outputs().entrySet()) {
        try {
          Templates.expressions(output.getValue());
        } catch (ExpressionException broken) {
          problems.add(placeOf(stage) + " output " + output.getKey() + ": " + broken.getMessage());
        }
      }
      for (Step step : stage.steps()) {
        scopes.add(Map.entry(() -> placeOf(stage, step), step.env()));
      }
    }
    pipeline
        .concurrency()
        .ifPresent(group -> checkGroupKey(problems, placeOf(pipeline), group.key()));
    for (Map.Entry<Supplier<String>, Map<String, String>> scope : scopes) {
      for (Map.Entry<String, String> variable : scope.getValue().entrySet()) {
        usesSecrets |= !EnvTemplates.secretNames(variable.getValue()).isEmpty();
        try {
          Templates.expressions(variable.getValue());
        } catch (ExpressionException broken) {
          problems.add(
              scope.getKey().get()
                  + " environment variable "
                  + variable.getKey()
                  + ": "
                  + broken.getMessage());
        }
      }
    }
    if (usesSecrets && settings.secrets().isEmpty()) {
      problems.add(
          "pipeline \""
              + pipeline.name()
              + "\" refers to secrets, but the engine has no secret backends; configure them"
              + " with ChengisEngine.builder().secrets(...)");
    }
    if (!problems.isEmpty()) {
      throw new EngineException(
          "cannot trigger pipeline \""
              + pipeline.name()
              + "\":\n  "
              + String.join("\n  ", problems));
    }
  }

  /**
   * Takes the store's next number for the job, skipping numbers whose workspace a previous engine
   * left behind (an in-memory store starts counting from 1 again after a restart).
   */
  private long nextNumber(String job) {
    JobRef ref = new JobRef(settings.org(), JobId.of(job));
    long floor =
        workspaceFloors.computeIfAbsent(job, name -> new AtomicLong(highestWorkspace(name))).get();
    long number;
    do {
      number = settings.buildStore().nextNumber(ref);
    } while (number <= floor);
    return number;
  }

  private long highestWorkspace(String job) {
    Path jobRoot = settings.workspaceRoot().resolve(job);
    if (!Files.isDirectory(jobRoot)) {
      return 0;
    }
    try (Stream<Path> children = Files.list(jobRoot)) {
      return children
          .map(path -> path.getFileName().toString())
          .filter(name -> name.matches("[0-9]{1,18}"))
          .mapToLong(Long::parseLong)
          .max()
          .orElse(0);
    } catch (IOException unreadable) {
      throw new EngineException(
          "engine: cannot list the workspaces of job \""
              + job
              + "\" in "
              + jobRoot
              + " ("
              + unreadable.getMessage()
              + "); check the workspace root's permissions",
          unreadable);
    }
  }

  private static final class Handle implements BuildHandle {
    private final BuildRun run;

    Handle(BuildRun run) {
      this.run = run;
    }

    @Override
    public BuildId id() {
      return run.id();
    }

    @Override
    public long number() {
      return run.number();
    }

    @Override
    public Flow.Publisher<BuildEvent> events() {
      return run.journal();
    }

    @Override
    public BuildState state() {
      return run.state();
    }

    @Override
    public BuildResult await() throws InterruptedException {
      try {
        return run.result().get();
      } catch (java.util.concurrent.ExecutionException impossible) {
        throw new IllegalStateException("builds always complete with a result", impossible);
      }
    }

    @Override
    public Optional<BuildResult> await(Duration limit) throws InterruptedException {
      try {
        return Optional.of(run.result().get(limit.toNanos(), TimeUnit.NANOSECONDS));
      } catch (TimeoutException stillRunning) {
        return Optional.empty();
      } catch (java.util.concurrent.ExecutionException impossible) {
        throw new IllegalStateException("builds always complete with a result", impossible);
      }
    }

    @Override
    public void cancel(String reason) {
      run.cancel(reason);
    }

    @Override
    public void approve(String stage, Approver approver, String comment) {
      run.decide(stage, approver, true, Optional.of(comment).filter(c -> !c.isBlank()));
    }

    @Override
    public void reject(String stage, Approver approver, String comment) {
      run.decide(stage, approver, false, Optional.of(comment).filter(c -> !c.isBlank()));
    }

    @Override
    public String toString() {
      return "BuildHandle[" + run.id() + " #" + run.number() + " " + run.state() + "]";
    }
  }

  /**
   * Describes an engine. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private Path workspaceRoot = Path.of("chengis-work");
    private InstantSource clock = InstantSource.system();
    private int maxConcurrentBuilds = Math.max(2, Runtime.getRuntime().availableProcessors());
    private int maxConcurrentStages = 8;
    private int maxConcurrentSteps = 4 * Math.max(2, Runtime.getRuntime().availableProcessors());
    private Duration defaultStepTimeout = Duration.ofMinutes(60);
    private Duration killGracePeriod = Duration.ofSeconds(10);
    private String shell = "sh";
    private long outputBudget = 1024 * 1024;
    private Map<String, String> environment = System.getenv();
    private final Map<String, StepExecutor> executors = new LinkedHashMap<>();
    private OrgId org = OrgId.DEFAULT;
    private Optional<BuildStore> buildStore = Optional.empty();
    private Optional<LogStore> logStore = Optional.empty();
    private Optional<EventStore> eventStore = Optional.empty();
    private Optional<ApprovalStore> approvalStore = Optional.empty();
    private Optional<QueueStore> queueStore = Optional.empty();
    private Duration queueLease = Duration.ofSeconds(30);
    private boolean keepWaitingBuilds;
    private Optional<SecretResolver> secrets = Optional.empty();
    private Optional<ScmProvider> scm = Optional.empty();
    private Optional<CacheStore> caches = Optional.empty();
    private Duration defaultApprovalTimeout = Duration.ofHours(24);
    private Optional<EngineScheduler> scheduler = Optional.empty();
    private ZoneId timeZone = ZoneOffset.UTC;
    private Optional<ScheduleStore> scheduleStore = Optional.empty();
    private PluginRegistry plugins = PluginRegistry.empty();
    private Duration pluginTimeout = Duration.ofSeconds(30);
    private Duration checkoutTimeout = Duration.ofMinutes(10);
    private Optional<String> detailsUrl = Optional.empty();
    private boolean stageStatuses;
    private Optional<ArtifactStore> artifactStore = Optional.empty();
    private Optional<ArtifactCatalog> artifactCatalog = Optional.empty();
    private boolean collectArtifactsOnFailure = true;
    private Optional<Duration> deduplicateWithin = Optional.empty();

    private Builder() {}

    /**
     * Keeps artifacts in this store (default: a {@link LocalArtifactStore} in {@code
     * .chengis/artifacts} under the workspace root, made when the first artifact is stored).
     *
     * @param store the store
     * @return this builder
     */
    public Builder artifactStore(ArtifactStore store) {
      this.artifactStore = Optional.of(Objects.requireNonNull(store, "store"));
      return this;
    }

    /**
     * Records the metadata of stored artifacts here (default: in memory).
     *
     * @param catalog the catalog, e.g. {@code SqlStores.artifactCatalog()}
     * @return this builder
     */
    public Builder artifactCatalog(ArtifactCatalog catalog) {
      this.artifactCatalog = Optional.of(Objects.requireNonNull(catalog, "catalog"));
      return this;
    }

    /**
     * Whether artifacts are collected after a build that did not succeed (default {@code true});
     * when {@code true}, each declaration still decides for itself (e.g. {@code onlyOnSuccess()}).
     *
     * @param enabled {@code false} to collect only after successful builds
     * @return this builder
     */
    public Builder collectArtifactsOnFailure(boolean enabled) {
      this.collectArtifactsOnFailure = enabled;
      return this;
    }

    /**
     * Answers a trigger with an earlier build instead of starting a new one when that build of the
     * same job succeeded for the same commit and the same parameter values, and was queued within
     * the window (default: off, every trigger starts a build). Triggers without a commit always
     * start a build.
     *
     * @param window a positive duration
     * @return this builder
     */
    public Builder deduplicateWithin(Duration window) {
      this.deduplicateWithin = Optional.of(positive(window, "deduplicateWithin"));
      return this;
    }

    /**
     * Uses these plugins: the pipeline's notifications go to the registry's notifiers, every build
     * that knows its repository and commit is reported to the registry's SCM status reporters, and
     * the registry's step executors run their step types (an executor given with {@link #executor}
     * wins) (default: none).
     *
     * @param registry the plugins
     * @return this builder
     */
    public Builder plugins(PluginRegistry registry) {
      this.plugins = Objects.requireNonNull(registry, "plugins");
      return this;
    }

    /**
     * Bounds every call into a notifier or status reporter (default 30 seconds); a call that takes
     * longer is abandoned and recorded as a warning on the build.
     *
     * @param limit a positive duration
     * @return this builder
     */
    public Builder pluginTimeout(Duration limit) {
      this.pluginTimeout = positive(limit, "pluginTimeout");
      return this;
    }

    /**
     * Sets the link to a build that statuses and notifications carry, with the placeholders {@code
     * {org}}, {@code {job}}, {@code {number}} and {@code {build}}, e.g. {@code
     * https://ci.example.com/{job}/{number}} (default: no link).
     *
     * @param template the URL template
     * @return this builder
     */
    public Builder detailsUrl(String template) {
      this.detailsUrl = Optional.of(Objects.requireNonNull(template, "template"));
      return this;
    }

    /**
     * Publishes a commit status per stage as well as the build's (default: only the build's).
     *
     * @param enabled whether to
     * @return this builder
     */
    public Builder stageStatuses(boolean enabled) {
      this.stageStatuses = enabled;
      return this;
    }

    /**
     * Sets the organization the engine's builds belong to (default {@link OrgId#DEFAULT}).
     *
     * @param organization the organization
     * @return this builder
     */
    public Builder org(OrgId organization) {
      this.org = Objects.requireNonNull(organization, "org");
      return this;
    }

    /**
     * Keeps build records in this store (default: in memory).
     *
     * @param store the store
     * @return this builder
     */
    public Builder buildStore(BuildStore store) {
      this.buildStore = Optional.of(store);
      return this;
    }

    /**
     * Keeps log lines in this store (default: in memory).
     *
     * @param store the store
     * @return this builder
     */
    public Builder logStore(LogStore store) {
      this.logStore = Optional.of(store);
      return this;
    }

    /**
     * Keeps events in this store (default: in memory), from which they can be replayed.
     *
     * @param store the store
     * @return this builder
     */
    public Builder eventStore(EventStore store) {
      this.eventStore = Optional.of(store);
      return this;
    }

    /**
     * Keeps approval gates and their votes in this store (default: in memory), so that a build
     * waiting for approval can be {@linkplain ChengisEngine#resume resumed} by another engine.
     *
     * @param store the store
     * @return this builder
     */
    public Builder approvalStore(ApprovalStore store) {
      this.approvalStore = Optional.of(Objects.requireNonNull(store, "store"));
      return this;
    }

    /**
     * Puts the builds of pipelines whose crash policy requeues them ({@code Pipeline.onCrash()})
     * through this queue: such a build is queued and claimed by this engine when it is triggered,
     * its lease renewed while it runs or waits and completed when it ends; {@link
     * ChengisEngine#resume} claims it again after its process died (default: no queue; a crash
     * concludes every build).
     *
     * @param store the queue, shared by the engines that resume each other's builds
     * @return this builder
     */
    public Builder queueStore(QueueStore store) {
      this.queueStore = Optional.of(Objects.requireNonNull(store, "store"));
      return this;
    }

    /**
     * Leaves builds that wait for approval waiting when the engine closes, instead of cancelling
     * them (default: cancel), so that a planned restart keeps them: with stores that outlive the
     * process ({@code chengis-store}), the next engine resumes them with {@link
     * ChengisEngine#resume}. Their handles in this process never complete, and a stage of theirs
     * running beside the gate is not stopped.
     *
     * @param keep whether to leave them waiting
     * @return this builder
     */
    public Builder keepWaitingBuilds(boolean keep) {
      this.keepWaitingBuilds = keep;
      return this;
    }

    /**
     * Sets how long a queue lease lasts without renewal (default 30 seconds); the engine renews it
     * every third of that.
     *
     * @param limit a positive duration
     * @return this builder
     */
    public Builder queueLease(Duration limit) {
      this.queueLease = positive(limit, "queueLease");
      return this;
    }

    /**
     * Resolves the {@code ${{ secrets.NAME }}} references in environment values; every read is
     * audited by the resolver and the value is masked in the build's output.
     *
     * @param resolver the resolver
     * @return this builder
     */
    public Builder secrets(SecretResolver resolver) {
      this.secrets = Optional.of(resolver);
      return this;
    }

    /**
     * Checks out the source of pipelines that declare one ({@code chengis-git}'s {@code
     * GitScmProvider}, or any {@link ScmProvider}); its credential is resolved through the {@link
     * #secrets secret resolver} and masked. Without a provider, a build of a pipeline with a source
     * fails before its first stage.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder scm(ScmProvider provider) {
      this.scm = Optional.of(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /**
     * Bounds each checkout of the {@link #scm SCM provider} (default 10 minutes: a first clone of a
     * large repository takes a while); a checkout that takes longer is abandoned and fails the
     * build with a reason naming the provider, as does anything the provider throws.
     *
     * @param limit a positive duration
     * @return this builder
     */
    public Builder checkoutTimeout(Duration limit) {
      this.checkoutTimeout = positive(limit, "checkoutTimeout");
      return this;
    }

    /**
     * Keeps dependency caches ({@code cache} of a stage) and cached stage results ({@code
     * cacheResult}) in this store, e.g. a {@link LocalCacheStore} or a store from the plugin
     * registry (default: a {@link LocalCacheStore} of 2 GiB in {@code .chengis/caches} under the
     * workspace root, created when a build first uses it).
     *
     * @param store the store
     * @return this builder
     */
    public Builder caches(CacheStore store) {
      this.caches = Optional.of(Objects.requireNonNull(store, "caches"));
      return this;
    }

    /**
     * Sets how long an approval gate without its own timeout waits (default 24 hours).
     *
     * @param limit a positive duration
     * @return this builder
     */
    public Builder defaultApprovalTimeout(Duration limit) {
      this.defaultApprovalTimeout = positive(limit, "defaultApprovalTimeout");
      return this;
    }

    /**
     * Sets where workspaces are made ({@code <root>/<job>/<number>}); default {@code chengis-work}
     * in the working directory.
     *
     * @param root the directory
     * @return this builder
     */
    public Builder workspaceRoot(Path root) {
      this.workspaceRoot = Objects.requireNonNull(root, "root");
      return this;
    }

    /**
     * Sets the engine's clock (timestamps of events and results).
     *
     * @param source the clock
     * @return this builder
     */
    public Builder clock(InstantSource source) {
      this.clock = Objects.requireNonNull(source, "clock");
      return this;
    }

    /**
     * Sets where the engine waits on time (timeouts, retry backoff, approval timeouts) and starts
     * the threads of its builds (default: the system's monotonic clock and virtual threads). Give
     * the same time to {@link #clock(InstantSource)}; the engine closes the scheduler when it
     * closes.
     *
     * @param timers the scheduler, e.g. the virtual one of {@code chengis-testkit}
     * @return this builder
     */
    public Builder scheduler(EngineScheduler timers) {
      return schedulerInternal(timers);
    }

    /**
     * Sets the zone that the cron triggers of registered jobs are read in (default UTC), so that
     * {@code 0 2 * * *} means 02:00 there, daylight-saving changes included.
     *
     * @param zone the zone
     * @return this builder
     */
    public Builder timeZone(ZoneId zone) {
      this.timeZone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Keeps the last slot of every cron trigger in this store (default: in memory, so only for the
     * life of the process). With a store that outlives the process (the SQL stores' {@code
     * schedules()}), a restarted engine neither fires a slot twice nor forgets slots missed while
     * it was down: registering a job whose trigger missed slots starts one catch-up build for all
     * of them.
     *
     * @param store the store
     * @return this builder
     */
    public Builder scheduleStore(ScheduleStore store) {
      this.scheduleStore = Optional.of(Objects.requireNonNull(store, "store"));
      return this;
    }

    private Builder schedulerInternal(EngineScheduler timers) {
      this.scheduler = Optional.of(Objects.requireNonNull(timers, "scheduler"));
      return this;
    }

    /**
     * Bounds how many builds run at once; later builds wait in state QUEUED.
     *
     * @param limit at least 1
     * @return this builder
     */
    public Builder maxConcurrentBuilds(int limit) {
      this.maxConcurrentBuilds = positive(limit, "maxConcurrentBuilds");
      return this;
    }

    /**
     * Bounds how many stages of one build run at once (DAGs and matrices).
     *
     * @param limit at least 1
     * @return this builder
     */
    public Builder maxConcurrentStages(int limit) {
      this.maxConcurrentStages = positive(limit, "maxConcurrentStages");
      return this;
    }

    /**
     * Bounds how many steps run at once across all builds.
     *
     * @param limit at least 1
     * @return this builder
     */
    public Builder maxConcurrentSteps(int limit) {
      this.maxConcurrentSteps = positive(limit, "maxConcurrentSteps");
      return this;
    }

    /**
     * Sets the timeout of steps that declare none (default 60 minutes).
     *
     * @param limit a positive duration
     * @return this builder
     */
    public Builder defaultStepTimeout(Duration limit) {
      this.defaultStepTimeout = positive(limit, "defaultStepTimeout");
      return this;
    }

    /**
     * Sets how long a process tree gets between SIGTERM and SIGKILL (default 10 seconds).
     *
     * @param grace zero or positive
     * @return this builder
     */
    public Builder killGracePeriod(Duration grace) {
      if (grace.isNegative()) {
        throw new IllegalArgumentException(
            "killGracePeriod must not be negative (was " + grace + "); use zero or more");
      }
      this.killGracePeriod = grace;
      return this;
    }

    /**
     * Sets the shell of steps that name none (default {@code sh}).
     *
     * @param program the shell program
     * @return this builder
     */
    public Builder shell(String program) {
      this.shell = Objects.requireNonNull(program, "shell");
      return this;
    }

    /**
     * Sets the largest {@code $CHENGIS_OUTPUT} file a step may write (default 1 MiB).
     *
     * @param bytes at least 1
     * @return this builder
     */
    public Builder outputBudget(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException(
            "outputBudget must be positive (was " + bytes + "); give a size in bytes");
      }
      this.outputBudget = bytes;
      return this;
    }

    /**
     * Sets the environment every step starts from (default: this process's environment).
     *
     * @param variables the variables
     * @return this builder
     */
    public Builder environment(Map<String, String> variables) {
      this.environment = Map.copyOf(variables);
      return this;
    }

    /**
     * Registers the executor for a step type ({@code shell}, {@code container}, {@code compose} or
     * a plugin type); replaces the built-in local shell executor when the type is {@code shell}.
     *
     * @param type the step type key
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(String type, StepExecutor executor) {
      executors.put(
          Objects.requireNonNull(type, "type"), Objects.requireNonNull(executor, "executor"));
      return this;
    }

    /**
     * Builds the engine.
     *
     * @return a new engine; close it when done
     */
    public ChengisEngine build() {
      Map<String, StepExecutor> all = new LinkedHashMap<>();
      all.put("shell", new LocalShellExecutor(shell, killGracePeriod, clock));
      // Executors from the plugin registry, then those given in code, which win.
      for (String type : plugins.types(StepExecutorProvider.class)) {
        all.put(type, plugins.stepExecutor(type));
      }
      all.putAll(executors);
      Timers timers = scheduler.<Timers>map(SchedulerTimers::new).orElseGet(RealTimers::new);
      BuildStore builds = buildStore.orElseGet(InMemoryBuildStore::new);
      LogStore logs = logStore.orElseGet(InMemoryLogStore::new);
      // The default event store keeps log lines that the in-memory log store already holds once.
      EventStore events =
          eventStore.orElseGet(
              () ->
                  logs instanceof InMemoryLogStore memory
                      ? new InMemoryEventStore(memory)
                      : new InMemoryEventStore());
      Path root = workspaceRoot.toAbsolutePath().normalize();
      return new ChengisEngine(
          new EngineSettings(
              root,
              clock,
              timers,
              EventId.generator(clock),
              BuildId.generator(clock),
              Map.copyOf(all),
              environment,
              defaultStepTimeout,
              outputBudget,
              new Semaphore(maxConcurrentBuilds, true),
              maxConcurrentStages,
              new Semaphore(maxConcurrentSteps, true),
              org,
              builds,
              logs,
              events,
              secrets,
              defaultApprovalTimeout,
              new PluginHooks(
                  plugins, pluginTimeout, org, builds, secrets, detailsUrl, stageStatuses),
              scm.<ScmProvider>map(provider -> new GuardedScmProvider(provider, checkoutTimeout)),
              new SourceCheckout(builds, org, deduplicateWithin),
              new ArtifactSettings(
                  () ->
                      artifactStore.orElseGet(
                          () ->
                              LocalArtifactStore.in(root.resolve(".chengis").resolve("artifacts"))),
                  artifactCatalog.orElseGet(InMemoryArtifactCatalog::new),
                  collectArtifactsOnFailure),
              caches.orElseGet(
                  () ->
                      new DeferredCacheStore(
                          workspaceRoot.toAbsolutePath().normalize().resolve(".chengis/caches"),
                          LocalCacheStoreProvider.DEFAULT_MAX_BYTES,
                          clock)),
              approvalStore.orElseGet(InMemoryApprovalStore::new)),
          timeZone,
          scheduleStore.orElseGet(InMemoryScheduleStore::new),
          queueStore.map(
              store ->
                  new QueueLeases(
                      store,
                      org,
                      AgentId.of("engine-" + java.util.UUID.randomUUID()),
                      queueLease,
                      clock,
                      timers)),
          keepWaitingBuilds);
    }

    private static int positive(int value, String what) {
      if (value < 1) {
        throw new IllegalArgumentException(
            what + " must be at least 1 (was " + value + "); give a positive limit");
      }
      return value;
    }

    private static Duration positive(Duration value, String what) {
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(
            what + " must be positive (was " + value + "); give a positive duration");
      }
      return value;
    }
  }
}
