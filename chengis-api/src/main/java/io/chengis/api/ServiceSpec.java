package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import java.util.List;
import java.util.Objects;

/**
 * A service container of a stage, like a database its tests talk to: started before the stage's
 * first step, reachable from the stage's container steps by its {@link #name()} as a host name, and
 * stopped and removed after the stage's last step, whatever the outcome.
 *
 * <p>The service's environment comes from its container only ({@link ContainerSpec#env()}); the
 * pipeline's, stage's and steps' variables are not passed to it. Immutable and thread-safe; checked
 * when the pipeline is built.
 *
 * @param name the host name the stage's steps reach it by: 1 to 63 lower-case letters, digits and
 *     {@code -}, starting with a letter; unique within the stage
 * @param container the container to run
 * @param command the command as an argument list (never run through a shell); empty to run the
 *     image's default command
 * @param location where this service was declared
 * @since 0.1.0
 */
public record ServiceSpec(
    String name, ContainerSpec container, List<String> command, SourceLocation location) {

  /** Checks and copies the components. */
  public ServiceSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(container, "container");
    command = OrderedCopies.list(command, "command");
    Objects.requireNonNull(location, "location");
  }
}
