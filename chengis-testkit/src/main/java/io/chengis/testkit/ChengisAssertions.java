package io.chengis.testkit;

import io.chengis.api.BuildResult;

/**
 * Entry points of the test kit's assertions. {@link TestBuild} and {@link Trace} also work with
 * AssertJ's own {@code assertThat}, as they are {@link org.assertj.core.api.AssertProvider}s.
 * Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class ChengisAssertions {
  private ChengisAssertions() {}

  /**
   * Assertions on a test build (waits for it to finish first).
   *
   * @param build the build
   * @return the assertions
   * @since 0.1.0
   */
  public static BuildAssert assertThat(TestBuild build) {
    return build.assertThat();
  }

  /**
   * Assertions on a build result; what steps ran with is not known from a result alone.
   *
   * @param result the result
   * @return the assertions
   * @since 0.1.0
   */
  public static BuildAssert assertThat(BuildResult result) {
    return new BuildAssert(BuildFacts.of(result));
  }

  /**
   * Assertions on a trace.
   *
   * @param trace the trace
   * @return the assertions
   * @since 0.1.0
   */
  public static TraceAssert assertThat(Trace trace) {
    return new TraceAssert(trace);
  }
}
