package io.chengis.api;

/**
 * Where a build is in its life. Only {@link #FINISHED} builds have a {@link BuildResult}.
 *
 * @since 0.1.0
 */
public enum BuildState {
  /**
   * Waiting to be claimed by a worker.
   *
   * @since 0.1.0
   */
  QUEUED,
  /**
   * Running stages.
   *
   * @since 0.1.0
   */
  RUNNING,
  /**
   * Waiting for an approval; holds no thread.
   *
   * @since 0.1.0
   */
  WAITING,
  /**
   * Done, with a conclusion.
   *
   * @since 0.1.0
   */
  FINISHED
}
