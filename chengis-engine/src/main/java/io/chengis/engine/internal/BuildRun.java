package io.chengis.engine.internal;

import io.chengis.api.ApprovalGate;
import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.BuildResult;
import io.chengis.api.BuildState;
import io.chengis.api.Conclusion;
import io.chengis.api.Concurrency;
import io.chengis.api.Condition;
import io.chengis.api.ContainerSpec;
import io.chengis.api.EngineException;
import io.chengis.api.JobId;
import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.Matrix;
import io.chengis.api.Outcome;
import io.chengis.api.Pipeline;
import io.chengis.api.ResultCacheSpec;
import io.chengis.api.Secret;
import io.chengis.api.SourceSpec;
import io.chengis.api.Stage;
import io.chengis.api.StageResult;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import io.chengis.api.StepResult;
import io.chengis.api.spi.Approval;
import io.chengis.api.spi.ApprovalRequest;
import io.chengis.api.spi.ApprovalVote;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.CheckoutRequest;
import io.chengis.api.spi.EventBatch;
import io.chengis.api.spi.EventReplay;
import io.chengis.api.spi.LogChunk;
import io.chengis.api.spi.LogKey;
import io.chengis.api.spi.LogRead;
import io.chengis.api.spi.RunningServices;
import io.chengis.api.spi.ServicesContext;
import io.chengis.api.spi.SourceRevision;
import io.chengis.api.spi.StepContext;
import io.chengis.api.spi.StepExecutor;
import io.chengis.api.spi.StepExit;
import io.chengis.dsl.expression.Contexts;
import io.chengis.dsl.expression.ExpressionException;
import io.chengis.dsl.expression.IfCondition;
import io.chengis.dsl.expression.Status;
import io.chengis.dsl.expression.Templates;
import io.chengis.dsl.expression.Value;
import io.chengis.engine.Approver;
import io.chengis.engine.caches.internal.DependencyCaches;
import io.chengis.engine.caches.internal.StageResultCache;
import io.chengis.engine.secrets.SecretRequest;
import io.chengis.engine.secrets.SecretResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One build from queued to finished: it expands the matrix, runs stages in order or as a DAG, runs
 * each stage's steps, then the post actions, and publishes every transition as an event. Runs on
 * its own virtual thread; {@link #cancel} may be called from any thread.
 */
public final class BuildRun {
  private static final Duration LOG_FLUSH_INTERVAL = Duration.ofMillis(200);

  /** About how many variables the engine adds to a step's own: built-ins, step files, source. */
  private static final int ENGINE_VARIABLES = 24;

  private final EngineSettings engine;
  private final Pipeline pipeline;
  private final BuildId id;
  private final JobId job;
  private final long number;
  private final Map<String, String> parameters;
  private final Optional<String> branch;
  private final Optional<String> commit;

  /** Who started the build; empty for a resumed build whose record predates keeping it. */
  private final Optional<String> triggeredBy;

  private final int attempt;
  private final Optional<BuildId> rootBuildId;
  private final Map<String, StageResult> reused;
  private final ConcurrencyGroups groups;
  private final Instant queuedAt;

  /** When a build resumed after its process stopped: when it first started. */
  private final Optional<Instant> resumedFrom;

  private final Map<String, ApprovalWait> approvals = new ConcurrentHashMap<>();
  private final Map<String, Long> logOffsets = new ConcurrentHashMap<>();
  private final List<String> storeFailures = new CopyOnWriteArrayList<>();
  private final Map<String, StageResult> finishedStages = new ConcurrentHashMap<>();

  /** Stage instance name to the name of the declared stage it is an instance of. */
  private final Map<String, String> declaredStages = new ConcurrentHashMap<>();

  /** Declared stage whose own matrix fails fast to the instance that failed first. */
  private final Map<String, String> failedFast = new ConcurrentHashMap<>();

  /**
   * What the steps of each stage instance added through {@code $CHENGIS_ENV}/{@code $CHENGIS_PATH}.
   */
  private final Map<String, StepFiles.Added> addedByStage = new ConcurrentHashMap<>();

  /** Stage instance name to the environment layers its steps start from. */
  private final Map<String, StageEnvironment> stageEnvironments = new ConcurrentHashMap<>();

  private final AtomicBoolean anyFailure = new AtomicBoolean();
  private final ReentrantLock emitting = new ReentrantLock();
  private final CancelToken token = new CancelToken();
  private final EventJournal journal;
  private final SecretMasker masker = new SecretMasker();
  private final ArtifactCollection artifacts;
  private final CompletableFuture<BuildResult> result = new CompletableFuture<>();
  private final AtomicReference<BuildState> state = new AtomicReference<>(BuildState.QUEUED);
  private final AtomicInteger waitingStages = new AtomicInteger();
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private Path workspace = Path.of(".");
  private StepFileDirectory stepFiles;
  private Optional<SourceRevision> revision = Optional.empty();

  /**
   * Prepares a build; nothing runs until {@link #run()}.
   *
   * @param engine the engine's settings
   * @param pipeline the pipeline
   * @param id the build id
   * @param number the build number within the job
   * @param parameters the validated parameter values, defaults applied
   * @param branch the branch being built
   * @param commit the commit being built
   * @param triggeredBy who or what started the build
   * @param attempt the attempt number, 1 for a first build
   * @param rootBuildId the first build of a chain of retries, empty for a first build
   * @param reused stage results of an earlier attempt to keep instead of running the stages
   * @param groups the engine's concurrency groups, which stage groups are entered in
   */
  public BuildRun(
      EngineSettings engine,
      Pipeline pipeline,
      BuildId id,
      long number,
      Map<String, String> parameters,
      Optional<String> branch,
      Optional<String> commit,
      String triggeredBy,
      int attempt,
      Optional<BuildId> rootBuildId,
      Map<String, StageResult> reused,
      ConcurrencyGroups groups) {
    this.engine = engine;
    this.groups = groups;
    this.pipeline = pipeline;
    this.id = id;
    this.job = JobId.of(pipeline.name());
    this.number = number;
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    this.branch = branch;
    this.commit = commit;
    this.triggeredBy = Optional.of(triggeredBy);
    this.attempt = attempt;
    this.rootBuildId = rootBuildId;
    this.reused = Map.copyOf(reused);
    this.queuedAt = engine.clock().instant();
    this.resumedFrom = Optional.empty();
    this.artifacts = artifactCollection();
    this.journal = journal(engine, id);
    record(BuildState.QUEUED, Optional.empty());
    emit((eventId, at) -> new BuildEvent.BuildQueued(eventId, id, at, job, number));
  }

  /**
   * Prepares to resume a build whose process stopped (waiting for approval, or requeued after a
   * crash): same id, number and event stream; the stages that finished keep their results and do
   * not run again. Nothing runs until {@link #run()}.
   *
   * @param engine the engine's settings
   * @param pipeline the pipeline of the build's job
   * @param stored the build as the store keeps it, not finished
   * @param finished the results of the stages that finished, by stage instance name
   * @param startedAt when the build first started, if it had
   * @param groups the engine's concurrency groups, which stage groups are entered in
   */
  public BuildRun(
      EngineSettings engine,
      Pipeline pipeline,
      BuildRecord stored,
      Map<String, StageResult> finished,
      Optional<Instant> startedAt,
      ConcurrencyGroups groups) {
    this.engine = engine;
    this.groups = groups;
    this.pipeline = pipeline;
    this.id = stored.buildId();
    this.job = stored.jobId();
    this.number = stored.number();
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(stored.parameters()));
    // The trigger's branch and the commit, as the first run saw them: the same branch conditions
    // hold and the steps see the same branch and commit variables.
    this.branch = stored.branch();
    this.commit = stored.commit();
    this.triggeredBy = stored.triggeredBy();
    this.attempt = stored.attempt();
    this.rootBuildId = stored.rootBuildId();
    this.reused = Map.copyOf(finished);
    this.queuedAt = stored.queuedAt();
    this.resumedFrom = Optional.of(startedAt.orElse(stored.queuedAt()));
    this.artifacts = artifactCollection();
    this.journal = journal(engine, id);
    record(stored.state(), Optional.empty());
  }

  private ArtifactCollection artifactCollection() {
    return new ArtifactCollection(
        engine.artifacts(),
        engine.org(),
        job,
        id,
        engine.clock(),
        stored ->
            emit(
                (eventId, at) ->
                    new BuildEvent.ArtifactStored(
                        eventId, id, at, stored.path(), stored.size(), stored.sha256())));
  }

  private static EventJournal journal(EngineSettings engine, BuildId id) {
    return new EventJournal(
        (after, limit) ->
            engine
                .eventStore()
                .replay(new EventReplay(engine.org(), Optional.of(id), after, limit)));
  }

  /** The build id. */
  public BuildId id() {
    return id;
  }

  /** The build number. */
  public long number() {
    return number;
  }

  /** The build's events. */
  public EventJournal journal() {
    return journal;
  }

  /** The current state. */
  public BuildState state() {
    return state.get();
  }

  /** Completes with the result. */
  public CompletableFuture<BuildResult> result() {
    return result;
  }

  /** Secrets to mask in this build's output from now on. */
  public SecretMasker masker() {
    return masker;
  }

  /**
   * Cancels the build.
   *
   * @param reason why
   */
  public void cancel(String reason) {
    token.cancel(Outcome.CANCELLED, "build cancelled: " + reason);
  }

  /**
   * Runs an action when the build is cancelled.
   *
   * @param action the action, run on the cancelling thread; it must not block
   */
  void onCancel(Runnable action) {
    token.onCancel(action);
  }

  /** The parameter values of this build, defaults applied. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /**
   * Records a decision on the approval gate of a waiting stage.
   *
   * @param stage the stage instance name
   * @param approver who decides
   * @param approve whether they approve (or reject)
   * @param comment why, if they said
   * @throws EngineException when no approval is pending for the stage or the approver is not
   *     eligible
   */
  public void decide(String stage, Approver approver, boolean approve, Optional<String> comment) {
    ApprovalWait wait = approvals.get(stage);
    Instant now = engine.clock().instant();
    if (wait == null) {
      throw new EngineException(
          "build "
              + id
              + ": no approval is pending for stage \""
              + stage
              + "\" (pending: "
              + approvals.keySet()
              + "); decide on a stage that is waiting");
    }
    ApprovalGate gate = wait.gate();
    if (!wait.request().mayDecide(approver.identity(), approver.roles())) {
      throw new EngineException(
          "build "
              + id
              + ": "
              + approver.identity()
              + " may not decide on stage \""
              + stage
              + "\" (was roles "
              + approver.roles()
              + "); ask one of "
              + gate.approvers()
              + (gate.roles().isEmpty() ? "" : " or someone with a role in " + gate.roles()));
    }
    store(
        "approval store",
        () ->
            engine
                .approvals()
                .vote(
                    new ApprovalVote(
                        wait.request().build(),
                        stage,
                        approver.identity(),
                        approve,
                        comment.orElse(""),
                        now)));
    emit(
        (eventId, at) ->
            new BuildEvent.ApprovalDecided(
                eventId, id, at, stage, approver.identity(), approve, comment));
    if (!approve) {
      decideGate(wait, Approval.State.REJECTED, rejection(approver.identity(), comment.orElse("")));
      return;
    }
    if (wait.approvedBy().add(approver.identity())
        && wait.approvedBy().size() >= gate.minApprovals()) {
      wait.decision().complete(Optional.empty());
    }
  }

  /** Runs the build to its end on the calling thread; never throws. */
  public void run() {
    BuildResult finished;
    try {
      finished = runToEnd();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      finished = crashed("the engine thread was interrupted");
    } catch (RuntimeException | IOException bug) {
      finished = crashed("the engine failed: " + bug);
    }
    List<String> pluginWarnings =
        engine.hooks().finishing(finished).stream().map(masker::mask).toList();
    pluginWarnings.forEach(
        warning -> emit((eventId, at) -> new BuildEvent.Warning(eventId, id, at, warning)));
    BuildResult done = pluginWarnings.isEmpty() ? finished : withWarnings(finished, pluginWarnings);
    state.set(BuildState.FINISHED);
    record(BuildState.FINISHED, Optional.of(done));
    emit((eventId, at) -> new BuildEvent.BuildFinished(eventId, id, at, done));
    journal.close();
    result.complete(done);
  }

  private static BuildResult withWarnings(BuildResult result, List<String> more) {
    List<String> all = new ArrayList<>(result.warnings());
    all.addAll(more);
    return new BuildResult(
        result.buildId(),
        result.jobId(),
        result.number(),
        result.attempt(),
        result.rootBuildId(),
        result.outcome(),
        result.conclusion(),
        result.startedAt(),
        result.finishedAt(),
        result.reason(),
        result.stages(),
        result.post(),
        all);
  }

  private BuildResult crashed(String reason) {
    return endedWithoutStages(Conclusion.FAILURE, Optional.of(reason));
  }

  /** The result of a build that ended before running any stage (crashed, or cancelled queued). */
  private BuildResult endedWithoutStages(Conclusion conclusion, Optional<String> reason) {
    Instant now = engine.clock().instant();
    return new BuildResult(
        id,
        job,
        number,
        attempt,
        rootBuildId,
        outcomeOf(conclusion),
        conclusion,
        conclusion == Conclusion.CANCELLED ? Optional.empty() : Optional.of(now),
        Optional.of(now),
        reason,
        List.of(),
        List.of(),
        allWarnings());
  }

  private BuildResult runToEnd() throws InterruptedException, IOException {
    Semaphore builds = engine.buildPermits();
    CancellableWait wait = new CancellableWait();
    token.onCancel(wait::interrupt);
    try {
      builds.acquire();
    } catch (InterruptedException cancelledWhileQueued) {
      wait.done();
      if (!token.isCancelled()) {
        throw cancelledWhileQueued;
      }
      return endedWithoutStages(Conclusion.CANCELLED, token.cause().map(CancelToken.Cause::reason));
    }
    // From here on cancellation reaches steps through their tokens, never as an interrupt.
    wait.done();
    try {
      return runStarted();
    } finally {
      builds.release();
    }
  }

  private BuildResult runStarted() throws InterruptedException, IOException {
    state.set(BuildState.RUNNING);
    record(BuildState.RUNNING, Optional.empty());
    Instant startedAt = resumedFrom.orElseGet(engine.clock()::instant);
    if (resumedFrom.isEmpty()) {
      emit((eventId, at) -> new BuildEvent.BuildStarted(eventId, id, at));
    } else {
      String warning =
          "resumed by another engine after the engine process running the build stopped; "
              + reused.size()
              + " finished stage(s) kept";
      warnings.add(warning);
      emit((eventId, at) -> new BuildEvent.Warning(eventId, id, at, warning));
    }
    workspace =
        Files.createDirectories(
            engine.workspaceRoot().resolve(pipeline.name()).resolve(Long.toString(number)));
    Optional<String> checkoutFailure = checkout();
    if (checkoutFailure.isPresent()) {
      return new BuildResult(
          id,
          job,
          number,
          attempt,
          rootBuildId,
          Outcome.FAILURE,
          Conclusion.FAILURE,
          Optional.of(startedAt),
          Optional.of(engine.clock().instant()),
          checkoutFailure,
          List.of(),
          List.of(),
          allWarnings());
    }
    // One directory per build, so that a container step, which gets the directory of its
    // $CHENGIS_OUTPUT mounted, sees no other build's step files; not nested, as each directory
    // made and removed costs the build a journalled write. Made after the checkout, so that a
    // build whose checkout failed leaves none behind.
    stepFiles =
        StepFileDirectory.create(engine.workspaceRoot().resolve(".chengis").resolve(id.toString()));
    Optional<Timers.Scheduled> buildTimeout =
        pipeline.timeout().map(limit -> timeOut(token, limit, "build"));
    // Pipeline-level caches span the build: restored before the first stage, saved after the last
    // when the build succeeded. Their log lines go to a "cache" step of a "cache" stage.
    StageInstance whole =
        new StageInstance("cache", Stage.of("cache", List.of()), Map.of(), List.of());
    DependencyCaches buildCaches =
        new DependencyCaches(
            engine.caches(), pipeline.name(), workspace, cacheLog(whole), this::warn);
    buildCaches.restore(
        pipeline.caches(),
        template -> Templates.render(template, contexts(whole, List.of(), buildStatus())));
    List<StageResult> stages;
    try {
      stages = runStages();
    } finally {
      buildTimeout.ifPresent(Timers.Scheduled::cancel);
    }
    Conclusion conclusion =
        Conclusion.combine(stages.stream().map(StageResult::conclusion).toList());
    if (token.cause().isPresent() && conclusion == Conclusion.SUCCESS) {
      conclusion = token.cause().get().outcome().conclusion();
    }
    buildCaches.save(conclusion == Conclusion.SUCCESS);
    collectArtifacts(conclusion);
    List<StepResult> post = runPost(conclusion);
    releaseExecutors();
    deleteOutputs();
    Instant finishedAt = engine.clock().instant();
    Outcome outcome = outcomeOf(conclusion);
    return new BuildResult(
        id,
        job,
        number,
        attempt,
        rootBuildId,
        outcome,
        conclusion,
        Optional.of(startedAt),
        Optional.of(finishedAt),
        token.cause().map(CancelToken.Cause::reason),
        stages,
        post,
        allWarnings());
  }

  /** Stores the declared artifacts; refusals and store failures become warnings. */
  private void collectArtifacts(Conclusion conclusion) {
    for (String warning : artifacts.collect(workspace, pipeline.artifacts(), conclusion)) {
      String masked = masker.mask(warning);
      warnings.add(masked);
      emit((eventId, at) -> new BuildEvent.Warning(eventId, id, at, masked));
    }
  }

  private List<String> allWarnings() {
    List<String> all = new ArrayList<>(warnings);
    all.addAll(storeFailures);
    return List.copyOf(all);
  }

  // --- source -------------------------------------------------------------------------------

  /**
   * Checks the pipeline's source out into the workspace; the reason the build fails when it could
   * not.
   */
  private Optional<String> checkout() throws InterruptedException {
    if (pipeline.source().isEmpty()) {
      return Optional.empty();
    }
    SourceSpec source = SourceCheckout.effective(pipeline.source().get(), branch, commit);
    if (engine.scm().isEmpty()) {
      // Hosts and test kits that fill workspaces themselves keep working; the result says why
      // nothing was checked out.
      warnings.add(
          "the pipeline declares a source ("
              + source.url().replaceAll("//[^/@]*@", "//***@")
              + "), but the engine has no SCM provider, so nothing was checked out; configure one"
              + " with ChengisEngine.builder().scm(GitScmProvider.withMirrors(directory))");
      return Optional.empty();
    }
    Optional<Secret> credential;
    try {
      credential = source.credentials().map(ref -> sourceCredential(ref.name()));
    } catch (MissingSecretException missing) {
      return Optional.of(missing.getMessage());
    }
    List<LogLine> lines = new ArrayList<>();
    ReentrantLock linesLock = new ReentrantLock();
    try {
      SourceRevision checkedOut =
          engine
              .scm()
              .get()
              .checkout(
                  new CheckoutRequest(
                      id,
                      source,
                      credential,
                      workspace,
                      line -> {
                        linesLock.lock();
                        try {
                          lines.add(
                              new LogLine(
                                  line.timestamp(), line.stream(), masker.mask(line.text())));
                        } finally {
                          linesLock.unlock();
                        }
                      },
                      token,
                      engine.sources().baseCommit(job)));
      revision = Optional.of(checkedOut);
      return Optional.empty();
    } catch (InterruptedException stopped) {
      if (!token.isCancelled()) {
        throw stopped;
      }
      // Cancelled while checking out: every stage is skipped with the cancellation's reason.
      return Optional.empty();
    } catch (RuntimeException failed) {
      return Optional.of("checkout failed: " + masker.mask(String.valueOf(failed.getMessage())));
    } finally {
      linesLock.lock();
      try {
        if (!lines.isEmpty()) {
          publishLines("checkout", "git", List.copyOf(lines));
        }
      } finally {
        linesLock.unlock();
      }
    }
  }

  /** Resolves the source's credential secret and masks it from now on. */
  private Secret sourceCredential(String name) {
    SecretResolver resolver =
        engine
            .secrets()
            .orElseThrow(
                () ->
                    new MissingSecretException(
                        "the source's credentials name secret "
                            + name
                            + ", but the engine has no secret backends; configure them with"
                            + " ChengisEngine.builder().secrets(...)"));
    Secret secret =
        resolver
            .resolve(SecretRequest.of(engine.org(), job, name, "checkout of build " + id))
            .orElseThrow(
                () ->
                    new MissingSecretException(
                        "the source's credentials name secret "
                            + name
                            + ", which no backend holds for job "
                            + job
                            + ", organization "
                            + engine.org()
                            + " or globally; add it, e.g. with the local backend's put(...)"));
    masker.register(secret.reveal());
    return secret;
  }

  // --- stages ---------------------------------------------------------------------------------

  private List<StageResult> runStages() throws InterruptedException {
    List<StageInstance> instances = StageInstance.expand(pipeline);
    instances.forEach(instance -> declaredStages.put(instance.name(), instance.stage().name()));
    Map<String, StageResult> done = new HashMap<>();
    Map<String, String> blockedBy = new HashMap<>();
    Map<String, Future<StageResult>> running = new LinkedHashMap<>();
    LinkedBlockingQueue<String> finished = new LinkedBlockingQueue<>();
    Semaphore stagePermits = new Semaphore(engine.stagePermits());
    List<StageInstance> pending = new ArrayList<>(instances);
    // Placeholder of a matrix known at run time -> the instances it expanded to.
    Map<String, List<StageInstance>> late = new LinkedHashMap<>();
    while (!pending.isEmpty() || !running.isEmpty()) {
      late.forEach(
          (placeholder, expanded) -> {
            if (!done.containsKey(placeholder)
                && expanded.stream().allMatch(i -> done.containsKey(i.name()))) {
              done.put(placeholder, done.get(expanded.getLast().name()));
              expanded.stream()
                  .filter(i -> blockedBy.containsKey(i.name()))
                  .findFirst()
                  .ifPresent(i -> blockedBy.put(placeholder, blockedBy.get(i.name())));
            }
          });
      List<StageInstance> added = new ArrayList<>();
      for (var iterator = pending.iterator(); iterator.hasNext(); ) {
        StageInstance instance = iterator.next();
        if (!instance.waitsFor().stream().allMatch(done::containsKey)) {
          continue;
        }
        int maxParallel = instance.stage().matrix().map(Matrix::maxParallel).orElse(0);
        if (maxParallel > 0
            && running.keySet().stream()
                    .filter(other -> instance.stage().name().equals(declaredStages.get(other)))
                    .count()
                >= maxParallel) {
          continue; // strategy.max-parallel: wait until an instance of this stage ends
        }
        iterator.remove();
        if (token.isCancelled()) {
          blockedBy.put(instance.name(), instance.name());
          done.put(instance.name(), skippedStage(instance, token.cause().orElseThrow().reason()));
          continue;
        }
        Optional<String> failedDependency =
            instance.waitsFor().stream()
                .filter(dependency -> blockedBy.containsKey(dependency))
                .findFirst();
        if (failedDependency.isPresent()
            && !runsAfterFailure(instance, instance.stage().condition())) {
          String root = blockedBy.get(failedDependency.get());
          blockedBy.put(instance.name(), root);
          String reason =
              pipeline.isDag()
                  ? "dependency \"" + root + "\" failed"
                  : "stage \"" + root + "\" failed";
          done.put(instance.name(), skippedStage(instance, reason));
          continue;
        }
        if (LateMatrix.isPlaceholder(instance)) {
          LateMatrix.Expansion expansion =
              LateMatrix.expand(instance, contexts(instance, List.of(), buildStatus()));
          if (expansion.failure().isPresent()) {
            StageResult refused = refusedStage(instance, expansion.failure().get());
            done.put(instance.name(), refused);
            finishedStages.put(instance.name(), refused);
            blockedBy.put(instance.name(), instance.name());
            anyFailure.set(true);
          } else {
            expansion.instances().forEach(i -> declaredStages.put(i.name(), i.stage().name()));
            late.put(instance.name(), expansion.instances());
            added.addAll(expansion.instances());
          }
          continue;
        }
        StageResult earlier = reused.get(instance.name());
        if (earlier != null) {
          done.put(instance.name(), earlier);
          if (earlier.conclusion().isFailing()) {
            blockedBy.put(instance.name(), instance.name());
            anyFailure.set(true);
          }
          if (resumedFrom.isEmpty()) { // a resumed build's stream already has them
            emit((eventId, at) -> new BuildEvent.StageFinished(eventId, id, at, earlier));
          }
          continue;
        }
        CompletableFuture<StageResult> future = new CompletableFuture<>();
        running.put(instance.name(), future);
        engine
            .timers()
            .start(
                "chengis-stage-" + instance.name(),
                () -> {
                  try {
                    stagePermits.acquire();
                    try {
                      future.complete(runStage(instance));
                    } finally {
                      stagePermits.release();
                    }
                  } catch (InterruptedException | RuntimeException failed) {
                    future.completeExceptionally(failed);
                  } finally {
                    finished.add(instance.name());
                  }
                });
      }
      pending.addAll(added);
      if (running.isEmpty()) {
        continue;
      }
      String name = finished.take();
      StageResult stageResult;
      try {
        stageResult = running.remove(name).get();
      } catch (ExecutionException failed) {
        throw new IllegalStateException("stage \"" + name + "\" crashed", failed.getCause());
      }
      done.put(name, stageResult);
      finishedStages.put(name, stageResult);
      if (stageResult.conclusion().isFailing()) {
        anyFailure.set(true);
        blockedBy.put(name, name);
        String declared = declaredStages.getOrDefault(name, name);
        pipeline
            .stage(declared)
            .flatMap(Stage::matrix)
            .filter(Matrix::failFast)
            .ifPresent(matrix -> failedFast.putIfAbsent(declared, name));
      }
    }
    return instances.stream()
        .flatMap(
            instance ->
                late.getOrDefault(instance.name(), List.of(instance)).stream()
                    .map(i -> done.get(i.name())))
        .toList();
  }

  private StageResult skippedStage(StageInstance instance, String reason) {
    StageResult skipped =
        new StageResult(
            instance.name(),
            instance.combination(),
            Outcome.SKIPPED,
            Conclusion.SKIPPED,
            Optional.empty(),
            Optional.empty(),
            Optional.of(reason),
            instance.stage().steps().stream()
                .map(step -> StepResult.skipped(step.name(), reason))
                .toList(),
            Map.of());
    emit((eventId, at) -> new BuildEvent.StageFinished(eventId, id, at, skipped));
    return skipped;
  }

  private StageResult runStage(StageInstance instance) throws InterruptedException {
    Stage stage = instance.stage();
    String failedSibling = failedFast.get(stage.name());
    if (failedSibling != null) {
      return skippedStage(
          instance, "matrix instance \"" + failedSibling + "\" failed and the matrix fails fast");
    }
    Optional<String> filtered =
        pipeline
            .source()
            .flatMap(
                source ->
                    SourceCheckout.unmet(
                        new Condition.ChangedFiles(source.paths(), source.pathsIgnore()),
                        revision,
                        "pipeline's"));
    if (filtered.isPresent()) {
      return skippedStage(instance, filtered.get());
    }
    Optional<String> unmet;
    try {
      unmet = unmet(stage.condition(), () -> contexts(instance, List.of(), buildStatus()));
    } catch (ExpressionException broken) {
      return refusedStage(instance, "condition cannot be evaluated: " + broken.getMessage());
    }
    if (unmet.isPresent()) {
      return skippedStage(instance, "condition not met: " + unmet.get());
    }
    if (stage.approval().isPresent()) {
      Optional<String> refused = awaitApproval(instance.name(), stage.approval().get());
      if (refused.isPresent()) {
        return refusedStage(instance, refused.get());
      }
    }
    CancelToken stageToken = token.child();
    Runnable leaveGroup = () -> {};
    if (stage.concurrency().isPresent()) {
      Concurrency group = stage.concurrency().get();
      try {
        leaveGroup =
            groups.enterStage(
                groupKey(group, instance),
                group.onConflict(),
                "stage \"" + instance.name() + "\" of build #" + number,
                stageToken);
      } catch (InterruptedException cancelledWhileWaiting) {
        return skippedStage(instance, stageToken.cause().orElseThrow().reason());
      }
    }
    try {
      return startedStage(instance, stageToken);
    } finally {
      leaveGroup.run();
    }
  }

  private StageResult startedStage(StageInstance instance, CancelToken stageToken)
      throws InterruptedException {
    Stage stage = instance.stage();
    Instant startedAt = engine.clock().instant();
    emit((eventId, at) -> new BuildEvent.StageStarted(eventId, id, at, instance.name()));
    Optional<String> fingerprint = stage.resultCache().flatMap(spec -> fingerprint(instance, spec));
    if (fingerprint.isPresent()) {
      Optional<StageResult> cached =
          resultCache(instance)
              .restore(instance.name(), instance.combination(), fingerprint.get(), startedAt)
              .map(StageResultCache.Hit::result);
      if (cached.isPresent()) {
        emit((eventId, at) -> new BuildEvent.StageFinished(eventId, id, at, cached.get()));
        return cached.get();
      }
    }
    DependencyCaches caches =
        new DependencyCaches(
            engine.caches(), pipeline.name(), workspace, cacheLog(instance), this::warn);
    try {
      caches.restore(
          stage.caches(),
          template -> Templates.render(template, contexts(instance, List.of(), buildStatus())));
    } catch (InterruptedException cancelled) {
      Thread.currentThread().interrupt();
      return skippedStage(instance, "cancelled while restoring caches");
    }
    Optional<Timers.Scheduled> timeout =
        stage
            .timeout()
            .map(limit -> timeOut(stageToken, limit, "stage \"" + instance.name() + "\""));
    List<StepResult> steps;
    AtomicBoolean failedFast = new AtomicBoolean();
    RunningServices services;
    try {
      services = startServices(instance, stageToken);
    } catch (ServicesFailed failed) {
      timeout.ifPresent(Timers.Scheduled::cancel);
      return refusedStage(instance, failed.getMessage());
    }
    try {
      steps =
          stage.parallel()
              ? runParallel(instance, stageToken, failedFast)
              : runSequential(instance, stageToken);
    } finally {
      timeout.ifPresent(Timers.Scheduled::cancel);
      stopServices(instance, services);
    }
    Conclusion conclusion;
    if (stageToken.cause().isPresent()) {
      conclusion = stageToken.cause().get().outcome().conclusion();
    } else {
      conclusion =
          Conclusion.combine(
              steps.stream()
                  .filter(step -> !(failedFast.get() && step.outcome() == Outcome.CANCELLED))
                  .map(StepResult::conclusion)
                  .toList());
      if (steps.stream().allMatch(step -> step.outcome() == Outcome.SKIPPED)) {
        conclusion = Conclusion.SKIPPED;
      }
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    if (stage.outputs().isEmpty()) {
      steps.forEach(step -> outputs.putAll(step.outputs()));
    } else {
      outputs.putAll(stageOutputs(instance, steps, conclusion));
    }
    StageResult stageResult =
        new StageResult(
            instance.name(),
            instance.combination(),
            outcomeOf(conclusion),
            conclusion,
            Optional.of(startedAt),
            Optional.of(engine.clock().instant()),
            stageToken.cause().map(CancelToken.Cause::reason),
            steps,
            outputs);
    caches.save(conclusion == Conclusion.SUCCESS);
    if (fingerprint.isPresent() && conclusion == Conclusion.SUCCESS) {
      resultCache(instance)
          .save(stage.resultCache().orElseThrow(), fingerprint.get(), stageResult, id, number);
    }
    emit((eventId, at) -> new BuildEvent.StageFinished(eventId, id, at, stageResult));
    return stageResult;
  }

  // --- caches ---------------------------------------------------------------------------------

  /** Writes the cache decisions of a stage to its log, as the lines of a {@code cache} step. */
  private java.util.function.Consumer<String> cacheLog(StageInstance instance) {
    return line ->
        publishLines(
            instance.name(),
            "cache",
            List.of(new LogLine(engine.clock().instant(), LogStream.STDOUT, masker.mask(line))));
  }

  private void warn(String message) {
    String warning = masker.mask(message);
    warnings.add(warning);
    emit((eventId, at) -> new BuildEvent.Warning(eventId, id, at, warning));
  }

  private StageResultCache resultCache(StageInstance instance) {
    return new StageResultCache(
        engine.caches(),
        pipeline.name(),
        workspace,
        cacheLog(instance),
        this::warn,
        (build, buildNumber) ->
            engine.hooks().link(job, buildNumber, build).map(java.net.URI::toString));
  }

  /**
   * The fingerprint of a stage with a result cache; its environment is the layered one before
   * rendering, so secret values never enter it. Empty (and a warning) when an input is unreadable.
   */
  private Optional<String> fingerprint(StageInstance instance, ResultCacheSpec spec) {
    Map<String, String> env = StageEnvironment.ownLayers(pipeline, instance, parameters);
    try {
      return Optional.of(
          StageResultCache.fingerprint(
              commit.or(() -> revision.map(SourceRevision::commit)),
              instance.stage(),
              instance.combination(),
              env,
              spec,
              workspace));
    } catch (IOException | RuntimeException unreadable) {
      warn(
          "result cache of stage \""
              + instance.name()
              + "\": the fingerprint cannot be computed ("
              + unreadable.getMessage()
              + "); the stage runs");
      return Optional.empty();
    }
  }

  /**
   * Starts the stage's service containers with the executor of container steps.
   *
   * @throws ServicesFailed when there is no such executor or a service cannot start
   */
  private RunningServices startServices(StageInstance instance, CancelToken stageToken)
      throws InterruptedException {
    List<io.chengis.api.ServiceSpec> services = instance.stage().services();
    if (services.isEmpty()) {
      return () -> {};
    }
    StepExecutor executor = engine.executors().get("container");
    if (executor == null) {
      throw new ServicesFailed(
          "stage declares services "
              + services.stream().map(io.chengis.api.ServiceSpec::name).toList()
              + ", but no executor is registered for container steps (registered: "
              + engine.executors().keySet()
              + "); add the plugin that runs containers to the engine");
    }
    try {
      return executor.startServices(
          new ServicesContext(id, engine.org(), instance.name(), services, workspace, stageToken));
    } catch (RuntimeException failed) {
      throw new ServicesFailed(
          "services could not start: " + masker.mask(String.valueOf(failed.getMessage())));
    }
  }

  private void stopServices(StageInstance instance, RunningServices services)
      throws InterruptedException {
    try {
      services.stop();
    } catch (RuntimeException failed) {
      String warning =
          "the services of stage \""
              + instance.name()
              + "\" could not be stopped: "
              + masker.mask(String.valueOf(failed.getMessage()));
      emitting.lock(); // stages run concurrently; the warnings list is not thread-safe
      try {
        warnings.add(warning);
      } finally {
        emitting.unlock();
      }
      emit((eventId, at) -> new BuildEvent.Warning(eventId, id, at, warning));
    }
  }

  /** A stage's services could not start; the message is the stage's reason. */
  private static final class ServicesFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ServicesFailed(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Evaluates a stage's declared outputs (a GitHub job's {@code outputs:}) after its steps. An
   * output that cannot be evaluated is left out with a warning; it never changes the stage's
   * conclusion.
   */
  private Map<String, String> stageOutputs(
      StageInstance instance, List<StepResult> steps, Conclusion conclusion) {
    Map<String, String> outputs = new LinkedHashMap<>();
    for (Map.Entry<String, String> output : instance.stage().outputs().entrySet()) {
      try {
        Contexts contexts =
            withSecrets(contexts(instance, steps, statusOf(conclusion)), output.getValue());
        String value = Templates.render(output.getValue(), contexts);
        if (!masker.mask(value).equals(value)) {
          secretOutput("stage \"" + instance.name() + "\"", output.getKey());
        } else {
          outputs.put(output.getKey(), value);
        }
      } catch (ExpressionException | MissingSecretException broken) {
        String warning =
            "stage \""
                + instance.name()
                + "\" output \""
                + output.getKey()
                + "\" cannot be evaluated: "
                + masker.mask(String.valueOf(broken.getMessage()));
        warnings.add(warning);
        emit((eventId, at) -> new BuildEvent.Warning(eventId, id, at, warning));
      }
    }
    return outputs;
  }

  /**
   * Drops an output that holds a secret, as GitHub Actions does: outputs travel in events and
   * results, which must never carry a secret, and a masked value would be useless downstream.
   */
  private void secretOutput(String owner, String key) {
    String warning =
        owner
            + " output \""
            + key
            + "\" is left out because it holds a secret; pass the secret itself to the steps that"
            + " need it, e.g. env TOKEN: ${{ secrets.NAME }}";
    warnings.add(warning);
    emit((eventId, at) -> new BuildEvent.Warning(eventId, id, at, warning));
  }

  /**
   * Waits, holding no platform thread, until the gate is approved, rejected, timed out or the build
   * is cancelled.
   *
   * @return why the stage may not run, or empty when it was approved
   */
  private Optional<String> awaitApproval(String stage, ApprovalGate gate)
      throws InterruptedException {
    Duration limit = gate.timeout().orElse(engine.defaultApprovalTimeout());
    Instant now = engine.clock().instant();
    BuildRef ref = new BuildRef(engine.org(), id);
    ApprovalRequest asked =
        new ApprovalRequest(
            ref,
            stage,
            gate.message(),
            gate.approvers(),
            gate.roles(),
            gate.minApprovals(),
            now,
            now.plus(limit));
    // A resumed build finds its gate recorded: the first deadline and the votes cast meanwhile
    // hold.
    store("approval store", () -> engine.approvals().request(asked));
    AtomicReference<Optional<Approval>> found = new AtomicReference<>(Optional.empty());
    store("approval store", () -> found.set(engine.approvals().find(ref, stage)));
    Optional<Approval> recorded = found.get();
    ApprovalRequest request = recorded.map(Approval::request).orElse(asked);
    ApprovalWait wait =
        new ApprovalWait(gate, request, ConcurrentHashMap.newKeySet(), new CompletableFuture<>());
    recorded.ifPresent(earlier -> applyRecorded(earlier, wait, limit));
    Duration left = Duration.between(now, request.deadline());
    Runnable timedOut =
        () -> decideGate(wait, Approval.State.TIMED_OUT, "approval timed out after " + limit);
    Timers.Scheduled timeout;
    if (left.isNegative() || left.isZero()) {
      timedOut.run(); // the deadline passed while no engine ran the build
      timeout = () -> {};
    } else {
      timeout = engine.timers().after(left, timedOut);
    }
    CancelToken waiting = token.child();
    waiting.onCancel(
        () ->
            decideGate(
                wait,
                Approval.State.CANCELLED,
                token.cause().map(CancelToken.Cause::reason).orElse("cancelled")));
    approvals.put(stage, wait);
    waitingStages.incrementAndGet();
    state.set(BuildState.WAITING);
    record(BuildState.WAITING, Optional.empty());
    if (recorded.map(earlier -> earlier.request().equals(asked)).orElse(true)) {
      emit((eventId, at) -> new BuildEvent.BuildWaiting(eventId, id, at, stage, gate.message()));
      emit(
          (eventId, at) ->
              new BuildEvent.ApprovalRequested(
                  eventId, id, at, stage, gate.message(), gate.approvers(), gate.minApprovals()));
    }
    try {
      Optional<String> refused = wait.decision().get();
      if (refused.isEmpty()) {
        Instant decided = engine.clock().instant();
        store(
            "approval store",
            () -> engine.approvals().decide(ref, stage, Approval.State.APPROVED, decided));
      }
      return refused;
    } catch (ExecutionException impossible) {
      throw new IllegalStateException("approval decisions never fail", impossible);
    } finally {
      timeout.cancel();
      approvals.remove(stage);
      if (waitingStages.decrementAndGet() == 0 && !token.isCancelled()) {
        state.set(BuildState.RUNNING);
        record(BuildState.RUNNING, Optional.empty());
      }
    }
  }

  /** Counts the votes recorded before this run reached the gate (cast while no process ran it). */
  private void applyRecorded(Approval earlier, ApprovalWait wait, Duration limit) {
    switch (earlier.state()) {
      case APPROVED -> wait.decision().complete(Optional.empty());
      case TIMED_OUT -> wait.decision().complete(Optional.of("approval timed out after " + limit));
      case CANCELLED, REJECTED, PENDING -> {
        for (ApprovalVote vote : earlier.votes()) {
          if (!vote.approve()) {
            decideGate(wait, Approval.State.REJECTED, rejection(vote.voter(), vote.comment()));
            return;
          }
          wait.approvedBy().add(vote.voter());
        }
        if (wait.approvedBy().size() >= earlier.request().required()) {
          wait.decision().complete(Optional.empty());
        }
      }
    }
  }

  private static String rejection(String voter, String comment) {
    return "rejected by " + voter + (comment.isBlank() ? "" : ": " + comment);
  }

  /** Ends the wait with a refusal, recording it; the first decision wins. */
  private void decideGate(ApprovalWait wait, Approval.State state, String reason) {
    if (wait.decision().complete(Optional.of(reason))) {
      Instant at = engine.clock().instant();
      store(
          "approval store",
          () ->
              engine.approvals().decide(wait.request().build(), wait.request().stage(), state, at));
    }
  }

  private StageResult refusedStage(StageInstance instance, String reason) {
    Instant now = engine.clock().instant();
    boolean cancelled = token.isCancelled();
    Outcome outcome = cancelled ? token.cause().orElseThrow().outcome() : Outcome.FAILURE;
    StageResult refused =
        new StageResult(
            instance.name(),
            instance.combination(),
            outcome,
            outcome.conclusion(),
            Optional.of(now),
            Optional.of(now),
            Optional.of(reason),
            instance.stage().steps().stream()
                .map(step -> StepResult.skipped(step.name(), reason))
                .toList(),
            Map.of());
    emit((eventId, at) -> new BuildEvent.StageFinished(eventId, id, at, refused));
    return refused;
  }

  /** A pending approval gate. */
  private record ApprovalWait(
      ApprovalGate gate,
      ApprovalRequest request,
      Set<String> approvedBy,
      CompletableFuture<Optional<String>> decision) {}

  private List<StepResult> runSequential(StageInstance instance, CancelToken stageToken)
      throws InterruptedException {
    List<StepResult> results = new ArrayList<>();
    Optional<String> failed = Optional.empty();
    for (Step step : instance.stage().steps()) {
      Status status = failed.isPresent() ? Status.FAILURE : buildStatus();
      if (failed.isPresent() && !runsAfterFailure(instance, step.condition())) {
        results.add(skippedStep(instance, step, "step \"" + failed.get() + "\" failed"));
        continue;
      }
      // A view, not a copy per step (quadratic in a long stage): the list grows only after the
      // step has run, and the step reads it only while it runs.
      StepResult stepResult =
          runStep(instance, step, stageToken, Collections.unmodifiableList(results), status);
      results.add(stepResult);
      if (stepResult.conclusion().isFailing()) {
        failed = Optional.of(step.name());
      }
    }
    return results;
  }

  private List<StepResult> runParallel(
      StageInstance instance, CancelToken stageToken, AtomicBoolean failedFast)
      throws InterruptedException {
    CancelToken siblings = stageToken.child();
    List<CompletableFuture<StepResult>> futures = new ArrayList<>();
    for (Step step : instance.stage().steps()) {
      CompletableFuture<StepResult> future = new CompletableFuture<>();
      futures.add(future);
      engine
          .timers()
          .start(
              "chengis-step-" + step.name(),
              () -> {
                try {
                  StepResult stepResult =
                      runStep(instance, step, siblings, List.of(), buildStatus());
                  if (instance.stage().failFast() && stepResult.conclusion().isFailing()) {
                    failedFast.set(true);
                    siblings.cancel(
                        Outcome.CANCELLED,
                        "step \"" + step.name() + "\" failed and the stage fails fast");
                  }
                  future.complete(stepResult);
                } catch (InterruptedException | RuntimeException crash) {
                  future.completeExceptionally(crash);
                }
              });
    }
    List<StepResult> results = new ArrayList<>();
    for (CompletableFuture<StepResult> future : futures) {
      try {
        results.add(future.get());
      } catch (ExecutionException crash) {
        throw new IllegalStateException("a parallel step crashed", crash.getCause());
      }
    }
    return results;
  }

  private StepResult skippedStep(StageInstance instance, Step step, String reason) {
    StepResult skipped = StepResult.skipped(step.name(), reason);
    emit((eventId, at) -> new BuildEvent.StepFinished(eventId, id, at, instance.name(), skipped));
    return skipped;
  }

  // --- steps ----------------------------------------------------------------------------------

  private StepResult runStep(
      StageInstance instance,
      Step step,
      CancelToken stageToken,
      List<StepResult> earlier,
      Status status)
      throws InterruptedException {
    if (stageToken.isCancelled()) {
      return skippedStep(instance, step, stageToken.cause().orElseThrow().reason());
    }
    Supplier<Contexts> contexts = () -> contexts(instance, earlier, status);
    Optional<String> unmet;
    try {
      unmet = unmet(step.condition(), contexts);
    } catch (ExpressionException broken) {
      return finishStep(
          instance.name(),
          step,
          Outcome.FAILURE,
          engine.clock().instant(),
          Optional.empty(),
          0,
          Optional.of("condition cannot be evaluated: " + masker.mask(broken.getMessage())),
          Map.of());
    }
    if (unmet.isPresent()) {
      return skippedStep(instance, step, "condition not met: " + unmet.get());
    }
    String stageName = instance.name();
    StepAction action = effectiveAction(instance.stage(), step);
    String executorType = executorType(action);
    StepExecutor executor =
        artifacts.executor(executorType).orElseGet(() -> engine.executors().get(executorType));
    Instant startedAt = engine.clock().instant();
    if (executor == null) {
      return finishStep(
          stageName,
          step,
          Outcome.FAILURE,
          startedAt,
          Optional.empty(),
          1,
          Optional.of(
              "no executor is registered for "
                  + executorType
                  + " steps (registered: "
                  + engine.executors().keySet()
                  + "); add the plugin that runs them to the engine"),
          Map.of());
    }
    Optional<String> badDirectory = checkWorkingDirectory(step);
    if (badDirectory.isPresent()) {
      return finishStep(
          stageName, step, Outcome.FAILURE, startedAt, Optional.empty(), 1, badDirectory, Map.of());
    }
    Step effective0 = action == step.action() ? step : withAction(step, action);
    int attempt = 0;
    while (true) {
      attempt++;
      int thisAttempt = attempt;
      Step effective = effective0;
      CancelToken stepToken = stageToken.child();
      Duration limit = step.timeout().orElse(engine.defaultStepTimeout());
      Timers.Scheduled timer = timeOut(stepToken, limit, "step \"" + step.name() + "\"");
      // Before the step's process starts: its files are found by the directory's time since.
      StepFileDirectory.Attempt files = stepFiles.startAttempt(stageName, step.name());
      Path outputFile = files.outputFile();
      emit(
          (eventId, at) ->
              new BuildEvent.StepStarted(eventId, id, at, stageName, step.name(), thisAttempt));
      // The flush timer starts with the first line: most steps print little or nothing, and a
      // timer per step costs a wake-up of the timer thread.
      PeriodicFlush flusher = new PeriodicFlush();
      StepLog log =
          new StepLog(
              masker,
              new LogWriter(
                  engine.timers()::start, lines -> publishLines(stageName, step.name(), lines)),
              flusher::schedule);
      flusher.log = log;
      StageEnvironment layers = stageEnvironment(instance);
      Map<String, String> environment;
      try {
        environment = environment(instance, layers, step, outputFile, contexts);
        effective = rendered(effective, contexts);
      } catch (MissingSecretException | ExpressionException missing) {
        timer.cancel();
        return finishStep(
            stageName,
            step,
            Outcome.FAILURE,
            startedAt,
            Optional.empty(),
            attempt,
            Optional.of(masker.mask(String.valueOf(missing.getMessage()))),
            Map.of());
      }
      StepExit exit;
      Optional<String> crash = Optional.empty();
      boolean mayHaveWrittenFiles = true;
      engine.stepPermits().acquire();
      try {
        exit =
            executor.execute(
                new StepContext(
                    id,
                    stageName,
                    step.name(),
                    effective,
                    environment,
                    workspace,
                    log,
                    stepToken,
                    engine.org(),
                    layers.inheritedBy(step.env())));
      } catch (RuntimeException executorFailed) {
        exit = StepExit.exited(-1);
        crash =
            Optional.of(
                "the "
                    + executorType
                    + " executor failed: "
                    + masker.mask(
                        executorFailed instanceof io.chengis.api.ChengisException
                            ? String.valueOf(executorFailed.getMessage())
                            : executorFailed.toString()));
      } finally {
        engine.stepPermits().release();
        timer.cancel();
        flusher.cancel();
        mayHaveWrittenFiles = stepFiles.mayHoldFilesOf(files);
        if (mayHaveWrittenFiles) {
          StepFiles.publishSummary(
              StepFiles.summaryFile(outputFile), log, engine.clock(), engine.outputBudget());
        }
        log.close();
      }
      Outcome outcome;
      Optional<String> reason;
      if (stepToken.cause().isPresent()) {
        outcome = stepToken.cause().get().outcome();
        reason = Optional.of(stepToken.cause().get().reason());
      } else if (crash.isPresent()) {
        outcome = Outcome.FAILURE;
        reason = crash;
      } else if (exit.succeeded()) {
        outcome = Outcome.SUCCESS;
        reason = Optional.empty();
      } else {
        outcome =
            exit.timedOut()
                ? Outcome.TIMED_OUT
                : exit.cancelled() ? Outcome.CANCELLED : Outcome.FAILURE;
        reason =
            Optional.of(exit.exitCode().map(code -> "exit code " + code).orElse("no exit code"));
      }
      Map<String, String> outputs = Map.of();
      if (outcome == Outcome.SUCCESS && mayHaveWrittenFiles) {
        try {
          outputs = new LinkedHashMap<>(StepOutputs.read(outputFile, engine.outputBudget()));
          outputs
              .entrySet()
              .removeIf(
                  output -> {
                    boolean secret = !masker.mask(output.getValue()).equals(output.getValue());
                    if (secret) {
                      secretOutput(
                          "stage \"" + stageName + "\" step \"" + step.name() + "\"",
                          output.getKey());
                    }
                    return secret;
                  });
        } catch (StepOutputs.OutputException | IOException unreadable) {
          outcome = Outcome.FAILURE;
          reason = Optional.of(masker.mask(unreadable.getMessage()));
        }
      }
      if ((outcome == Outcome.SUCCESS || outcome == Outcome.FAILURE) && mayHaveWrittenFiles) {
        try {
          StepFiles.collect(
              outputFile,
              engine.outputBudget(),
              addedByStage.computeIfAbsent(stageName, name -> new StepFiles.Added()));
        } catch (StepOutputs.OutputException | IOException unreadable) {
          outcome = Outcome.FAILURE;
          reason = Optional.of(masker.mask(unreadable.getMessage()));
        }
      }
      boolean retryable =
          (outcome == Outcome.FAILURE
                  || (outcome == Outcome.TIMED_OUT && !stageToken.isCancelled()))
              && attempt < step.retry().maxAttempts()
              && step.retry().retriesExitCode(exit.exitCode().orElse(-1))
              && !stageToken.isCancelled();
      // An executor that failed to run the step has no exit code to report.
      Optional<Integer> exitCode = crash.isPresent() ? Optional.empty() : exit.exitCode();
      if (!retryable) {
        return finishStep(stageName, step, outcome, startedAt, exitCode, attempt, reason, outputs);
      }
      Duration backoff = step.retry().backoffBefore(attempt + 1);
      emit(
          (eventId, at) ->
              new BuildEvent.StepRetrying(
                  eventId, id, at, stageName, step.name(), thisAttempt + 1, backoff));
      engine.timers().sleep(backoff, stageToken);
      if (stageToken.isCancelled()) {
        return finishStep(
            stageName,
            step,
            stageToken.cause().orElseThrow().outcome(),
            startedAt,
            exitCode,
            attempt,
            stageToken.cause().map(CancelToken.Cause::reason),
            Map.of());
      }
    }
  }

  /** Times out the work of a token after the limit; the reason names what timed out. */
  private Timers.Scheduled timeOut(CancelToken work, Duration limit, String what) {
    return engine
        .timers()
        .after(limit, () -> work.cancel(Outcome.TIMED_OUT, what + " timed out after " + limit));
  }

  /**
   * Publishes a step's collected lines every {@link #LOG_FLUSH_INTERVAL} from its first line until
   * called off.
   */
  private final class PeriodicFlush implements Timers.Scheduled, Runnable {
    private volatile StepLog log;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicReference<Timers.Scheduled> next = new AtomicReference<>();

    void schedule() {
      if (!stopped.get()) {
        next.set(engine.timers().after(LOG_FLUSH_INTERVAL, this));
      }
    }

    @Override
    public void run() {
      log.flush();
      schedule();
    }

    @Override
    public void cancel() {
      stopped.set(true);
      Timers.Scheduled scheduled = next.get();
      if (scheduled != null) {
        scheduled.cancel();
      }
    }
  }

  private StepResult finishStep(
      String stageName,
      Step step,
      Outcome outcome,
      Instant startedAt,
      Optional<Integer> exitCode,
      int attempts,
      Optional<String> reason,
      Map<String, String> outputs) {
    Conclusion conclusion =
        step.continueOnError() && outcome.canBeAllowed()
            ? Conclusion.SUCCESS
            : outcome.conclusion();
    StepResult stepResult =
        new StepResult(
            step.name(),
            outcome,
            conclusion,
            Optional.of(startedAt),
            Optional.of(engine.clock().instant()),
            exitCode,
            attempts,
            reason,
            outputs);
    emit((eventId, at) -> new BuildEvent.StepFinished(eventId, id, at, stageName, stepResult));
    return stepResult;
  }

  // --- post actions ---------------------------------------------------------------------------

  private List<StepResult> runPost(Conclusion conclusion) throws InterruptedException {
    List<Step> steps = new ArrayList<>(pipeline.post().always());
    steps.addAll(
        switch (conclusion) {
          case SUCCESS, SKIPPED -> pipeline.post().onSuccess();
          case FAILURE, TIMED_OUT -> pipeline.post().onFailure();
          case CANCELLED -> pipeline.post().onCancel();
        });
    if (steps.isEmpty()) {
      return List.of();
    }
    // Post actions run even when the build was cancelled, so they get a token of their own.
    CancelToken postToken = new CancelToken();
    StageInstance post = new StageInstance("post", Stage.of("post", steps), Map.of(), List.of());
    List<StepResult> results = new ArrayList<>();
    for (Step step : steps) {
      StepResult stepResult =
          runStep(post, step, postToken, List.copyOf(results), statusOf(conclusion));
      results.add(stepResult);
      if (stepResult.conclusion().isFailing()) {
        String warning =
            "post action \""
                + step.name()
                + "\" "
                + stepResult.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + stepResult.reason().map(r -> " (" + r + ")").orElse("")
                + "; the build's conclusion stays "
                + conclusion;
        warnings.add(warning);
        emit((eventId, at) -> new BuildEvent.Warning(eventId, id, at, warning));
      }
    }
    return results;
  }

  // --- environment, conditions, actions -------------------------------------------------------

  private Map<String, String> environment(
      StageInstance instance,
      StageEnvironment layers,
      Step step,
      Path outputFile,
      Supplier<Contexts> contexts) {
    // Room for the engine's own variables too (built-ins, step files, source): no rehash.
    Map<String, String> env =
        LinkedHashMap.newLinkedHashMap(
            layers.layers().size() + step.env().size() + ENGINE_VARIABLES);
    // forEach, not putAll: putAll walks an unmodifiable map's entries, wrapping each one.
    layers.layers().forEach(env::put);
    step.env().forEach(env::put);
    if (step.env().isEmpty()) {
      // Only the values that hold a reference change; the stage's layers list them.
      for (String name : layers.templated()) {
        env.put(name, renderedValue(name, env.get(name), contexts));
      }
    } else {
      env.replaceAll((name, value) -> renderedValue(name, value, contexts));
    }
    env.put("CHENGIS", "true");
    env.put("CI", "true");
    env.put("CHENGIS_BUILD_ID", id.toString());
    env.put("CHENGIS_BUILD_NUMBER", Long.toString(number));
    env.put("CHENGIS_JOB", pipeline.name());
    env.put("CHENGIS_STAGE", instance.name());
    env.put("CHENGIS_STEP", step.name());
    env.put("CHENGIS_WORKSPACE", workspace.toString());
    StepFiles.Added added = addedByStage.get(instance.name());
    if (added != null) {
      // Values from $CHENGIS_ENV are data, never templates: they enter after rendering, below the
      // step's own env.
      added
          .env()
          .forEach(
              (name, value) -> {
                if (!step.env().containsKey(name)) {
                  env.put(name, value);
                }
              });
      added.prependTo(env);
    }
    StepFiles.putVariables(outputFile, env);
    revision.ifPresent(checkedOut -> env.putAll(SourceCheckout.environment(checkedOut)));
    branch
        .or(() -> revision.flatMap(SourceRevision::branch))
        .ifPresent(name -> env.put("CHENGIS_BRANCH", name));
    commit
        .or(() -> revision.map(SourceRevision::commit))
        .ifPresent(sha -> env.put("CHENGIS_COMMIT", sha));
    return env;
  }

  /**
   * A value of a step's environment with its secret references and {@code ${{ }}} templates
   * rendered; a value that holds no reference is returned as it is.
   */
  private String renderedValue(String name, String value, Supplier<Contexts> contexts) {
    String withSecrets = EnvTemplates.substitute(value, secret -> secret(name, secret));
    return withSecrets.contains("${{")
        ? Templates.render(withSecrets, withSecrets(contexts.get(), withSecrets))
        : withSecrets;
  }

  /** The layers every step of the stage instance starts its environment from; made once. */
  private StageEnvironment stageEnvironment(StageInstance instance) {
    return stageEnvironments.computeIfAbsent(
        instance.name(),
        name -> StageEnvironment.of(engine.baseEnvironment(), pipeline, instance, parameters));
  }

  /**
   * Renders the {@code ${{ }}} templates of a step's command, as GitHub Actions does for {@code
   * run:} scripts. Secrets never reach a command line: the trigger refuses secret references in
   * commands, and the contexts given here hold none.
   */
  private static Step rendered(Step step, Supplier<Contexts> contexts) {
    StepAction action =
        switch (step.action()) {
          case StepAction.Shell shell when shell.command().contains("${{") ->
              new StepAction.Shell(
                  Templates.render(shell.command(), contexts.get()), shell.shell());
          case StepAction.Container container when container.command().contains("${{") ->
              new StepAction.Container(
                  container.container(), Templates.render(container.command(), contexts.get()));
          case StepAction.PluginStep plugin
              when ArtifactCollection.isArtifactStep(plugin.type())
                  && plugin.config().values().stream().anyMatch(v -> v.contains("${{")) -> {
            Map<String, String> config = new LinkedHashMap<>();
            plugin
                .config()
                .forEach(
                    (key, value) ->
                        config.put(
                            key,
                            value.contains("${{")
                                ? Templates.render(value, contexts.get())
                                : value));
            yield new StepAction.PluginStep(plugin.type(), config);
          }
          default -> step.action();
        };
    return action == step.action() ? step : withAction(step, action);
  }

  /** The build's status as the status functions see it before a stage or step runs. */
  private Status buildStatus() {
    if (token.isCancelled()) {
      return Status.CANCELLED;
    }
    return anyFailure.get() ? Status.FAILURE : Status.SUCCESS;
  }

  private static Status statusOf(Conclusion conclusion) {
    return switch (conclusion) {
      case SUCCESS, SKIPPED -> Status.SUCCESS;
      case FAILURE, TIMED_OUT -> Status.FAILURE;
      case CANCELLED -> Status.CANCELLED;
    };
  }

  /**
   * A concurrency group's key with its expressions rendered: the build's contexts ({@code github},
   * {@code params}/{@code inputs}, {@code env}, {@code chengis}) for a pipeline group, the stage's
   * for a stage group. A key that cannot be rendered is used as written, with a warning.
   *
   * @param group the group
   * @return the key
   */
  public String groupKey(Concurrency group) {
    return groupKey(group, new StageInstance("", Stage.of("", List.of()), Map.of(), List.of()));
  }

  private String groupKey(Concurrency group, StageInstance instance) {
    try {
      return Templates.render(group.key(), contexts(instance, List.of(), buildStatus()));
    } catch (ExpressionException broken) {
      warnings.add(
          "concurrency group \""
              + group.key()
              + "\" cannot be rendered ("
              + broken.getMessage()
              + "); it is used as written");
      return group.key();
    }
  }

  /**
   * Whether a condition asks to run even though something before it failed: an expression that uses
   * a status function ({@code always()}, {@code failure()}, ...) and holds with the FAILURE status,
   * as GitHub Actions does for {@code if: failure()} steps and jobs.
   */
  private boolean runsAfterFailure(StageInstance instance, Condition condition) {
    if (!(condition instanceof Condition.Expression expression)) {
      return false;
    }
    try {
      IfCondition test = IfCondition.of(expression.source());
      return !test.impliesSuccess() && test.test(contexts(instance, List.of(), Status.FAILURE));
    } catch (ExpressionException broken) {
      return false; // reported when the stage or step itself evaluates it
    }
  }

  /** What expressions of a stage or step can read. */
  private Contexts contexts(StageInstance instance, List<StepResult> earlier, Status status) {
    Map<String, String> env = new LinkedHashMap<>(pipeline.env());
    env.putAll(instance.stage().env());
    Optional.ofNullable(addedByStage.get(instance.name())).ifPresent(a -> env.putAll(a.env()));
    Map<String, Value> steps = new LinkedHashMap<>();
    for (StepResult step : earlier) {
      steps.put(
          step.name(),
          Value.object(
              Map.of(
                  "outputs", Value.strings(step.outputs()),
                  "outcome", Value.of(step.outcome().name().toLowerCase(Locale.ROOT)),
                  "conclusion", Value.of(step.conclusion().name().toLowerCase(Locale.ROOT)))));
    }
    Map<String, Value> stages = new LinkedHashMap<>();
    finishedStages.forEach(
        (name, stage) ->
            stages.put(
                name,
                Value.object(
                    Map.of(
                        "outputs", Value.strings(stage.outputs()),
                        "result", Value.of(stage.conclusion().name().toLowerCase(Locale.ROOT))))));
    // A matrix stage is also readable under its declared name, as needs.<job> is in GitHub Actions:
    // the worst conclusion of its instances and their outputs merged in instance order.
    Map<String, List<StageResult>> byDeclared = new LinkedHashMap<>();
    finishedStages.forEach(
        (name, stage) -> {
          String declared = declaredStages.getOrDefault(name, name);
          if (!declared.equals(name)) {
            byDeclared.computeIfAbsent(declared, d -> new ArrayList<>()).add(stage);
          }
        });
    byDeclared.forEach(
        (declared, results) -> {
          if (stages.containsKey(declared)) {
            return;
          }
          Map<String, String> merged = new LinkedHashMap<>();
          results.stream()
              .sorted(java.util.Comparator.comparing(StageResult::name))
              .forEach(result -> merged.putAll(result.outputs()));
          Conclusion worst =
              Conclusion.combine(results.stream().map(StageResult::conclusion).toList());
          if (results.stream().allMatch(r -> r.conclusion() == Conclusion.SKIPPED)) {
            worst = Conclusion.SKIPPED;
          }
          stages.put(
              declared,
              Value.object(
                  Map.of(
                      "outputs",
                      Value.strings(merged),
                      "result",
                      Value.of(worst.name().toLowerCase(Locale.ROOT)))));
        });
    Map<String, String> git = new LinkedHashMap<>();
    branch.ifPresent(
        name -> {
          git.put("ref", name.startsWith("refs/") ? name : "refs/heads/" + name);
          git.put("ref_name", name.startsWith("refs/heads/") ? name.substring(11) : name);
        });
    // As $CHENGIS_COMMIT: a resumed build's stored commit is the one its first run checked out.
    commit.or(() -> revision.map(SourceRevision::commit)).ifPresent(sha -> git.put("sha", sha));
    return Contexts.builder()
        .env(env)
        .matrix(instance.combination())
        .context("params", Value.strings(parameters))
        .context("github", Value.strings(git))
        .context(
            "chengis",
            Value.strings(
                Map.of(
                    "build_id", id.toString(),
                    "build_number", Long.toString(number),
                    "job", pipeline.name())))
        .context("steps", Value.object(steps))
        .context("stages", Value.object(stages))
        .context("job", Value.strings(Map.of("status", status.name().toLowerCase(Locale.ROOT))))
        .status(status)
        .workspace(workspace)
        .onSecretRead(masker::register)
        .build();
  }

  /**
   * The contexts with the {@code secrets} an expression refers to, resolved through the secret
   * backends (each read audited) and masked from now on. A secret no backend holds reads as the
   * empty string, as in GitHub Actions; without backends every secret does.
   */
  private Contexts withSecrets(Contexts contexts, String expression) {
    Set<String> names = SecretReferences.names(expression);
    if (names.isEmpty()) {
      return contexts;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : names) {
      String value =
          engine
              .secrets()
              .flatMap(
                  resolver ->
                      resolver.resolve(SecretRequest.of(engine.org(), job, name, "build " + id)))
              .map(Secret::reveal)
              .orElse("");
      if (!value.isEmpty()) {
        masker.register(value);
      }
      values.put(name, value);
    }
    return contexts.toBuilder().secrets(values).build();
  }

  /** Resolves a secret for an environment variable and masks it from now on. */
  private String secret(String variable, String name) {
    SecretResolver resolver =
        engine
            .secrets()
            .orElseThrow(
                () ->
                    new MissingSecretException(
                        "environment variable "
                            + variable
                            + " refers to secret "
                            + name
                            + ", but the engine has no secret backends; configure them with"
                            + " ChengisEngine.builder().secrets(...)"));
    Secret secret =
        resolver
            .resolve(SecretRequest.of(engine.org(), job, name, "build " + id))
            .orElseThrow(
                () ->
                    new MissingSecretException(
                        "environment variable "
                            + variable
                            + " refers to secret "
                            + name
                            + ", which no backend holds for job "
                            + job
                            + ", organization "
                            + engine.org()
                            + " or globally; add it, e.g. with the local backend's put(...)"));
    masker.register(secret.reveal());
    return secret.reveal();
  }

  /** A step's environment refers to a secret that cannot be resolved. */
  private static final class MissingSecretException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingSecretException(String message) {
      super(message, null, false, false);
    }
  }

  /** Why a condition does not hold, or empty when it holds. */
  private Optional<String> unmet(Condition condition, Supplier<Contexts> contexts) {
    return switch (condition) {
      case Condition.Always always -> Optional.empty();
      case Condition.Never never -> Optional.of("never");
      case Condition.OnBranch onBranch ->
          branch.isPresent() && BranchGlob.matches(onBranch.glob(), branch.get())
              ? Optional.empty()
              : Optional.of(
                  "branch "
                      + branch.map(b -> "\"" + b + "\"").orElse("unknown")
                      + " does not match \""
                      + onBranch.glob()
                      + "\"");
      case Condition.ParamEquals param ->
          param.value().equals(parameters.get(param.name()))
              ? Optional.empty()
              : Optional.of(
                  "parameter "
                      + param.name()
                      + " is \""
                      + parameters.get(param.name())
                      + "\", not \""
                      + param.value()
                      + "\"");
      case Condition.Expression expression ->
          IfCondition.of(expression.source()).test(withSecrets(contexts.get(), expression.source()))
              ? Optional.empty()
              : Optional.of("${{ " + expression.source() + " }} is false");
      case Condition.AllOf all ->
          all.conditions().stream()
              .map(c -> unmet(c, contexts))
              .flatMap(Optional::stream)
              .findFirst();
      case Condition.AnyOf any -> {
        List<String> reasons =
            any.conditions().stream()
                .map(c -> unmet(c, contexts))
                .flatMap(Optional::stream)
                .toList();
        if (any.conditions().isEmpty()) {
          yield Optional.of("anyOf() lists no condition");
        }
        yield reasons.size() < any.conditions().size()
            ? Optional.empty()
            : Optional.of(String.join(" and ", reasons));
      }
      case Condition.Not not ->
          unmet(not.condition(), contexts).isPresent()
              ? Optional.empty()
              : Optional.of("negated condition holds");
      case Condition.ChangedFiles changed -> SourceCheckout.unmet(changed, revision, "stage's");
    };
  }

  private StepAction effectiveAction(Stage stage, Step step) {
    Optional<ContainerSpec> container = stage.container().or(pipeline::container);
    if (step.action() instanceof StepAction.Shell shell && container.isPresent()) {
      return new StepAction.Container(container.get(), shell.command());
    }
    return step.action();
  }

  private static String executorType(StepAction action) {
    return switch (action) {
      case StepAction.Shell shell -> "shell";
      case StepAction.Container container -> "container";
      case StepAction.Compose compose -> "compose";
      case StepAction.PluginStep plugin -> plugin.type();
    };
  }

  private static Step withAction(Step step, StepAction action) {
    return new Step(
        step.name(),
        action,
        step.env(),
        step.workingDir(),
        step.timeout(),
        step.condition(),
        step.retry(),
        step.continueOnError(),
        step.outputs(),
        step.location());
  }

  private Optional<String> checkWorkingDirectory(Step step) {
    if (step.workingDir().isEmpty()) {
      return Optional.empty();
    }
    String dir = step.workingDir().get();
    Path resolved = workspace.resolve(dir).normalize();
    try {
      if (!Files.isDirectory(resolved)) {
        return Optional.of(
            "working directory \""
                + dir
                + "\" does not exist in the workspace; create it in an earlier step or fix the"
                + " path");
      }
      if (!resolved.toRealPath().startsWith(workspace.toRealPath())) {
        return Optional.of(
            "working directory \""
                + dir
                + "\" leads outside the workspace (through a symbolic link); use a directory"
                + " inside the workspace");
      }
    } catch (IOException unreadable) {
      return Optional.of("working directory \"" + dir + "\" cannot be read: " + unreadable);
    }
    return Optional.empty();
  }

  private void releaseExecutors() throws InterruptedException {
    for (Map.Entry<String, StepExecutor> executor : engine.executors().entrySet()) {
      try {
        executor.getValue().buildEnded(id);
      } catch (RuntimeException failed) {
        warnings.add(
            "the "
                + executor.getKey()
                + " executor could not clean up after the build: "
                + masker.mask(String.valueOf(failed.getMessage())));
      }
    }
  }

  /**
   * Removes the build's step-file directory. Steps that wrote no step files leave it empty, so one
   * removal usually does; only when it still holds files is it walked.
   */
  private void deleteOutputs() {
    try {
      Files.deleteIfExists(stepFiles.path());
    } catch (java.nio.file.DirectoryNotEmptyException holdsFiles) {
      try (var files = Files.walk(stepFiles.path())) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException ignored) {
        // Leftover output files are removed with the workspace root; nothing reads them again.
      }
    } catch (IOException ignored) {
      // As above.
    }
  }

  private static Outcome outcomeOf(Conclusion conclusion) {
    return switch (conclusion) {
      case SUCCESS -> Outcome.SUCCESS;
      case FAILURE -> Outcome.FAILURE;
      case CANCELLED -> Outcome.CANCELLED;
      case TIMED_OUT -> Outcome.TIMED_OUT;
      case SKIPPED -> Outcome.SKIPPED;
    };
  }

  /**
   * Creates an event with the next id and the current time, and appends it; one lock keeps the
   * journal in id order when stages and steps emit concurrently.
   */
  private void emit(EventFactory factory) {
    emitting.lock();
    try {
      BuildEvent event = factory.create(engine.eventIds().next(), engine.clock().instant());
      // Stored first: the journal drops only stored events from the heap.
      boolean stored =
          store(
              "event store",
              () -> engine.eventStore().append(new EventBatch(engine.org(), List.of(event))));
      journal.append(event, stored);
    } finally {
      emitting.unlock();
    }
  }

  private void publishLines(String stage, String step, List<LogLine> lines) {
    LogChunk chunk;
    emitting.lock();
    try {
      LogKey key = new LogKey(new BuildRef(engine.org(), id), stage, step);
      String name = stage + "\u0000" + step;
      if (resumedFrom.isPresent() && !logOffsets.containsKey(name)) {
        // A step run again after a crash continues its stored log instead of overwriting it.
        logOffsets.put(name, storedLines(key));
      }
      long offset = logOffsets.merge(name, (long) lines.size(), Long::sum) - lines.size();
      chunk = new LogChunk(key, offset, lines);
      store("log store", () -> engine.logStore().append(chunk));
    } finally {
      emitting.unlock();
    }
    // The chunk's copy of the lines is immutable: the event shares it instead of copying again.
    List<LogLine> copied = chunk.lines();
    emit((eventId, at) -> new BuildEvent.LogBatch(eventId, id, at, stage, step, copied));
  }

  /** How many lines the log store holds for a step; 0 when it cannot say. */
  private long storedLines(LogKey key) {
    long end = 0;
    try {
      while (true) {
        int got = engine.logStore().read(new LogRead(key, end, 10_000)).lines().size();
        end += got;
        if (got < 10_000) {
          return end;
        }
      }
    } catch (RuntimeException failed) {
      storeFailed("log store", failed);
      return end;
    }
  }

  private void record(BuildState now, Optional<BuildResult> finished) {
    store(
        "build store",
        () ->
            engine
                .buildStore()
                .save(
                    new BuildRecord(
                        engine.org(),
                        id,
                        job,
                        number,
                        attempt,
                        rootBuildId,
                        now,
                        parameters,
                        queuedAt,
                        finished,
                        revision.map(SourceRevision::commit).or(() -> commit),
                        branch,
                        triggeredBy)));
  }

  /**
   * Writes to a store; a failing store must not kill the build, so the failure becomes a warning on
   * the result (the live events still carry everything).
   *
   * @return whether the write succeeded
   */
  private boolean store(String what, Runnable write) {
    try {
      write.run();
      return true;
    } catch (RuntimeException failed) {
      storeFailed(what, failed);
      return false;
    }
  }

  private void storeFailed(String what, RuntimeException failed) {
    if (storeFailures.size() < 10) {
      storeFailures.add(
          "the " + what + " failed: " + masker.mask(String.valueOf(failed.getMessage())));
    }
  }

  @FunctionalInterface
  private interface EventFactory {
    BuildEvent create(io.chengis.api.EventId eventId, Instant at);
  }
}
