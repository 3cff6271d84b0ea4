package io.chengis.testkit;

import io.chengis.api.BuildId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One attempt of a step as an executor of the test kit saw it: what ran, with which environment,
 * when, and what handled it.
 *
 * <p>The environment may hold secret values, so {@link #toString()} shows its names only. Immutable
 * and thread-safe.
 *
 * @param build the build
 * @param stage the stage instance name, e.g. {@code Build [os=linux]}
 * @param step the step name
 * @param attempt the attempt number, from 1
 * @param command the command (shell, container or compose), or {@code plugin:<type>}
 * @param env the step's environment as the engine resolved it, in layer order
 * @param startedAt when the attempt started, on the engine's clock
 * @param handledBy what ran it: the stub that matched, {@code real process} or {@code no stub}
 * @since 0.1.0
 */
public record Invocation(
    BuildId build,
    String stage,
    String step,
    int attempt,
    String command,
    Map<String, String> env,
    Instant startedAt,
    String handledBy) {

  /** Checks and copies the components. */
  public Invocation {
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(command, "command");
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(handledBy, "handledBy");
  }

  /**
   * The invocation without environment values, which may be secret.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "Invocation["
        + stage
        + " / "
        + step
        + " attempt "
        + attempt
        + ": "
        + command
        + ", env="
        + env.keySet()
        + ", by "
        + handledBy
        + "]";
  }
}
