package io.chengis.api.spi;

import io.chengis.api.PluginException;

/**
 * Runs one step: a shell command, a container, a compose service or a plugin step, whatever actions
 * the executor supports.
 *
 * <p>Protocol: the engine calls {@link #execute} once per attempt of a step, on a virtual thread of
 * its own, possibly for many steps at once. It blocks until the step's process has ended. It writes
 * the output to {@link StepContext#log()} as it comes, and when {@link StepContext#cancellation()}
 * fires it stops the whole process tree (SIGTERM, a grace period, SIGKILL) and returns {@link
 * StepExit#afterCancel()}. A non-zero exit is a value, not an exception; an exception means the
 * step could not be started or run (image missing, command not found), which the engine records as
 * a failed attempt with the exception's message as the reason. Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface StepExecutor {
  /**
   * Runs one attempt of a step.
   *
   * @param context the step, its environment, workspace, log and cancellation
   * @return how the process ended
   * @throws InterruptedException when the calling thread is interrupted; the process is stopped
   *     first
   * @since 0.1.0
   */
  StepExit execute(StepContext context) throws InterruptedException;

  /**
   * Starts the service containers of a stage before its first step; the stage's steps reach them by
   * name. Only the executor registered for {@code container} steps is asked. Called on the stage's
   * thread; it blocks until every service has started. An exception means a service could not
   * start: the engine then stops whatever was started (the executor must clean up itself before
   * throwing), fails the stage with the exception's message and runs none of its steps. The default
   * refuses with a {@link PluginException} naming the stage and this executor's class.
   *
   * @param context the build, stage, services and cancellation
   * @return the running services, which the engine stops after the stage's last step
   * @throws InterruptedException when the calling thread is interrupted; started services are
   *     stopped first
   * @since 0.1.0
   */
  default RunningServices startServices(ServicesContext context) throws InterruptedException {
    throw new PluginException(
        "stage \""
            + context.stage()
            + "\" declares services, but "
            + getClass().getName()
            + " cannot run service containers; register an executor that can (e.g. chengis-docker)"
            + " for container steps");
  }

  /**
   * Called once after a build's last step (post actions included) has ended, so that the executor
   * can stop what the build's steps left running (background processes, service containers). The
   * default does nothing. Called on the build's thread; it may block briefly; an exception is
   * recorded as a warning on the build.
   *
   * @param build the build that ended
   * @throws InterruptedException when the calling thread is interrupted
   * @since 0.1.0
   */
  default void buildEnded(io.chengis.api.BuildId build) throws InterruptedException {}
}
