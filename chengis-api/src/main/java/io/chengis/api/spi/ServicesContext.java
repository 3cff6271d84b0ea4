package io.chengis.api.spi;

import io.chengis.api.BuildId;
import io.chengis.api.OrgId;
import io.chengis.api.ServiceSpec;
import io.chengis.api.internal.OrderedCopies;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link StepExecutor} needs to start the service containers of a stage.
 *
 * <p>Immutable and thread-safe.
 *
 * @param buildId the build
 * @param org the organization the build belongs to
 * @param stage the stage (instance) name; the stage's steps carry the same name in their {@link
 *     StepContext}
 * @param services the services, in declaration order
 * @param workspace the build's workspace directory
 * @param cancellation fires when starting must stop (cancel or a stage timeout)
 * @since 0.1.0
 */
public record ServicesContext(
    BuildId buildId,
    OrgId org,
    String stage,
    List<ServiceSpec> services,
    Path workspace,
    Cancellation cancellation) {

  /** Checks and copies the components. */
  public ServicesContext {
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(stage, "stage");
    services = OrderedCopies.list(services, "services");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(cancellation, "cancellation");
  }
}
