package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run steps in a container: at pipeline level (the default for every stage), stage level
 * (converts the stage's shell steps to container steps) or in a single container step.
 *
 * <p>The nearest declaration wins: a container step's own container, else its stage's, else the
 * pipeline's. Bind mounts are {@code host:container[:ro|rw]}; a relative host path is relative to
 * the build's workspace, and executors refuse host paths outside the roots they allow. Cache volume
 * names are 1 to 64 letters, digits, {@code _}, {@code .} and {@code -}, starting with a letter or
 * digit.
 *
 * <p>Immutable and thread-safe. The image reference, mounts, volume names, working directory and
 * limits are checked when the pipeline is built.
 *
 * @param image the image reference, e.g. {@code maven:3.9-eclipse-temurin-21}
 * @param env environment variables set in the container, below the pipeline's, stage's and step's
 *     (which win), in order
 * @param volumes bind mounts {@code host:container[:options]}, in order
 * @param cacheVolumes named volumes that persist between builds, volume name to mount path
 * @param workdir the working directory inside the container (default {@code /workspace})
 * @param network the container network, if not the engine's default
 * @param pullPolicy when to pull the image
 * @param extraArgs extra engine arguments, in order
 * @param user the user (name or uid[:gid]) to run as, if not the image's default
 * @param resources CPU and memory limits
 * @param location where this container was declared
 * @since 0.1.0
 */
public record ContainerSpec(
    String image,
    Map<String, String> env,
    List<String> volumes,
    Map<String, String> cacheVolumes,
    Optional<String> workdir,
    Optional<String> network,
    PullPolicy pullPolicy,
    List<String> extraArgs,
    Optional<String> user,
    ResourceLimits resources,
    SourceLocation location) {

  /** Checks and copies the components. */
  public ContainerSpec {
    Objects.requireNonNull(image, "image");
    env = OrderedCopies.map(env, "env");
    volumes = OrderedCopies.list(volumes, "volumes");
    cacheVolumes = OrderedCopies.map(cacheVolumes, "cacheVolumes");
    Objects.requireNonNull(workdir, "workdir");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(pullPolicy, "pullPolicy");
    extraArgs = OrderedCopies.list(extraArgs, "extraArgs");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(location, "location");
  }

  /**
   * A container without environment variables of its own; kept so that code written before {@link
   * #env()} existed still compiles.
   *
   * @param image the image reference
   * @param volumes bind mounts
   * @param cacheVolumes named volumes that persist between builds
   * @param workdir the working directory inside the container
   * @param network the container network
   * @param pullPolicy when to pull the image
   * @param extraArgs extra engine arguments
   * @param user the user to run as
   * @param resources CPU and memory limits
   * @param location where this container was declared
   * @since 0.1.0
   */
  public ContainerSpec(
      String image,
      List<String> volumes,
      Map<String, String> cacheVolumes,
      Optional<String> workdir,
      Optional<String> network,
      PullPolicy pullPolicy,
      List<String> extraArgs,
      Optional<String> user,
      ResourceLimits resources,
      SourceLocation location) {
    this(
        image,
        Map.of(),
        volumes,
        cacheVolumes,
        workdir,
        network,
        pullPolicy,
        extraArgs,
        user,
        resources,
        location);
  }

  /**
   * A container with only an image and defaults for everything else.
   *
   * @param image the image reference
   * @return the container spec
   */
  public static ContainerSpec of(String image) {
    return new ContainerSpec(
        image,
        Map.of(),
        List.of(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        PullPolicy.IF_NOT_PRESENT,
        List.of(),
        Optional.empty(),
        ResourceLimits.none(),
        SourceLocation.unknown());
  }
}
