package io.chengis.api;

/**
 * CPU and memory limits for a container, or requirements for the agent that runs a stage. A value
 * of {@code 0} means "no limit". Negative or non-finite values are reported as problems when the
 * pipeline is built.
 *
 * @param cpus the number of CPUs (fractions allowed), or 0
 * @param memoryBytes the memory in bytes, or 0
 * @since 0.1.0
 */
public record ResourceLimits(double cpus, long memoryBytes) {
  private static final ResourceLimits NONE = new ResourceLimits(0, 0);

  /**
   * No limits.
   *
   * @return the shared instance without limits
   */
  public static ResourceLimits none() {
    return NONE;
  }

  /**
   * Whether no limit is set.
   *
   * @return {@code true} when both values are 0
   */
  public boolean isNone() {
    return cpus == 0 && memoryBytes == 0;
  }
}
