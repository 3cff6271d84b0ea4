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
 * <p>Immutable and thread-safe. The image reference is checked when the pipeline is built.
 *
 * @param image the image reference, e.g. {@code maven:3.9-eclipse-temurin-21}
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
   * A container with only an image and defaults for everything else.
   *
   * @param image the image reference
   * @return the container spec
   */
  public static ContainerSpec of(String image) {
    return new ContainerSpec(
        image,
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
