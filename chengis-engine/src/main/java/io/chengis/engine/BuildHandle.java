package io.chengis.engine;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.BuildResult;
import io.chengis.api.BuildState;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Flow;

/**
 * A build that was triggered: its live events, its state, its result, and a way to cancel it.
 *
 * <p>Thread-safe: any thread may wait, subscribe or cancel.
 *
 * @since 0.1.0
 */
public interface BuildHandle {

  /**
   * The build's id.
   *
   * @return the id
   */
  BuildId id();

  /**
   * The build's number within its job, counted from 1.
   *
   * @return the number
   */
  long number();

  /**
   * The build's events from the first; every subscriber gets all of them, in order, and completes
   * after {@link BuildEvent.BuildFinished}. A slow subscriber never slows the build.
   *
   * @return a publisher of the build's events
   */
  Flow.Publisher<BuildEvent> events();

  /**
   * Where the build is now.
   *
   * @return the state
   */
  BuildState state();

  /**
   * Waits for the build to finish.
   *
   * @return the result
   * @throws InterruptedException when the waiting thread is interrupted
   */
  BuildResult await() throws InterruptedException;

  /**
   * Waits at most {@code limit} for the build to finish.
   *
   * @param limit the longest wait
   * @return the result, or empty when the build is still running
   * @throws InterruptedException when the waiting thread is interrupted
   */
  Optional<BuildResult> await(Duration limit) throws InterruptedException;

  /**
   * Cancels the build: running steps are stopped (their whole process trees), remaining stages are
   * skipped, {@code always} and {@code onCancel} post actions still run. Does nothing once the
   * build has finished or was already cancelled.
   *
   * @param reason why, recorded in the results
   */
  void cancel(String reason);

  /**
   * Approves the approval gate of a waiting stage. The stage runs once the gate's minimum number of
   * distinct eligible approvers have approved.
   *
   * @param stage the waiting stage (instance) name
   * @param approver who approves
   * @param comment why; may be empty
   * @throws io.chengis.api.EngineException when no approval is pending for the stage or the
   *     approver is not eligible
   */
  void approve(String stage, Approver approver, String comment);

  /**
   * Rejects the approval gate of a waiting stage: the stage fails with the approver's name and
   * comment as the reason.
   *
   * @param stage the waiting stage (instance) name
   * @param approver who rejects
   * @param comment why; may be empty
   * @throws io.chengis.api.EngineException when no approval is pending for the stage or the
   *     approver is not eligible
   */
  void reject(String stage, Approver approver, String comment);
}
