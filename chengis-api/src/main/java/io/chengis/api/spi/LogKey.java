package io.chengis.api.spi;

import java.util.Objects;

/**
 * One step's log within a build.
 *
 * <p>Immutable and thread-safe.
 *
 * @param build the build
 * @param stage the stage (instance) name
 * @param step the step name
 * @since 0.1.0
 */
public record LogKey(BuildRef build, String stage, String step) {
  /** Checks the components. */
  public LogKey {
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(step, "step");
  }
}
