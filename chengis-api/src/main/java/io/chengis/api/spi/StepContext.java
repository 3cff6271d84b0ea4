package io.chengis.api.spi;

import io.chengis.api.BuildId;
import io.chengis.api.OrgId;
import io.chengis.api.Step;
import io.chengis.api.internal.OrderedCopies;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
 * @param org the organization the build belongs to (image policies and other per-organization
 *     settings apply by it)
 * @param inheritedEnv the names of the {@code env} variables that come only from the engine's own
 *     environment (the host's), not from the pipeline; executors that run steps elsewhere (a
 *     container, a remote agent) leave these out
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
    Cancellation cancellation,
    OrgId org,
    Set<String> inheritedEnv) {

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
    Objects.requireNonNull(org, "org");
    inheritedEnv = OrderedCopies.set(inheritedEnv, "inheritedEnv");
  }

  /**
   * A context of the default organization in which no variable is inherited from the host; kept so
   * that code written before {@link #org()} and {@link #inheritedEnv()} existed still compiles.
   *
   * @param buildId the build
   * @param stage the stage (instance) name
   * @param step the step name
   * @param definition the step as defined
   * @param env the fully resolved environment
   * @param workspace the build's workspace directory
   * @param log where to write the step's output lines
   * @param cancellation fires when the step must stop
   * @since 0.1.0
   */
  public StepContext(
      BuildId buildId,
      String stage,
      String step,
      Step definition,
      Map<String, String> env,
      Path workspace,
      LogSink log,
      Cancellation cancellation) {
    this(
        buildId,
        stage,
        step,
        definition,
        env,
        workspace,
        log,
        cancellation,
        OrgId.DEFAULT,
        Set.of());
  }

  /**
   * The environment without the variables inherited from the engine's host: what the pipeline
   * defined, the matrix and parameters, resolved secrets and the built-ins.
   *
   * @return an unmodifiable map in layer order
   * @since 0.1.0
   */
  public Map<String, String> pipelineEnv() {
    Map<String, String> own = new java.util.LinkedHashMap<>(env);
    own.keySet().removeAll(inheritedEnv);
    return java.util.Collections.unmodifiableMap(own);
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
        + ", org="
        + org
        + "]";
  }
}
