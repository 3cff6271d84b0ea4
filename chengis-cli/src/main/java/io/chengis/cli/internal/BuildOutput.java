package io.chengis.cli.internal;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildResult;
import io.chengis.engine.BuildHandle;

/**
 * Shows a build to the user: a live tree, plain lines or JSON. {@link #event} is called from the
 * event subscription's thread, in order; {@link #started} before the first event and {@link
 * #finished} after the last, from the command's thread.
 */
interface BuildOutput {
  /** The build was triggered. */
  void started(BuildHandle handle);

  /** One event of the build. */
  void event(BuildEvent event);

  /**
   * The build and its events are over: print the summary.
   *
   * @param result the result
   * @param interrupted whether Ctrl-C cancelled the build
   */
  void finished(BuildResult result, boolean interrupted);
}
