package io.chengis.engine.internal;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.BuildResult;
import io.chengis.api.BuildState;
import io.chengis.api.Conclusion;
import io.chengis.api.JobId;
import io.chengis.api.Notification;
import io.chengis.api.OrgId;
import io.chengis.api.Pipeline;
import io.chengis.api.SourceSpec;
import io.chengis.api.spi.BuildQuery;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildStore;
import io.chengis.api.spi.JobRef;
import io.chengis.api.spi.NotificationRequest;
import io.chengis.api.spi.NotifierProvider;
import io.chengis.api.spi.ScmStatusReporter;
import io.chengis.api.spi.ScmStatusReporterProvider;
import io.chengis.api.spi.StatusReport;
import io.chengis.engine.TriggerRequest;
import io.chengis.engine.plugins.PluginRegistry;
import io.chengis.engine.secrets.SecretRequest;
import io.chengis.engine.secrets.SecretResolver;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where builds meet plugins: publishes commit statuses to the SCM status reporters as a build moves
 * (queued, running, waiting, each stage when asked, finished) and sends the pipeline's
 * notifications when it finishes. Every call is guarded ({@link PluginCalls}); failures become
 * warnings on the build, never a failed build or a dead engine thread.
 *
 * <p>Thread-safe.
 */
public final class PluginHooks {
  private static final Pattern SECRET =
      Pattern.compile("\\$\\{\\{\\s*secrets\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

  private final PluginRegistry registry;
  private final Duration timeout;
  private final OrgId org;
  private final BuildStore builds;
  private final Optional<SecretResolver> secrets;
  private final Optional<String> detailsUrl;
  private final boolean stageStatuses;
  private final Map<BuildId, Watch> watches = new ConcurrentHashMap<>();

  /**
   * Creates the hooks.
   *
   * @param registry the plugins
   * @param timeout the longest any one plugin call may take
   * @param org the engine's organization
   * @param builds the build store, for the previous build's conclusion
   * @param secrets resolves {@code ${{ secrets.NAME }}} in notification settings
   * @param detailsUrl the link to a build, with {@code {org} {job} {number} {build}} placeholders
   * @param stageStatuses whether to publish a status per stage as well as per build
   */
  public PluginHooks(
      PluginRegistry registry,
      Duration timeout,
      OrgId org,
      BuildStore builds,
      Optional<SecretResolver> secrets,
      Optional<String> detailsUrl,
      boolean stageStatuses) {
    this.registry = registry;
    this.timeout = timeout;
    this.org = org;
    this.builds = builds;
    this.secrets = secrets;
    this.detailsUrl = detailsUrl;
    this.stageStatuses = stageStatuses;
  }

  /**
   * Starts following a build that was just queued: when status reporters are configured and the
   * build knows its repository and commit, its events become commit statuses.
   *
   * @param build the build
   * @param number its number
   * @param pipeline its pipeline
   * @param request how it was triggered
   * @param events its journal
   */
  public void watch(
      BuildId build, long number, Pipeline pipeline, TriggerRequest request, EventJournal events) {
    Optional<String> repository =
        request
            .scm()
            .map(io.chengis.api.ScmEvent::repositoryUrl)
            .or(() -> pipeline.source().map(SourceSpec::url));
    Map<String, ScmStatusReporter> reporters = Map.of();
    if (!registry.types(ScmStatusReporterProvider.class).isEmpty()) {
      // Creating a reporter is a plugin call too (it may open connections): guarded.
      java.util.concurrent.atomic.AtomicReference<Map<String, ScmStatusReporter>> made =
          new java.util.concurrent.atomic.AtomicReference<>(Map.of());
      Optional<String> broken =
          PluginCalls.call(
              "SCM status reporters",
              timeout,
              () -> made.set(registry.statusReporters()),
              List.of());
      if (broken.isPresent()) {
        Watch watch =
            new Watch(
                build, number, pipeline, Optional.empty(), Optional.empty(), Map.of(), events);
        watch.warnings.add(broken.get());
        watches.put(build, watch);
        return;
      }
      reporters = made.get();
    }
    Watch watch =
        new Watch(
            build, number, pipeline, repository, request.commit(), Map.copyOf(reporters), events);
    watches.put(build, watch);
    if (watch.reports()) {
      events.subscribe(watch);
    }
  }

  /**
   * Runs the plugins' part of the end of a build: waits until the statuses of earlier transitions
   * are out, publishes the final status and sends the notifications whose rule matches.
   *
   * @param result the build's result
   * @return the warnings of failed plugin calls, in the order they happened
   */
  public List<String> finishing(BuildResult result) {
    Watch watch = watches.remove(result.buildId());
    if (watch == null) {
      return List.of();
    }
    List<String> warnings = new ArrayList<>(watch.caughtUp());
    if (watch.reports()) {
      StatusReport report =
          watch.report(
              BuildState.FINISHED,
              Optional.of(result.conclusion()),
              "Build #" + result.number() + " " + words(result.conclusion()) + duration(result),
              Optional.empty());
      warnings.addAll(watch.publish(report));
    }
    warnings.addAll(notify(watch.pipeline, result));
    return List.copyOf(warnings);
  }

  private List<String> notify(Pipeline pipeline, BuildResult result) {
    if (pipeline.notifications().isEmpty()) {
      return List.of();
    }
    List<String> warnings = new ArrayList<>();
    Optional<Conclusion> previous = previous(result, warnings);
    for (Notification notification : pipeline.notifications()) {
      String what = "notification \"" + notification.type() + "\"";
      if (!matches(notification, result.conclusion(), previous)) {
        continue;
      }
      List<String> revealed = new ArrayList<>();
      Optional<Map<String, String>> config =
          resolve(what, result.jobId(), notification.config(), revealed, warnings);
      if (config.isEmpty()) {
        continue;
      }
      revealed.addAll(config.get().values());
      try {
        registry.provider(NotifierProvider.class, notification.type());
      } catch (RuntimeException missing) {
        warnings.add(what + " was not sent: " + PluginCalls.mask(missing.getMessage(), revealed));
        continue;
      }
      NotificationRequest request =
          new NotificationRequest(
              org,
              result,
              config.get(),
              previous,
              link(result.jobId(), result.number(), result.buildId()));
      // The notifier is created (once, by the registry) inside the guarded call as well.
      PluginCalls.call(
              what, timeout, () -> registry.notifier(notification.type()).send(request), revealed)
          .ifPresent(warnings::add);
    }
    return warnings;
  }

  private static boolean matches(
      Notification notification, Conclusion now, Optional<Conclusion> previous) {
    return switch (notification.when()) {
      case ALWAYS -> true;
      case ON_SUCCESS -> !now.isFailing();
      case ON_FAILURE -> now.isFailing();
      // The first build of a job is a change: there was no state before it to keep.
      case ON_CHANGE -> previous.map(p -> p.isFailing() != now.isFailing()).orElse(true);
    };
  }

  private Optional<Conclusion> previous(BuildResult result, List<String> warnings) {
    try {
      return builds
          .list(new BuildQuery(new JobRef(org, result.jobId()), Optional.empty(), 50))
          .items()
          .stream()
          .filter(record -> record.number() < result.number())
          .map(BuildRecord::result)
          .flatMap(Optional::stream)
          .map(BuildResult::conclusion)
          .filter(conclusion -> conclusion != Conclusion.SKIPPED)
          .findFirst();
    } catch (RuntimeException broken) {
      warnings.add(
          "notifications: the previous build's conclusion could not be read from the build store ("
              + broken.getMessage()
              + "); on-change notifications treat this build as a change");
      return Optional.empty();
    }
  }

  private Optional<Map<String, String>> resolve(
      String what,
      JobId job,
      Map<String, String> config,
      List<String> revealed,
      List<String> warnings) {
    Map<String, String> resolved = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> entry : config.entrySet()) {
      Matcher matcher = SECRET.matcher(entry.getValue());
      StringBuilder value = new StringBuilder();
      while (matcher.find()) {
        String name = matcher.group(1);
        Optional<String> secret;
        try {
          secret =
              secrets.flatMap(
                  resolver ->
                      resolver
                          .resolve(SecretRequest.of(org, job, name, "notification"))
                          .map(io.chengis.api.Secret::reveal));
        } catch (RuntimeException broken) {
          secret = Optional.empty();
        }
        if (secret.isEmpty()) {
          warnings.add(
              what
                  + " was not sent: setting \""
                  + entry.getKey()
                  + "\" uses secret "
                  + name
                  + ", which "
                  + (secrets.isPresent() ? "no secret backend has" : "cannot be resolved")
                  + "; define the secret"
                  + (secrets.isPresent() ? "" : " and give the engine a secret resolver"));
          return Optional.empty();
        }
        revealed.add(secret.get());
        matcher.appendReplacement(value, Matcher.quoteReplacement(secret.get()));
      }
      matcher.appendTail(value);
      resolved.put(entry.getKey(), value.toString());
    }
    return Optional.of(resolved);
  }

  /** The build's link from the details URL template, when the engine has one. */
  Optional<URI> link(JobId job, long number, BuildId build) {
    return detailsUrl.map(
        template ->
            URI.create(
                template
                    .replace("{org}", org.toString())
                    .replace("{job}", job.toString())
                    .replace("{number}", Long.toString(number))
                    .replace("{build}", build.toString())));
  }

  private static String words(Conclusion conclusion) {
    return switch (conclusion) {
      case SUCCESS -> "succeeded";
      case FAILURE -> "failed";
      case CANCELLED -> "was cancelled";
      case TIMED_OUT -> "timed out";
      case SKIPPED -> "was skipped";
    };
  }

  private static String duration(BuildResult result) {
    if (result.startedAt().isEmpty() || result.finishedAt().isEmpty()) {
      return "";
    }
    Duration took = Duration.between(result.startedAt().get(), result.finishedAt().get());
    return " in " + took.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  /** One build followed for status reports; its subscriber runs on the journal's own thread. */
  private final class Watch implements Flow.Subscriber<BuildEvent> {
    private final BuildId build;
    private final long number;
    private final Pipeline pipeline;
    private final Optional<String> repository;
    private final Optional<String> commit;
    private final Map<String, ScmStatusReporter> reporters;
    private final EventJournal journal;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    private long seen;
    private long expected;
    private boolean ended;

    Watch(
        BuildId build,
        long number,
        Pipeline pipeline,
        Optional<String> repository,
        Optional<String> commit,
        Map<String, ScmStatusReporter> reporters,
        EventJournal journal) {
      this.journal = journal;
      this.build = build;
      this.number = number;
      this.pipeline = pipeline;
      this.repository = repository;
      this.commit = commit;
      this.reporters = reporters;
    }

    boolean reports() {
      return !reporters.isEmpty() && repository.isPresent() && commit.isPresent();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(BuildEvent event) {
      try {
        Optional<StatusReport> report =
            switch (event) {
              case BuildEvent.BuildQueued queued ->
                  Optional.of(
                      report(
                          BuildState.QUEUED,
                          Optional.empty(),
                          "Build #" + number + " is queued",
                          Optional.empty()));
              case BuildEvent.BuildStarted started ->
                  Optional.of(
                      report(
                          BuildState.RUNNING,
                          Optional.empty(),
                          "Build #" + number + " is running",
                          Optional.empty()));
              case BuildEvent.BuildWaiting waiting ->
                  Optional.of(
                      report(
                          BuildState.WAITING,
                          Optional.empty(),
                          "Build #" + number + " waits for approval of " + waiting.stage(),
                          Optional.empty()));
              case BuildEvent.StageStarted stage when stageStatuses ->
                  Optional.of(
                      report(
                          BuildState.RUNNING,
                          Optional.empty(),
                          "Stage " + stage.stage() + " is running",
                          Optional.of(stage.stage())));
              case BuildEvent.StageFinished stage when stageStatuses ->
                  Optional.of(
                      report(
                          BuildState.FINISHED,
                          Optional.of(stage.result().conclusion()),
                          "Stage "
                              + stage.result().name()
                              + " "
                              + words(stage.result().conclusion()),
                          Optional.of(stage.result().name())));
              default -> Optional.empty();
            };
        report.ifPresent(r -> warnings.addAll(publish(r)));
      } finally {
        lock.lock();
        try {
          seen++;
          progressed.signalAll();
        } finally {
          lock.unlock();
        }
      }
    }

    @Override
    public void onError(Throwable throwable) {
      end();
    }

    @Override
    public void onComplete() {
      end();
    }

    private void end() {
      lock.lock();
      try {
        ended = true;
        progressed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    /**
     * Waits until the subscriber has published the statuses of every event so far, so the final
     * status is the last one the forge sees; gives up when it stops making progress.
     */
    List<String> caughtUp() {
      if (!reports()) {
        return List.copyOf(warnings);
      }
      lock.lock();
      try {
        expected = journalSize();
        Duration patience = timeout.multipliedBy(reporters.size()).plusSeconds(1);
        while (seen < expected && !ended) {
          long before = seen;
          if (!progressed.await(patience.toNanos(), TimeUnit.NANOSECONDS) && seen == before) {
            warnings.add(
                "SCM status reporters: earlier statuses of build #"
                    + number
                    + " were still being published when it finished; the final status was sent"
                    + " anyway");
            break;
          }
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      } finally {
        lock.unlock();
      }
      return List.copyOf(warnings);
    }

    private long journalSize() {
      return journal.snapshot().size();
    }

    StatusReport report(
        BuildState state,
        Optional<Conclusion> conclusion,
        String description,
        Optional<String> stage) {
      return new StatusReport(
          org,
          JobId.of(pipeline.name()),
          build,
          repository.orElseThrow(),
          commit.orElseThrow(),
          state,
          conclusion,
          description,
          link(JobId.of(pipeline.name()), number, build),
          stage);
    }

    List<String> publish(StatusReport report) {
      List<String> failed = new ArrayList<>();
      reporters.forEach(
          (type, reporter) ->
              PluginCalls.call(
                      "SCM status reporter \""
                          + type
                          + "\" ("
                          + report.state().name().toLowerCase(Locale.ROOT)
                          + report.stage().map(s -> " stage " + s).orElse("")
                          + ")",
                      timeout,
                      () -> reporter.report(report),
                      List.of())
                  .ifPresent(failed::add));
      return failed;
    }
  }
}
