package io.chengis.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PullResponseItem;
import io.chengis.api.BuildId;
import io.chengis.api.ContainerSpec;
import io.chengis.api.ImageReference;
import io.chengis.api.OrgId;
import io.chengis.api.PluginException;
import io.chengis.api.PullPolicy;
import io.chengis.api.ResourceLimits;
import io.chengis.api.ServiceSpec;
import io.chengis.api.StepAction;
import io.chengis.api.spi.Cancellation;
import io.chengis.api.spi.RunningServices;
import io.chengis.api.spi.ServicesContext;
import io.chengis.api.spi.StepContext;
import io.chengis.api.spi.StepExecutor;
import io.chengis.api.spi.StepExit;
import io.chengis.docker.internal.ComposeFile;
import io.chengis.docker.internal.ContainerRun;
import io.chengis.docker.internal.Docker;
import io.chengis.docker.internal.EngineOptions;
import io.chengis.docker.internal.LogLines;
import io.chengis.docker.internal.Mounts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Runs container steps, Compose steps and stage services on a Docker-API-compatible engine (Docker,
 * or Podman's Docker API) through docker-java. Register it for both step types:
 *
 * <pre>{@code
 * DockerExecutor docker = DockerExecutor.builder().build();
 * ChengisEngine engine =
 *     ChengisEngine.builder().executor("container", docker).executor("compose", docker).build();
 * }</pre>
 *
 * <p><b>A container step</b> runs its command with {@code sh -c} (as an argument array, never
 * through a host shell) in a new container of its image, with the build's workspace bind-mounted at
 * the working directory ({@code /workspace} unless the container names another; a step's working
 * directory is resolved below it), the pipeline's environment (the engine host's own variables are
 * left out; {@code CHENGIS_WORKSPACE} and {@code CHENGIS_OUTPUT} are paths inside the container),
 * the container's user, network, CPU and memory limits (also read from the extra arguments {@code
 * --user}, {@code --cpus}, {@code --memory}, {@code --network}, {@code --workdir}, {@code --env},
 * as GitHub Actions' {@code container.options} give them; any other is refused), bind mounts
 * (confined to the workspace and the {@linkplain Builder#allowMountRoot allowed roots}) and cache
 * volumes (named volumes {@code chengis-cache-<name>} that outlive the build). Output is streamed
 * line by line to the step's log, which masks secrets like any other step's. The exit code is the
 * container's; the container is created without auto-remove, waited for, and removed explicitly.
 *
 * <p><b>Images</b> are inspected before anything is pulled: with {@link PullPolicy#IF_NOT_PRESENT}
 * a present image is never pulled, {@link PullPolicy#ALWAYS} pulls every time, {@link
 * PullPolicy#NEVER} never does. A missing image that may not be pulled, or a failed pull, fails the
 * step with the image and the policy named. The {@link ImagePolicy} is checked first: a denied
 * image fails the step before anything runs, naming the rule.
 *
 * <p><b>Cancel and timeout</b> (the engine enforces timeouts by cancelling) send SIGTERM to the
 * container, SIGKILL after the grace period, and remove it. <b>Leftovers</b>: every container and
 * network carries the labels {@code io.chengis.instance} and {@code io.chengis.build}; {@link
 * Builder#build()} removes those of its instance that an earlier process left behind, and {@link
 * #buildEnded} removes whatever a build left.
 *
 * <p><b>Stage services</b> run on a network of their own per stage, each reachable by its name; the
 * stage's container steps join that network. <b>Compose steps</b> start the services the target
 * service depends on (in dependency order) on a network of their own, run the command in the target
 * service, and remove all of it afterwards.
 *
 * <p>Thread-safe; one instance serves any number of concurrent steps and builds. Close it to
 * release the client.
 *
 * @since 0.1.0
 */
public final class DockerExecutor implements StepExecutor, AutoCloseable {
  /** The label naming the executor instance that created a container or network. */
  public static final String INSTANCE_LABEL = "io.chengis.instance";

  /** The label naming the build a container or network belongs to. */
  public static final String BUILD_LABEL = "io.chengis.build";

  private static final String ROLE_LABEL = "io.chengis.role";
  private static final String OUTPUTS_MOUNT = "/chengis/outputs";
  private static final String DEFAULT_WORKDIR = "/workspace";
  private static final int SERVICE_LOG_TAIL = 5;
  private static final Pattern INSTANCE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

  private final DockerClient docker;
  private final URI host;
  private final String instance;
  private final ImagePolicy policy;
  private final List<Path> mountRoots;
  private final InstantSource clock;
  private final ContainerRun runner;
  private final Map<String, String> stageNetworks = new ConcurrentHashMap<>();

  private DockerExecutor(Builder builder, DockerClient docker) {
    this.docker = docker;
    this.host = builder.host;
    this.instance = builder.instance;
    this.policy = builder.policy;
    this.mountRoots = List.copyOf(builder.mountRoots);
    this.clock = builder.clock;
    this.runner = new ContainerRun(docker, builder.grace, builder.clock);
  }

  /**
   * Starts describing an executor.
   *
   * @return a builder: the engine from {@code DOCKER_HOST} (else {@code
   *     unix:///var/run/docker.sock}), instance {@code default}, every image allowed, mounts only
   *     from the workspace, 10 seconds between SIGTERM and SIGKILL
   * @since 0.1.0
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The engine address this executor talks to.
   *
   * @return e.g. {@code unix:///var/run/docker.sock}
   * @since 0.1.0
   */
  public URI host() {
    return host;
  }

  /**
   * The instance name that labels this executor's containers and networks.
   *
   * @return the instance name
   * @since 0.1.0
   */
  public String instance() {
    return instance;
  }

  /**
   * Runs a container or Compose step.
   *
   * @throws PluginException when the step cannot run: an invalid, denied or missing image, a
   *     forbidden mount, a broken Compose file, an unreachable engine
   * @since 0.1.0
   */
  @Override
  public StepExit execute(StepContext context) throws InterruptedException {
    String what = "stage \"" + context.stage() + "\" step \"" + context.step() + "\"";
    return switch (context.definition().action()) {
      case StepAction.Container container ->
          runContainerStep(context, what, container.container(), container.command());
      case StepAction.Compose compose -> runComposeStep(context, what, compose);
      case StepAction.Shell shell ->
          throw new PluginException(
              what
                  + ": the Docker executor runs container and compose steps, not shell steps;"
                  + " give the step, its stage or the pipeline a container");
      case StepAction.PluginStep plugin ->
          throw new PluginException(
              what
                  + ": the Docker executor does not run \""
                  + plugin.type()
                  + "\" steps; register the plugin for that type");
    };
  }

  /**
   * Checks that an image is present on the engine, without pulling it.
   *
   * @param image the image reference
   * @throws PluginException when it is not present, naming the image and the engine
   * @since 0.1.0
   */
  public void requireImage(String image) {
    try {
      docker.inspectImageCmd(image).exec();
    } catch (DockerException missing) {
      throw new PluginException(
          "docker: image \""
              + image
              + "\" is not present on "
              + host
              + " ("
              + Docker.reason(missing)
              + "); build or load it first");
    }
  }

  // --- container steps ------------------------------------------------------------------------

  private StepExit runContainerStep(
      StepContext context, String what, ContainerSpec spec, String command)
      throws InterruptedException {
    String image = checkImage(what, context.org(), spec.image());
    spec = withOptions(what, spec);
    String workdir = spec.workdir().orElse(DEFAULT_WORKDIR);
    List<Bind> binds = new ArrayList<>();
    binds.add(new Bind(context.workspace().toString(), volume(workdir)));
    Map<String, String> env = new LinkedHashMap<>(spec.env());
    env.putAll(context.pipelineEnv());
    env.put("CHENGIS_WORKSPACE", workdir);
    Optional.ofNullable(context.env().get("CHENGIS_OUTPUT"))
        .map(Path::of)
        .filter(file -> file.getParent() != null)
        .ifPresent(
            file -> {
              binds.add(new Bind(file.getParent().toString(), volume(OUTPUTS_MOUNT)));
              env.put("CHENGIS_OUTPUT", OUTPUTS_MOUNT + "/" + file.getFileName());
            });
    binds.addAll(containerMounts(what, spec, context.workspace()));
    String directory =
        context.definition().workingDir().map(dir -> join(workdir, dir)).orElse(workdir);
    ensureImage(what, image, spec.pullPolicy());
    Optional<String> network =
        spec.network().or(() -> Optional.ofNullable(stageNetworks.get(stageKey(context))));
    CreateContainerCmd create =
        docker
            .createContainerCmd(image)
            .withCmd("sh", "-c", command)
            .withEnv(envList(env))
            .withWorkingDir(directory)
            .withLabels(labels(context.buildId(), "step"))
            .withHostConfig(hostConfig(binds, network, spec.resources()));
    spec.user().ifPresent(create::withUser);
    return runner.run(create, context.log(), context.cancellation(), what);
  }

  private List<Bind> containerMounts(String what, ContainerSpec spec, Path workspace) {
    List<Bind> binds = new ArrayList<>();
    List<Path> roots = new ArrayList<>();
    roots.add(workspace);
    roots.addAll(mountRoots);
    for (String mount : spec.volumes()) {
      binds.add(Mounts.bind(what, mount, workspace, roots));
    }
    spec.cacheVolumes()
        .forEach(
            (name, path) -> binds.add(Mounts.volume(what, name, "chengis-cache-" + name, path)));
    return binds;
  }

  /**
   * The container with the {@code docker run} options of its extra arguments applied (its own
   * settings win) and no extra arguments left.
   */
  private static ContainerSpec withOptions(String what, ContainerSpec spec) {
    if (spec.extraArgs().isEmpty()) {
      return spec;
    }
    EngineOptions options = EngineOptions.parse(what, spec.extraArgs());
    Map<String, String> env = new LinkedHashMap<>(options.env());
    env.putAll(spec.env());
    ResourceLimits limits =
        new ResourceLimits(
            spec.resources().cpus() > 0 ? spec.resources().cpus() : options.cpus(),
            spec.resources().memoryBytes() > 0
                ? spec.resources().memoryBytes()
                : options.memoryBytes());
    return new ContainerSpec(
        spec.image(),
        env,
        spec.volumes(),
        spec.cacheVolumes(),
        spec.workdir().or(options::workdir),
        spec.network().or(options::network),
        spec.pullPolicy(),
        List.of(),
        spec.user().or(options::user),
        limits,
        spec.location());
  }

  // --- images ---------------------------------------------------------------------------------

  /** Parses the reference strictly and applies the image policy; returns the normal form. */
  private String checkImage(String what, OrgId org, String image) {
    ImageReference reference;
    try {
      reference = ImageReference.parse(image);
    } catch (IllegalArgumentException invalid) {
      throw new PluginException(
          what
              + ": "
              + invalid.getMessage()
              + "; use a reference such as \"eclipse-temurin:21\" or"
              + " \"registry.example.com/team/app:1.2\"");
    }
    policy
        .decidingRule(org, image)
        .filter(rule -> rule.action() == ImagePolicy.Action.DENY)
        .ifPresent(
            rule -> {
              throw new PluginException(
                  what
                      + ": image \""
                      + image
                      + "\" is denied by image policy "
                      + rule.describe()
                      + " for organization "
                      + org
                      + "; use an image the policy allows, or ask an administrator to allow it");
            });
    return reference.toString();
  }

  /** Inspects first; pulls only when the policy says so. */
  private void ensureImage(String what, String image, PullPolicy pull) throws InterruptedException {
    boolean present;
    try {
      docker.inspectImageCmd(image).exec();
      present = true;
    } catch (NotFoundException missing) {
      present = false;
    } catch (DockerException unreachable) {
      throw new PluginException(
          what
              + ": cannot inspect image \""
              + image
              + "\" on "
              + host
              + ": "
              + Docker.reason(unreachable)
              + "; check that the container engine runs",
          unreachable);
    }
    if (present && pull != PullPolicy.ALWAYS) {
      return;
    }
    String policyName = pull.name().toLowerCase(Locale.ROOT).replace('_', '-');
    if (!present && pull == PullPolicy.NEVER) {
      throw new PluginException(
          what
              + ": image \""
              + image
              + "\" is not present on "
              + host
              + " and its pull policy is "
              + policyName
              + "; build or load the image first, or use pull policy if-not-present");
    }
    try {
      pull(image);
    } catch (RuntimeException failed) {
      throw new PluginException(
          what
              + ": image \""
              + image
              + "\" could not be pulled (pull policy "
              + policyName
              + (present ? "" : ", not present locally")
              + "): "
              + Docker.reason(failed)
              + (present
                  ? "; use pull policy if-not-present to run the local copy"
                  : "; check the name and the registry, or build the image locally"),
          failed);
    }
  }

  /**
   * Pulls an image and checks that it arrived. Podman's progress messages lack fields Docker's
   * have, so the progress is read here rather than by docker-java's callback.
   */
  private void pull(String image) throws InterruptedException {
    AtomicReference<String> error = new AtomicReference<>();
    ResultCallback.Adapter<PullResponseItem> progress =
        docker
            .pullImageCmd(image)
            .exec(
                new ResultCallback.Adapter<PullResponseItem>() {
                  @Override
                  public void onNext(PullResponseItem item) {
                    if (item.getErrorDetail() != null) {
                      error.compareAndSet(null, String.valueOf(item.getErrorDetail().getMessage()));
                    }
                  }
                });
    progress.awaitCompletion();
    if (error.get() != null) {
      throw new IllegalStateException(error.get());
    }
    docker.inspectImageCmd(image).exec();
  }

  // --- compose steps --------------------------------------------------------------------------

  private StepExit runComposeStep(StepContext context, String what, StepAction.Compose compose)
      throws InterruptedException {
    Path file = Mounts.insideWorkspace(what + " Compose file", context.workspace(), compose.file());
    ComposeFile parsed = ComposeFile.read(file);
    List<ComposeFile.Service> dependencies = parsed.dependenciesOf(compose.service());
    ComposeFile.Service target = parsed.services().get(compose.service());
    for (ComposeFile.Service service : parsed.services().values()) {
      if (service == target || dependencies.contains(service)) {
        checkImage(what + " service \"" + service.name() + "\"", context.org(), service.image());
      }
    }
    String network = createNetwork(context.buildId(), "compose");
    List<String> started = new ArrayList<>();
    List<String> namedVolumes = new ArrayList<>();
    try {
      for (ComposeFile.Service dependency : dependencies) {
        String where = what + " service \"" + dependency.name() + "\"";
        ensureImage(where, dependency.image(), PullPolicy.IF_NOT_PRESENT);
        CreateContainerCmd create =
            composeContainer(context, where, file, dependency, network, namedVolumes, "compose");
        if (!dependency.command().isEmpty()) {
          create.withCmd(dependency.command());
        }
        started.add(startService(where, create, context.cancellation()));
      }
      String where = what + " service \"" + target.name() + "\"";
      ensureImage(where, target.image(), PullPolicy.IF_NOT_PRESENT);
      CreateContainerCmd create =
          composeContainer(context, where, file, target, network, namedVolumes, "step");
      create.withCmd("sh", "-c", compose.command());
      Map<String, String> env = new LinkedHashMap<>(context.pipelineEnv());
      env.remove("CHENGIS_OUTPUT"); // the outputs file is not mounted into Compose services
      env.putAll(target.environment());
      create.withEnv(envList(env));
      return runner.run(create, context.log(), context.cancellation(), what);
    } finally {
      started.forEach(runner::remove);
      removeNetwork(network);
      for (String volume : namedVolumes) {
        try {
          docker.removeVolumeCmd(volume).exec();
        } catch (DockerException gone) {
          // removed already or still in use by a container being removed
        }
      }
    }
  }

  private CreateContainerCmd composeContainer(
      StepContext context,
      String where,
      Path file,
      ComposeFile.Service service,
      String network,
      List<String> namedVolumes,
      String role) {
    List<Bind> binds = new ArrayList<>();
    List<Path> roots = new ArrayList<>();
    roots.add(context.workspace());
    roots.addAll(mountRoots);
    for (String volume : service.volumes()) {
      String source = volume.split(":", -1)[0];
      if (source.startsWith(".") || source.startsWith("/") || source.startsWith("~")) {
        binds.add(Mounts.bind(where, volume, file.getParent(), roots));
      } else {
        String[] parts = volume.split(":", -1);
        if (parts.length < 2) {
          throw new PluginException(
              where
                  + ": volume is not source:target[:ro|rw] (was \""
                  + volume
                  + "\"); write e.g. \"data:/var/lib/data\"");
        }
        String engineName =
            "chengis-" + context.buildId().toString().toLowerCase(Locale.ROOT) + "-" + source;
        Bind bind = Mounts.volume(where, source, engineName, parts[1]);
        binds.add(bind);
        if (!namedVolumes.contains(engineName)) {
          namedVolumes.add(engineName);
        }
      }
    }
    CreateContainerCmd create =
        docker
            .createContainerCmd(service.image())
            .withEnv(envList(service.environment()))
            .withLabels(labels(context.buildId(), role))
            .withAliases(service.name())
            .withHostConfig(hostConfig(binds, Optional.of(network), ResourceLimits.none()));
    service.workingDir().ifPresent(create::withWorkingDir);
    service.user().ifPresent(create::withUser);
    return create;
  }

  // --- stage services -------------------------------------------------------------------------

  /**
   * Starts a stage's services on a network of their own, each reachable by its name.
   *
   * @throws PluginException when a service cannot start; those already started are removed
   * @since 0.1.0
   */
  @Override
  public RunningServices startServices(ServicesContext context) throws InterruptedException {
    String key = context.buildId() + "\u0000" + context.stage();
    String network = createNetwork(context.buildId(), "services");
    List<String> started = new ArrayList<>();
    RunningServices running =
        () -> {
          stageNetworks.remove(key, network);
          started.forEach(runner::remove);
          removeNetwork(network);
        };
    try {
      for (ServiceSpec service : context.services()) {
        String where = "stage \"" + context.stage() + "\" service \"" + service.name() + "\"";
        String image = checkImage(where, context.org(), service.container().image());
        ContainerSpec spec = withOptions(where, service.container());
        ensureImage(where, image, spec.pullPolicy());
        CreateContainerCmd create =
            docker
                .createContainerCmd(image)
                .withEnv(envList(spec.env()))
                .withLabels(labels(context.buildId(), "service"))
                .withAliases(service.name())
                .withHostConfig(
                    hostConfig(
                        containerMounts(where, spec, context.workspace()),
                        Optional.of(network),
                        spec.resources()));
        if (!service.command().isEmpty()) {
          create.withCmd(service.command());
        }
        spec.workdir().ifPresent(create::withWorkingDir);
        spec.user().ifPresent(create::withUser);
        String id = startService(where, create, context.cancellation());
        started.add(id);
        Optional<EngineOptions.Health> health =
            EngineOptions.parse(where, service.container().extraArgs()).health();
        if (health.isPresent()) {
          awaitHealthy(where, id, health.get(), context.cancellation());
        }
      }
    } catch (RuntimeException | InterruptedException failed) {
      running.stop();
      throw failed;
    }
    stageNetworks.put(key, network);
    return running;
  }

  /**
   * Runs the service's health command in it until the command exits 0, as GitHub Actions waits for
   * healthy services; fails after the retries, or when the container stops.
   */
  private void awaitHealthy(
      String where, String id, EngineOptions.Health health, Cancellation cancellation)
      throws InterruptedException {
    long lastCode = -1;
    for (int check = 1; check <= health.retries(); check++) {
      if (cancellation.isCancelled()) {
        throw new PluginException(where + ": stopped waiting for health because of a cancel");
      }
      InspectContainerResponse.ContainerState state =
          docker.inspectContainerCmd(id).exec().getState();
      if (!Boolean.TRUE.equals(state.getRunning())) {
        throw new PluginException(
            where
                + ": the container stopped while its health was checked (exit code "
                + state.getExitCodeLong()
                + ")"
                + lastLines(id)
                + "; check its image and command");
      }
      String exec =
          docker
              .execCreateCmd(id)
              .withCmd("sh", "-c", health.command())
              .withAttachStdout(true)
              .withAttachStderr(true)
              .exec()
              .getId();
      ResultCallback.Adapter<com.github.dockerjava.api.model.Frame> done =
          docker.execStartCmd(exec).exec(new ResultCallback.Adapter<>());
      if (done.awaitCompletion(
          health.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        Long code = docker.inspectExecCmd(exec).exec().getExitCodeLong();
        lastCode = code == null ? -1 : code;
        if (lastCode == 0) {
          return;
        }
      }
      Thread.sleep(health.interval());
    }
    throw new PluginException(
        where
            + ": the container did not become healthy: health command \""
            + health.command()
            + "\" failed "
            + health.retries()
            + " times (last exit code "
            + lastCode
            + "); check the command, or give it more --health-retries");
  }

  /** The last lines a failed service wrote, for its error message; empty when it wrote none. */
  private String lastLines(String id) {
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    try {
      docker
          .logContainerCmd(id)
          .withStdOut(true)
          .withStdErr(true)
          .withTail(SERVICE_LOG_TAIL)
          .exec(new LogLines(line -> lines.add(line.text()), clock))
          .awaitCompletion(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (DockerException | InterruptedException unavailable) {
      if (unavailable instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return "";
    }
    return lines.isEmpty() ? "" : ", last output: " + String.join(" | ", lines);
  }

  /** Creates and starts a long-running container; fails when it exits at once. */
  private String startService(String where, CreateContainerCmd create, Cancellation cancellation) {
    if (cancellation.isCancelled()) {
      throw new PluginException(where + ": not started because the stage was cancelled");
    }
    String id;
    try {
      id = create.exec().getId();
    } catch (DockerException failed) {
      throw new PluginException(
          where + ": the container could not be created: " + Docker.reason(failed), failed);
    }
    try {
      docker.startContainerCmd(id).exec();
      InspectContainerResponse.ContainerState state =
          docker.inspectContainerCmd(id).exec().getState();
      if (!Boolean.TRUE.equals(state.getRunning())) {
        throw new PluginException(
            where
                + ": the container exited right after it started (exit code "
                + state.getExitCodeLong()
                + ")"
                + lastLines(id)
                + "; check its image and command");
      }
      return id;
    } catch (DockerException failed) {
      runner.remove(id);
      throw new PluginException(
          where + ": the container could not start: " + Docker.reason(failed), failed);
    } catch (RuntimeException failed) {
      runner.remove(id);
      throw failed;
    }
  }

  // --- networks, labels, cleanup --------------------------------------------------------------

  private String createNetwork(BuildId build, String purpose) {
    String name =
        "chengis-"
            + build.toString().toLowerCase(Locale.ROOT)
            + "-"
            + purpose
            + "-"
            + Long.toString(System.nanoTime() & 0xFFFFFFFFFL, 36);
    try {
      docker
          .createNetworkCmd()
          .withName(name)
          .withDriver("bridge")
          .withLabels(labels(build, purpose))
          .exec();
    } catch (DockerException failed) {
      throw new PluginException(
          "cannot create network " + name + " on " + host + ": " + Docker.reason(failed), failed);
    }
    return name;
  }

  private void removeNetwork(String network) {
    try {
      docker.removeNetworkCmd(network).exec();
    } catch (DockerException gone) {
      // removed already; a leftover is removed by buildEnded or the next start
    }
  }

  private Map<String, String> labels(BuildId build, String role) {
    return Map.of(INSTANCE_LABEL, instance, BUILD_LABEL, build.toString(), ROLE_LABEL, role);
  }

  /**
   * Removes the containers and networks a build left behind (services whose stage could not stop
   * them, containers of a step whose thread died).
   *
   * @since 0.1.0
   */
  @Override
  public void buildEnded(BuildId build) {
    stageNetworks.keySet().removeIf(key -> key.startsWith(build + "\u0000"));
    removeLabelled(Map.of(INSTANCE_LABEL, instance, BUILD_LABEL, build.toString()));
  }

  /**
   * Removes every container and network labelled with this instance: what an earlier process left
   * behind when it died. Runs once when the executor is built.
   *
   * @return how many containers were removed
   */
  private int removeLeftovers() {
    return removeLabelled(Map.of(INSTANCE_LABEL, instance));
  }

  private int removeLabelled(Map<String, String> labels) {
    List<Container> containers =
        docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
    for (Container container : containers) {
      runner.remove(container.getId());
    }
    List<String> filter =
        labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    for (Network network : docker.listNetworksCmd().withFilter("label", filter).exec()) {
      removeNetwork(network.getId());
    }
    return containers.size();
  }

  /**
   * Closes the client; running steps fail.
   *
   * @since 0.1.0
   */
  @Override
  public void close() {
    try {
      docker.close();
    } catch (IOException ignored) {
      // nothing to release beyond the client's sockets
    }
  }

  /**
   * The engine address and instance, for diagnostics.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "DockerExecutor[" + host + ", instance " + instance + "]";
  }

  // --- helpers --------------------------------------------------------------------------------

  private static String stageKey(StepContext context) {
    return context.buildId() + "\u0000" + context.stage();
  }

  private static com.github.dockerjava.api.model.Volume volume(String path) {
    return new com.github.dockerjava.api.model.Volume(path);
  }

  private static String join(String base, String relative) {
    return (base.endsWith("/") ? base : base + "/") + relative;
  }

  private static List<String> envList(Map<String, String> env) {
    return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  private static HostConfig hostConfig(
      List<Bind> binds, Optional<String> network, ResourceLimits limits) {
    HostConfig config = HostConfig.newHostConfig().withBinds(binds);
    network.ifPresent(config::withNetworkMode);
    if (limits.cpus() > 0) {
      config.withNanoCPUs(Math.round(limits.cpus() * 1_000_000_000d));
    }
    if (limits.memoryBytes() > 0) {
      config.withMemory(limits.memoryBytes());
    }
    return config;
  }

  /**
   * Describes an executor. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private URI host = defaultHost();
    private String instance = "default";
    private ImagePolicy policy = ImagePolicy.allowAll();
    private final List<Path> mountRoots = new ArrayList<>();
    private Duration grace = Duration.ofSeconds(10);
    private InstantSource clock = InstantSource.system();

    private Builder() {}

    private static URI defaultHost() {
      String fromEnv = System.getenv("DOCKER_HOST");
      return URI.create(
          fromEnv == null || fromEnv.isBlank() ? "unix:///var/run/docker.sock" : fromEnv);
    }

    /**
     * Talks to the engine at this address.
     *
     * @param address e.g. {@code unix:///run/podman/podman.sock}
     * @return this builder
     */
    public Builder host(URI address) {
      this.host = Objects.requireNonNull(address, "host");
      return this;
    }

    /**
     * Names this executor's containers and networks (label {@code io.chengis.instance}); on start
     * it removes what an earlier executor of the same name left behind, so give engines that share
     * a container engine different names.
     *
     * @param name 1 to 64 lower-case letters, digits, '_', '.' or '-'
     * @return this builder
     */
    public Builder instance(String name) {
      if (!INSTANCE.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "docker executor instance name is invalid (was \""
                + name
                + "\"); use 1 to 64 lower-case letters, digits, '_', '.' or '-'");
      }
      this.instance = name;
      return this;
    }

    /**
     * Decides which images may run (default: all).
     *
     * @param imagePolicy the policy
     * @return this builder
     */
    public Builder imagePolicy(ImagePolicy imagePolicy) {
      this.policy = Objects.requireNonNull(imagePolicy, "imagePolicy");
      return this;
    }

    /**
     * Allows bind mounts from this host directory (and below) besides the workspace.
     *
     * @param root an absolute directory
     * @return this builder
     */
    public Builder allowMountRoot(Path root) {
      if (!root.isAbsolute()) {
        throw new IllegalArgumentException(
            "docker executor mount root must be absolute (was "
                + root
                + "); give an absolute directory");
      }
      mountRoots.add(root.normalize());
      return this;
    }

    /**
     * Sets the time between SIGTERM and SIGKILL when a step is cancelled or times out (default 10
     * seconds).
     *
     * @param period zero or positive
     * @return this builder
     */
    public Builder killGracePeriod(Duration period) {
      if (period.isNegative()) {
        throw new IllegalArgumentException(
            "killGracePeriod must not be negative (was " + period + "); use zero or more");
      }
      this.grace = period;
      return this;
    }

    /**
     * Sets the clock that stamps log lines (default: the system clock).
     *
     * @param source the clock
     * @return this builder
     */
    public Builder clock(InstantSource source) {
      this.clock = Objects.requireNonNull(source, "clock");
      return this;
    }

    /**
     * Connects to the engine, checks that it answers and removes what an earlier executor of the
     * same instance left behind.
     *
     * @return the executor; close it when done
     * @throws PluginException when no engine answers at the address
     */
    public DockerExecutor build() {
      DockerClient client = Docker.connect(host);
      try {
        client.pingCmd().exec();
      } catch (RuntimeException unreachable) {
        closeQuietly(client);
        throw new PluginException(
            "docker: no container engine answers at "
                + host
                + " ("
                + Docker.reason(unreachable)
                + "); start Docker or Podman (scripts/container-engine.sh start), or point"
                + " DOCKER_HOST or DockerExecutor.builder().host(...) at a running engine",
            unreachable);
      }
      DockerExecutor executor = new DockerExecutor(this, client);
      executor.removeLeftovers();
      return executor;
    }

    private static void closeQuietly(DockerClient client) {
      try {
        client.close();
      } catch (IOException ignored) {
        // the connection never worked
      }
    }
  }
}
