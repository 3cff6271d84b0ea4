package io.chengis.api.spi;

/**
 * Publishes build status to a forge, as commit statuses or checks.
 *
 * <p>Protocol: the engine calls {@link #report} on a virtual thread each time a build that checked
 * out a commit changes state (queued, running, waiting, finished), in that order per build. It may
 * block on network I/O; the engine bounds it with a timeout. An exception means the status was not
 * published: the engine records a warning and never fails the build. Implementations must be
 * thread-safe.
 *
 * @since 0.1.0
 */
public interface ScmStatusReporter {
  /**
   * Publishes one status.
   *
   * @param report the build, commit and status
   * @since 0.1.0
   */
  void report(StatusReport report);
}
