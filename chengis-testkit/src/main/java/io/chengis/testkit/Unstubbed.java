package io.chengis.testkit;

/**
 * What a {@link FakeExecutor} does with a step that no stub matches.
 *
 * @since 0.1.0
 */
public enum Unstubbed {
  /**
   * The step fails to start, and awaiting the build throws an {@link AssertionError} that names the
   * step and lists the stubs that exist.
   */
  FAIL,
  /** The step runs for real on the local shell (virtual time waits while it runs). */
  RUN
}
