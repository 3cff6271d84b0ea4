package io.chengis.dsl;

import io.chengis.api.ContainerSpec;
import io.chengis.api.PullPolicy;
import io.chengis.api.ResourceLimits;
import io.chengis.api.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A container being described: {@code Containers.image("maven:3.9").cacheVolume("m2",
 * "/root/.m2")}. Start one with {@link Containers#image(String)}.
 *
 * <p>Not thread-safe; each call mutates and returns this builder.
 *
 * @since 0.1.0
 */
public final class ContainerBuilder {
  private final String image;
  private final SourceLocation location;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<String> volumes = new ArrayList<>();
  private final Map<String, String> cacheVolumes = new LinkedHashMap<>();
  private Optional<String> workdir = Optional.empty();
  private Optional<String> network = Optional.empty();
  private PullPolicy pullPolicy = PullPolicy.IF_NOT_PRESENT;
  private final List<String> extraArgs = new ArrayList<>();
  private Optional<String> user = Optional.empty();
  private double cpus;
  private long memoryBytes;

  ContainerBuilder(String image, SourceLocation location) {
    this.image = Objects.requireNonNull(image, "image");
    this.location = location;
  }

  /**
   * Sets an environment variable in the container; the pipeline's, stage's and step's variables win
   * over it.
   *
   * @param variable the variable name
   * @param value the value
   * @return this builder
   */
  public ContainerBuilder env(String variable, String value) {
    env.put(Objects.requireNonNull(variable, "variable"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Adds a bind mount.
   *
   * @param mount {@code host:container[:ro|rw]}; a relative host path is relative to the workspace,
   *     and the executor refuses host paths outside the roots it allows
   * @return this builder
   */
  public ContainerBuilder volume(String mount) {
    volumes.add(Objects.requireNonNull(mount, "mount"));
    return this;
  }

  /**
   * Adds a named volume that persists between builds, e.g. a Maven repository.
   *
   * @param name the volume name
   * @param mountPath the path inside the container
   * @return this builder
   */
  public ContainerBuilder cacheVolume(String name, String mountPath) {
    cacheVolumes.put(
        Objects.requireNonNull(name, "name"), Objects.requireNonNull(mountPath, "path"));
    return this;
  }

  /**
   * Sets the working directory inside the container (default {@code /workspace}).
   *
   * @param directory an absolute container path
   * @return this builder
   */
  public ContainerBuilder workdir(String directory) {
    this.workdir = Optional.of(Objects.requireNonNull(directory, "directory"));
    return this;
  }

  /**
   * Runs the container on a named network.
   *
   * @param name the network
   * @return this builder
   */
  public ContainerBuilder network(String name) {
    this.network = Optional.of(Objects.requireNonNull(name, "name"));
    return this;
  }

  /**
   * Sets when the image is pulled (default {@link PullPolicy#IF_NOT_PRESENT}).
   *
   * @param policy the pull policy
   * @return this builder
   */
  public ContainerBuilder pullPolicy(PullPolicy policy) {
    this.pullPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Adds extra arguments for the container engine, in order.
   *
   * @param args the arguments
   * @return this builder
   */
  public ContainerBuilder extraArgs(String... args) {
    extraArgs.addAll(List.of(args));
    return this;
  }

  /**
   * Runs as this user instead of the image's default.
   *
   * @param nameOrUid a user name or {@code uid[:gid]}
   * @return this builder
   */
  public ContainerBuilder user(String nameOrUid) {
    this.user = Optional.of(Objects.requireNonNull(nameOrUid, "user"));
    return this;
  }

  /**
   * Limits the CPUs the container may use.
   *
   * @param count CPUs, fractions allowed
   * @return this builder
   */
  public ContainerBuilder cpus(double count) {
    this.cpus = count;
    return this;
  }

  /**
   * Limits the container's memory.
   *
   * @param bytes the limit in bytes
   * @return this builder
   */
  public ContainerBuilder memoryBytes(long bytes) {
    this.memoryBytes = bytes;
    return this;
  }

  ContainerSpec build() {
    return new ContainerSpec(
        image,
        env,
        volumes,
        cacheVolumes,
        workdir,
        network,
        pullPolicy,
        extraArgs,
        user,
        new ResourceLimits(cpus, memoryBytes),
        location);
  }
}
