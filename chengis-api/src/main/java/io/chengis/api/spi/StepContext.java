package io.chengis.api.spi;

import io.chengis.api.BuildId;
import io.chengis.api.Step;
import io.chengis.api.internal.OrderedCopies;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link StepExecutor} needs to run one step.
 *
 * <p>The environment holds secret values, so {@link #toString()} shows its names only. Immutable
 * and thread-safe.
 *
 * @param buildId the build
 * @param stage the stage (instance) name
 * @param step the step name
 * @param definition the step as defined, with its action
 * @param env the fully resolved environment (all layers, built-ins, secrets), in layer order
 * @param workspace the build's workspace directory; the step's working directory is resolved in it
 * @param log where to write the step's output lines
 * @param cancellation fires when the step must stop (cancel or a timeout the engine enforces)
 * @since 0.1.0
 */
public record StepContext(
    BuildId buildId,
    String stage,
    String step,
    Step definition,
    Map<String, String> env,
    Path workspace,
    LogSink log,
    Cancellation cancellation) {

  /** Checks and copies the components. */
  public StepContext {
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(definition, "definition");
    env = OrderedCopies.map(env, "env");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(cancellation, "cancellation");
  }

  /**
   * The context without environment values, which may be secret.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "StepContext[buildId="
        + buildId
        + ", stage="
        + stage
        + ", step="
        + step
        + ", env="
        + env.keySet()
        + ", workspace="
        + workspace
        + "]";
  }
}
