package io.chengis.api.spi;

/**
 * Publishes build status to a forge, as commit statuses or checks.
 *
 * <p>Protocol: the engine calls {@link #report} each time a build that knows its repository and
 * commit changes state (queued, running, waiting, finished) and, when the host asks for it, when
 * each stage starts and finishes; in that order per build, one call at a time per build, each on
 * its own virtual thread. The final status is sent before the build's result is published. It may
 * block on network I/O; the engine bounds it with a timeout. An exception means the status was not
 * published: the engine records a warning on the build and never fails it. Implementations must be
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
