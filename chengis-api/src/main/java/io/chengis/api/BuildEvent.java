package io.chengis.api;

import io.chengis.api.internal.EventRules;
import io.chengis.api.internal.OrderedCopies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to a build, in the order it happened. A closed set: consumers switch over
 * it exhaustively. Log output travels as {@link LogBatch} events too.
 *
 * <p>Every event has a time-ordered {@link EventId} (from one {@link TimeOrderedIds} generator per
 * engine, so ids sort in publishing order), the build it belongs to and a timestamp from the
 * engine's clock. Stage names are instance names for matrix stages, e.g. {@code Build [os=linux]}.
 *
 * <p>All implementations are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface BuildEvent
    permits BuildEvent.BuildQueued,
        BuildEvent.BuildStarted,
        BuildEvent.BuildWaiting,
        BuildEvent.BuildFinished,
        BuildEvent.StageStarted,
        BuildEvent.StageFinished,
        BuildEvent.StepStarted,
        BuildEvent.StepRetrying,
        BuildEvent.StepFinished,
        BuildEvent.LogBatch,
        BuildEvent.ApprovalRequested,
        BuildEvent.ApprovalDecided,
        BuildEvent.ArtifactStored,
        BuildEvent.Warning {

  /**
   * The event's id; ids sort in the order events were made.
   *
   * @return the id
   * @since 0.1.0
   */
  EventId id();

  /**
   * The build the event belongs to.
   *
   * @return the build id
   * @since 0.1.0
   */
  BuildId buildId();

  /**
   * When it happened, by the engine's clock.
   *
   * @return the timestamp
   * @since 0.1.0
   */
  Instant timestamp();

  /**
   * A build was queued: it waits for a worker to claim it.
   *
   * @param id the event id
   * @param buildId the build
   * @param timestamp when it happened
   * @param job the job
   * @param number the build number within the job
   * @since 0.1.0
   */
  record BuildQueued(EventId id, BuildId buildId, Instant timestamp, JobId job, long number)
      implements BuildEvent {
    /** Checks and copies the components. */
    public BuildQueued {
      EventRules.check(id, buildId, timestamp);
      Objects.requireNonNull(job, "job");
    }
  }

  /**
   * A worker claimed the build and it started running.
   *
   * @param id the event id
   * @param buildId the build
   * @param timestamp when it happened
   * @since 0.1.0
   */
  record BuildStarted(EventId id, BuildId buildId, Instant timestamp) implements BuildEvent {
    /** Checks and copies the components. */
    public BuildStarted {
      EventRules.check(id, buildId, timestamp);
    }
  }

  /**
   * The build waits for an approval: it moved to {@link BuildState#WAITING}.
   *
   * @param id the event id
   * @param buildId the build
   * @param timestamp when it happened
   * @param stage the gated stage
   * @param message the gate's message to approvers
   * @since 0.1.0
   */
  record BuildWaiting(EventId id, BuildId buildId, Instant timestamp, String stage, String message)
      implements BuildEvent {
    /** Checks and copies the components. */
    public BuildWaiting {
      EventRules.check(id, buildId, timestamp);
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The build finished; the last event of a build.
   *
   * @param id the event id
   * @param buildId the build
   * @param timestamp when it happened
   * @param result the build's result
   * @since 0.1.0
   */
  record BuildFinished(EventId id, BuildId buildId, Instant timestamp, BuildResult result)
      implements BuildEvent {
    /** Checks and copies the components. */
    public BuildFinished {
      EventRules.check(id, buildId, timestamp);
      Objects.requireNonNull(result, "result");
      EventRules.checkSameBuild(buildId, result.buildId());
    }
  }

  /**
   * A stage (or matrix instance) started.
   *
   * @param id the event id
   * @param buildId the build
   * @param timestamp when it happened
   * @param stage the stage name
   * @since 0.1.0
   */
  record StageStarted(EventId id, BuildId buildId, Instant timestamp, String stage)
      implements BuildEvent {
    /** Checks and copies the components. */
    public StageStarted {
      EventRules.check(id, buildId, timestamp);
      Objects.requireNonNull(stage, "stage");
    }
  }

  /**
   * A stage (or matrix instance) finished, ran or was skipped.
   *
   * @param id the event id
   * @param buildId the build
   * @param timestamp when it happened
   * @param result the stage's result
   * @since 0.1.0
   */
  record StageFinished(EventId id, BuildId buildId, Instant timestamp, StageResult result)
      implements BuildEvent {
    /** Checks and copies the components. */
    public StageFinished {
      EventRules.check(id, buildId, timestamp);
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * An attempt of a step started.
   *
   * @param id the event id
   * @param buildId the build
   * @param timestamp when it happened
   * @param stage the stage name
   * @param step the step name
   * @param attempt the attempt, from 1
   * @since 0.1.0
   */
  record StepStarted(
      EventId id, BuildId buildId, Instant timestamp, String stage, String step, int attempt)
      implements BuildEvent {
    /** Checks and copies the components. */
    public StepStarted {
      EventRules.check(id, buildId, timestamp);
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(step, "step");
    }
  }

  /**
   * An attempt of a step failed and the step will be tried again after a backoff.
   *
   * @param id the event id
   * @param buildId the build
   * @param timestamp when it happened
   * @param stage the stage name
   * @param step the step name
   * @param attempt the attempt about to start, from 2
   * @param backoff the wait before it starts
   * @since 0.1.0
   */
  record StepRetrying(
      EventId id,
      BuildId buildId,
      Instant timestamp,
      String stage,
      String step,
      int attempt,
      Duration backoff)
      implements BuildEvent {
    /** Checks and copies the components. */
    public StepRetrying {
      EventRules.check(id, buildId, timestamp);
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(backoff, "backoff");
    }
  }

  /**
   * A step finished, ran or was skipped.
   *
   * @param id the event id
   * @param buildId the build
   * @param timestamp when it happened
   * @param stage the stage name
   * @param result the step's result
   * @since 0.1.0
   */
  record StepFinished(
      EventId id, BuildId buildId, Instant timestamp, String stage, StepResult result)
      implements BuildEvent {
    /** Checks and copies the components. */
    public StepFinished {
      EventRules.check(id, buildId, timestamp);
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * Lines of output of a step, in the order they were read; already masked.
   *
   * @param id the event id
   * @param buildId the build
   * @param timestamp when it happened
   * @param stage the stage name
   * @param step the step name
   * @param lines the lines, in order
   * @since 0.1.0
   */
  record LogBatch(
      EventId id,
      BuildId buildId,
      Instant timestamp,
      String stage,
      String step,
      List<LogLine> lines)
      implements BuildEvent {
    /** Checks and copies the components. */
    public LogBatch {
      EventRules.check(id, buildId, timestamp);
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(step, "step");
      lines = OrderedCopies.list(lines, "lines");
    }
  }

  /**
   * A gated stage asks for approval.
   *
   * @param id the event id
   * @param buildId the build
   * @param timestamp when it happened
   * @param stage the gated stage
   * @param message the gate's message
   * @param approvers who may approve (users or roles), in declaration order; empty means anyone
   * @param minApprovals how many approvals are needed, at least 1
   * @since 0.1.0
   */
  record ApprovalRequested(
      EventId id,
      BuildId buildId,
      Instant timestamp,
      String stage,
      String message,
      List<String> approvers,
      int minApprovals)
      implements BuildEvent {
    /** Checks and copies the components. */
    public ApprovalRequested {
      EventRules.check(id, buildId, timestamp);
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(message, "message");
      approvers = OrderedCopies.list(approvers, "approvers");
    }
  }

  /**
   * Someone approved or rejected a gated stage.
   *
   * @param id the event id
   * @param buildId the build
   * @param timestamp when it happened
   * @param stage the gated stage
   * @param approver the identity of who decided
   * @param approved {@code true} for an approval, {@code false} for a rejection
   * @param comment what they wrote, if anything
   * @since 0.1.0
   */
  record ApprovalDecided(
      EventId id,
      BuildId buildId,
      Instant timestamp,
      String stage,
      String approver,
      boolean approved,
      Optional<String> comment)
      implements BuildEvent {
    /** Checks and copies the components. */
    public ApprovalDecided {
      EventRules.check(id, buildId, timestamp);
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(approver, "approver");
      Objects.requireNonNull(comment, "comment");
    }
  }

  /**
   * A file of the workspace was stored as an artifact of the build.
   *
   * @param id the event id
   * @param buildId the build
   * @param timestamp when it happened
   * @param path the artifact's path: workspace-relative with {@code /} separators, or {@code
   *     <name>/<path>} for a named upload
   * @param size its size in bytes
   * @param sha256 the SHA-256 of its content in lower-case hex
   * @since 0.1.0
   */
  record ArtifactStored(
      EventId id, BuildId buildId, Instant timestamp, String path, long size, String sha256)
      implements BuildEvent {
    /** Checks and copies the components. */
    public ArtifactStored {
      EventRules.check(id, buildId, timestamp);
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(sha256, "sha256");
    }
  }

  /**
   * Something went wrong that does not change the build's conclusion (a post action or notifier
   * failed, a limit was near).
   *
   * @param id the event id
   * @param buildId the build
   * @param timestamp when it happened
   * @param message the warning in the house message shape
   * @since 0.1.0
   */
  record Warning(EventId id, BuildId buildId, Instant timestamp, String message)
      implements BuildEvent {
    /** Checks and copies the components. */
    public Warning {
      EventRules.check(id, buildId, timestamp);
      Objects.requireNonNull(message, "message");
    }
  }
}
