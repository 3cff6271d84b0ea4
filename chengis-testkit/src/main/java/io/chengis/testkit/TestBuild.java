package io.chengis.testkit;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.BuildResult;
import io.chengis.api.LogLine;
import io.chengis.api.Pipeline;
import io.chengis.engine.Approver;
import io.chengis.engine.BuildHandle;
import io.chengis.testkit.internal.TraceBuilder;
import io.chengis.testkit.internal.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.assertj.core.api.AssertProvider;

/**
 * A build of a {@link TestEngine}, driven from the test: approve or reject its gates, cancel it,
 * wait for it, then assert on its result and trace.
 *
 * <pre>{@code
 * TestBuild build = engine.start(pipeline, TriggerRequest.manual().withBranch("main"));
 * build.approve("deploy", as("alice")).await();
 * assertThat(build).stage("deploy").succeeded();
 * }</pre>
 *
 * <p>Not thread-safe: drive it from the test's thread.
 *
 * @since 0.1.0
 */
public final class TestBuild implements AssertProvider<BuildAssert> {
  private final TestEngine engine;
  private final Pipeline pipeline;
  private final BuildHandle handle;

  TestBuild(TestEngine engine, Pipeline pipeline, BuildHandle handle) {
    this.engine = engine;
    this.pipeline = pipeline;
    this.handle = handle;
  }

  /**
   * An approver without roles, for {@link #approve(String, Approver)}: {@code approve("deploy",
   * as("alice"))}.
   *
   * @param identity who decides
   * @param roles their roles
   * @return the approver
   * @since 0.1.0
   */
  public static Approver as(String identity, String... roles) {
    return new Approver(identity, Set.of(roles));
  }

  /**
   * The build's id.
   *
   * @return the id
   * @since 0.1.0
   */
  public BuildId id() {
    return handle.id();
  }

  /**
   * The build's number in its job.
   *
   * @return the number
   * @since 0.1.0
   */
  public long number() {
    return handle.number();
  }

  /**
   * The pipeline the build runs.
   *
   * @return the pipeline
   * @since 0.1.0
   */
  public Pipeline pipeline() {
    return pipeline;
  }

  /**
   * The engine's handle, for what this class does not wrap.
   *
   * @return the handle
   * @since 0.1.0
   */
  public BuildHandle handle() {
    return handle;
  }

  /**
   * Whether the build has finished.
   *
   * @return {@code true} once its result is there
   * @since 0.1.0
   */
  public boolean isFinished() {
    try {
      return handle.await(Duration.ZERO).isPresent();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Waits for the build to finish. Under virtual time the clock skips ahead whenever all work is
   * waiting on time, so timeouts, backoffs and approval timeouts pass at once.
   *
   * @return this build
   * @throws AssertionError when the build waits on nothing time can change (an approval without a
   *     decision, say), does not finish within the real-time limit, or ran a step without a stub
   *     while unstubbed steps fail
   * @since 0.1.0
   */
  public TestBuild await() {
    Optional<VirtualScheduler> virtual = engine.virtual();
    if (virtual.isPresent()) {
      if (!virtual.get().runUntil(this::isFinished)) {
        throw new AssertionError(
            "build "
                + describe()
                + " cannot finish: it waits on something virtual time cannot bring (state "
                + handle.state()
                + ", pending approvals: "
                + pendingApprovals()
                + ", engine threads: "
                + virtual.get().describeThreads()
                + "); approve or reject with approve(stage, as(user)), or cancel it");
      }
    } else {
      try {
        if (handle.await(engine.realLimit()).isEmpty()) {
          throw new AssertionError(
              "build "
                  + describe()
                  + " did not finish within "
                  + engine.realLimit()
                  + " (state "
                  + handle.state()
                  + ", pending approvals: "
                  + pendingApprovals()
                  + "); raise TestEngine.builder().realTimeLimit(...) or cancel it");
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for build " + describe(), interrupted);
      }
    }
    List<String> unstubbed = engine.fakes().unstubbedSteps(id());
    if (!unstubbed.isEmpty()) {
      throw new AssertionError(
          "build "
              + describe()
              + " ran "
              + unstubbed.size()
              + " step attempt(s) without a stub:\n  "
              + String.join("\n  ", unstubbed));
    }
    return this;
  }

  /**
   * The build's result, once it has finished ({@link #await()} first).
   *
   * @return the result
   * @since 0.1.0
   */
  public BuildResult result() {
    await();
    try {
      return handle.await();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while reading build " + describe(), interrupted);
    }
  }

  /**
   * Approves a stage's gate, after letting the build run (virtual time included) until the stage
   * waits for it.
   *
   * @param stage the stage
   * @param approver who approves, e.g. {@code as("alice")}
   * @return this build
   * @throws AssertionError when the build finishes without the stage waiting for approval
   * @since 0.1.0
   */
  public TestBuild approve(String stage, Approver approver) {
    awaitApproval(stage);
    handle.approve(stage, approver, "");
    return this;
  }

  /**
   * Rejects a stage's gate, after letting the build run until the stage waits for it.
   *
   * @param stage the stage
   * @param approver who rejects
   * @param comment why
   * @return this build
   * @throws AssertionError when the build finishes without the stage waiting for approval
   * @since 0.1.0
   */
  public TestBuild reject(String stage, Approver approver, String comment) {
    awaitApproval(stage);
    handle.reject(stage, approver, comment);
    return this;
  }

  /**
   * Cancels the build now.
   *
   * @param reason why
   * @return this build
   * @since 0.1.0
   */
  public TestBuild cancel(String reason) {
    handle.cancel(reason);
    return this;
  }

  /**
   * Cancels the build once a duration has passed on the engine's clock (virtual in fake mode).
   *
   * @param delay how long after now
   * @return this build
   * @since 0.1.0
   */
  public TestBuild cancelAfter(Duration delay) {
    String reason = "cancelled by the test after " + TraceBuilder.duration(delay);
    Optional<VirtualScheduler> virtual = engine.virtual();
    if (virtual.isPresent()) {
      virtual.get().schedule(delay, () -> handle.cancel(reason));
    } else {
      CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS)
          .execute(() -> handle.cancel(reason));
    }
    return this;
  }

  /**
   * The build's stored events, oldest first.
   *
   * @return the events
   * @since 0.1.0
   */
  public List<BuildEvent> events() {
    return engine.engine().events(id());
  }

  /**
   * The artifacts the build stored, in the order it stored them.
   *
   * @return the artifact events
   * @since 0.1.0
   */
  public List<BuildEvent.ArtifactStored> artifacts() {
    return events().stream()
        .filter(BuildEvent.ArtifactStored.class::isInstance)
        .map(BuildEvent.ArtifactStored.class::cast)
        .toList();
  }

  /**
   * Every attempt of the build's steps, with commands and environments.
   *
   * @return the attempts, in the order they started
   * @since 0.1.0
   */
  public List<Invocation> invocations() {
    return engine.fakes().invocations(id());
  }

  /**
   * The output lines of one step, masked as the engine stores them.
   *
   * @param stage the stage
   * @param step the step
   * @return the lines' text, in order
   * @since 0.1.0
   */
  public List<String> log(String stage, String step) {
    List<String> lines = new ArrayList<>();
    for (BuildEvent event : events()) {
      if (event instanceof BuildEvent.LogBatch batch
          && batch.stage().equals(stage)
          && batch.step().equals(step)) {
        batch.lines().stream().map(LogLine::text).forEach(lines::add);
      }
    }
    return lines;
  }

  /**
   * The build's execution trace (waits for it to finish).
   *
   * @return the trace
   * @since 0.1.0
   */
  public Trace trace() {
    BuildResult result = result();
    return Trace.of(
        TraceBuilder.render(
            pipeline,
            result,
            events(),
            invocations(),
            engine.environment(),
            engine.mode() == Mode.FAKE));
  }

  /**
   * Assertions on the finished build (waits for it to finish).
   *
   * @return the assertions
   * @since 0.1.0
   */
  @Override
  public BuildAssert assertThat() {
    BuildResult result = result();
    return new BuildAssert(new BuildFacts(result, events(), invocations(), true));
  }

  private void awaitApproval(String stage) {
    Optional<VirtualScheduler> virtual = engine.virtual();
    boolean waiting;
    if (virtual.isPresent()) {
      waiting =
          virtual.get().runUntil(() -> pendingApprovals().contains(stage) || isFinished())
              && pendingApprovals().contains(stage);
    } else {
      waiting = awaitRealApproval(stage);
    }
    if (!waiting) {
      throw new AssertionError(
          "build "
              + describe()
              + ": stage \""
              + stage
              + "\" never waited for approval (state "
              + handle.state()
              + ", pending approvals: "
              + pendingApprovals()
              + (isFinished() ? ", the build has finished: " + handle.state() : "")
              + "); check the stage's name and that its condition holds");
    }
  }

  private boolean awaitRealApproval(String stage) {
    CompletableFuture<Boolean> requested = new CompletableFuture<>();
    handle
        .events()
        .subscribe(
            new Flow.Subscriber<BuildEvent>() {
              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(BuildEvent event) {
                if (event instanceof BuildEvent.ApprovalRequested r && r.stage().equals(stage)) {
                  requested.complete(true);
                }
              }

              @Override
              public void onError(Throwable failure) {
                requested.complete(false);
              }

              @Override
              public void onComplete() {
                requested.complete(false);
              }
            });
    try {
      // The engine registers the gate before it publishes the request, so it can be decided now.
      return requested.get(engine.realLimit().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException notRequested) {
      return false;
    }
  }

  /** Stages whose approval was requested and that have not finished. */
  private List<String> pendingApprovals() {
    List<String> pending = new ArrayList<>();
    for (BuildEvent event : events()) {
      if (event instanceof BuildEvent.ApprovalRequested requested) {
        pending.add(requested.stage());
      } else if (event instanceof BuildEvent.ApprovalDecided decided && !decided.approved()) {
        pending.remove(decided.stage());
      } else if (event instanceof BuildEvent.StageFinished finished) {
        pending.remove(finished.result().name());
      }
    }
    return pending;
  }

  private String describe() {
    return pipeline.name() + " #" + number();
  }

  /**
   * The build's id, number and state.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "TestBuild[" + pipeline.name() + " #" + number() + " " + handle.state() + "]";
  }
}
