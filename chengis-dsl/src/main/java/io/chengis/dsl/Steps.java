package io.chengis.dsl;

import io.chengis.api.StepAction;
import io.chengis.dsl.internal.CallSite;
import java.util.Map;
import java.util.Optional;

/**
 * Factories for step actions: {@code s.step("test", shell("./mvnw -B verify"))}.
 *
 * @since 0.1.0
 */
public final class Steps {
  private Steps() {}

  /**
   * Runs a command with the engine's shell ({@code sh -c} by default).
   *
   * @param command the command text
   * @return the action
   */
  public static StepAction shell(String command) {
    return new StepAction.Shell(command, Optional.empty());
  }

  /**
   * Runs a command with a specific shell program, e.g. {@code bash}.
   *
   * @param command the command text
   * @param shell the shell program
   * @return the action
   */
  public static StepAction shell(String command, String shell) {
    return new StepAction.Shell(command, Optional.of(shell));
  }

  /**
   * Runs a command in a container of this image.
   *
   * @param image the image reference
   * @param command the command text
   * @return the action
   */
  public static StepAction container(String image, String command) {
    return new StepAction.Container(
        new ContainerBuilder(image, CallSite.capture()).build(), command);
  }

  /**
   * Runs a command in this container.
   *
   * @param container the container, from {@link Containers#image(String)}
   * @param command the command text
   * @return the action
   */
  public static StepAction container(ContainerBuilder container, String command) {
    return new StepAction.Container(container.build(), command);
  }

  /**
   * Runs a command in a service of {@code docker-compose.yml}.
   *
   * @param service the service name
   * @param command the command text
   * @return the action
   */
  public static StepAction compose(String service, String command) {
    return new StepAction.Compose(service, "docker-compose.yml", command);
  }

  /**
   * Runs a command in a service of a Compose file.
   *
   * @param service the service name
   * @param file the workspace-relative Compose file
   * @param command the command text
   * @return the action
   */
  public static StepAction compose(String service, String file, String command) {
    return new StepAction.Compose(service, file, command);
  }

  /**
   * A step run by the plugin executor registered for {@code type}.
   *
   * @param type the plugin type key
   * @param config the plugin's configuration
   * @return the action
   */
  public static StepAction plugin(String type, Map<String, String> config) {
    return new StepAction.PluginStep(type, config);
  }
}
