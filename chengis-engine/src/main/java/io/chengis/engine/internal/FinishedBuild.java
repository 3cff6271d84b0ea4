package io.chengis.engine.internal;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.BuildResult;
import io.chengis.api.BuildState;
import io.chengis.api.EngineException;
import io.chengis.api.spi.BuildRecord;
import io.chengis.engine.Approver;
import io.chengis.engine.BuildHandle;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;

/**
 * The handle of a build that finished before it was asked for: a deduplicated trigger answers with
 * it. Its events are the stored ones; it cannot be cancelled or approved any more. Immutable and
 * thread-safe.
 */
public final class FinishedBuild implements BuildHandle {
  private final BuildRecord record;
  private final BuildResult result;
  private final EventJournal events = new EventJournal();

  /**
   * A handle of a finished build.
   *
   * @param record the build, finished
   * @param stored its events, in order
   */
  public FinishedBuild(BuildRecord record, List<BuildEvent> stored) {
    this.record = record;
    this.result =
        record
            .result()
            .orElseThrow(() -> new IllegalArgumentException("build " + record.buildId()));
    stored.forEach(events::append);
    events.close();
  }

  @Override
  public BuildId id() {
    return record.buildId();
  }

  @Override
  public long number() {
    return record.number();
  }

  @Override
  public Flow.Publisher<BuildEvent> events() {
    return events;
  }

  @Override
  public BuildState state() {
    return BuildState.FINISHED;
  }

  @Override
  public BuildResult await() {
    return result;
  }

  @Override
  public Optional<BuildResult> await(Duration limit) {
    return Optional.of(result);
  }

  @Override
  public void cancel(String reason) {
    // A finished build has nothing left to cancel, as for a build that ended while cancelling.
  }

  @Override
  public void approve(String stage, Approver approver, String comment) {
    throw finished(stage);
  }

  @Override
  public void reject(String stage, Approver approver, String comment) {
    throw finished(stage);
  }

  private EngineException finished(String stage) {
    return new EngineException(
        "build "
            + record.buildId()
            + ": no approval is pending for stage \""
            + stage
            + "\" because the build finished (it answered a duplicate trigger); trigger a new"
            + " build to approve again");
  }

  @Override
  public String toString() {
    return "BuildHandle[" + record.buildId() + " #" + record.number() + " FINISHED]";
  }
}
