package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a step does. A closed set; plugin step kinds enter through {@link PluginStep}.
 *
 * <p>All implementations are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface StepAction
    permits StepAction.Shell, StepAction.Container, StepAction.Compose, StepAction.PluginStep {

  /**
   * Runs a command with a shell ({@code sh -c} unless another shell is named).
   *
   * @param command the command text
   * @param shell the shell program, if not the engine's default
   * @since 0.1.0
   */
  record Shell(String command, Optional<String> shell) implements StepAction {
    /** Checks the components. */
    public Shell {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(shell, "shell");
    }
  }

  /**
   * Runs a command in a container.
   *
   * @param container the container to run in
   * @param command the command text, run with the image's shell
   * @since 0.1.0
   */
  record Container(ContainerSpec container, String command) implements StepAction {
    /** Checks the components. */
    public Container {
      Objects.requireNonNull(container, "container");
      Objects.requireNonNull(command, "command");
    }
  }

  /**
   * Runs a command in a service of a Compose file ({@code docker compose run}).
   *
   * @param service the service name
   * @param file the Compose file, relative to the workspace (default {@code docker-compose.yml})
   * @param command the command text
   * @since 0.1.0
   */
  record Compose(String service, String file, String command) implements StepAction {
    /** Checks the components. */
    public Compose {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(command, "command");
    }
  }

  /**
   * A step run by a plugin executor registered for {@code type}.
   *
   * @param type the plugin type key
   * @param config the plugin's configuration, in declaration order
   * @since 0.1.0
   */
  record PluginStep(String type, Map<String, String> config) implements StepAction {
    /** Checks and copies the components. */
    public PluginStep {
      Objects.requireNonNull(type, "type");
      config = OrderedCopies.map(config, "config");
    }
  }
}
