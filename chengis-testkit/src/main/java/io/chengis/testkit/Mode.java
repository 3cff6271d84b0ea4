package io.chengis.testkit;

/**
 * How a {@link TestEngine} runs steps.
 *
 * @since 0.1.0
 */
public enum Mode {
  /**
   * Steps run on a {@link FakeExecutor} (stubs) and time is virtual: timeouts, retry backoff and
   * approval timeouts pass instantly and deterministically.
   */
  FAKE,
  /**
   * Shell steps run as real processes in a temporary workspace, on real time; stubs registered on
   * {@link TestEngine#fakes()} still replace the steps they match.
   */
  REAL
}
