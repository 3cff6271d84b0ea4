package io.chengis.cli.internal;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Secret;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.EventBuilds;
import io.chengis.scm.Forge;
import io.chengis.scm.WebhookEndpoint;
import io.chengis.scm.WebhookIntake;
import io.chengis.scm.WebhookServer;
import io.chengis.store.SqlStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chengis serve}: takes forge webhooks on {@code POST /webhooks/{provider}} and starts the
 * builds of the given pipelines whose triggers match, until stopped.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Takes webhooks from GitHub, GitLab, Gitea and Bitbucket on POST /webhooks/{provider} and"
          + " starts the builds of the given pipelines whose push or pull request triggers match.",
      "Runs until stopped (Ctrl-C); deliveries and builds are kept in the database."
    })
public final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "pipeline files or directories (as for chengis run); each becomes a job")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8080",
      description = "the port to listen on, 0 for any free one (default: ${DEFAULT-VALUE})")
  int port = 8080;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "the address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all)")
  String bind = "127.0.0.1";

  @Option(
      names = "--webhook-secret-env",
      paramLabel = "FORGE=VARIABLE",
      description =
          "the environment variable holding a forge's webhook secret, e.g."
              + " github=GITHUB_WEBHOOK_SECRET; repeat per forge")
  Map<String, String> secretVariables = new LinkedHashMap<>();

  @Option(
      names = "--webhook-secret-file",
      paramLabel = "FORGE=FILE",
      description = "a file holding a forge's webhook secret; repeat per forge")
  Map<String, Path> secretFiles = new LinkedHashMap<>();

  @Option(
      names = "--workspace",
      paramLabel = "DIR",
      defaultValue = ".chengis/work",
      description = "where workspaces are made (default: ${DEFAULT-VALUE})")
  Path workspace = Path.of(".chengis/work");

  @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();
  @CommandLine.Mixin PluginOptions plugins = new PluginOptions();

  /** Used by picocli. */
  public ServeCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Pipeline> pipelines = new ArrayList<>();
    Map<Forge, Secret> secrets;
    CliConfig config;
    try {
      for (Path path : paths) {
        Path file =
            PipelineFiles.resolve(plugins, database, path)
                .orElseThrow(
                    () -> new UsageException(PipelineFiles.noneIn(plugins, database, path)));
        pipelines.add(PipelineFiles.parse(plugins, database, file));
      }
      secrets = secrets(System.getenv());
      config = database.config();
    } catch (PipelineDefinitionException problems) {
      err.println(problems.getMessage());
      err.flush();
      return ExitCodes.DEFINITION_OR_USAGE;
    } catch (UsageException | CliConfig.ConfigException mistake) {
      err.println("chengis serve: " + mistake.getMessage());
      err.flush();
      return ExitCodes.DEFINITION_OR_USAGE;
    }
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                stopped.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "chengis-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try (SqlStores stores = Stores.open(database, config, err);
        ChengisEngine engine = database.engine(stores, config, workspace).build()) {
      pipelines.forEach(engine::register);
      WebhookIntake.Builder intake = WebhookIntake.builder().deliveries(stores.webhookDeliveries());
      secrets.forEach(intake::secret);
      WebhookEndpoint endpoint =
          new WebhookEndpoint(
              intake.build(),
              event -> {
                EventBuilds builds = engine.triggerMatching(event);
                for (String line : builds.summary()) {
                  err.println(
                      "chengis serve: " + event.provider() + " " + event.ref() + ": " + line);
                }
                err.flush();
                return builds.summary();
              });
      try (WebhookServer server = start(endpoint)) {
        out.println(
            "chengis serve: listening on "
                + server.uri()
                + "{"
                + String.join("|", secrets.keySet().stream().map(Forge::type).toList())
                + "} for jobs "
                + String.join(", ", pipelines.stream().map(Pipeline::name).toList()));
        out.flush();
        stop.await();
      }
      return ExitCodes.SUCCESS;
    } catch (UncheckedIOException cannotListen) {
      err.println("chengis serve: " + cannotListen.getMessage());
      err.flush();
      return ExitCodes.DEFINITION_OR_USAGE;
    } catch (InterruptedException interrupted) {
      return ExitCodes.INTERRUPTED;
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: the JVM is stopping, which is how serve ends on Ctrl-C.
      }
    }
  }

  private WebhookServer start(WebhookEndpoint endpoint) {
    return WebhookServer.start(new InetSocketAddress(bind, port), endpoint);
  }

  /** The webhook secrets by forge; at least one, each read from its variable or file. */
  Map<Forge, Secret> secrets(Map<String, String> environment) {
    Map<Forge, Secret> secrets = new LinkedHashMap<>();
    for (Map.Entry<String, String> variable : secretVariables.entrySet()) {
      Forge forge = forge(variable.getKey());
      String value = environment.get(variable.getValue());
      if (value == null || value.isBlank()) {
        throw new UsageException(
            "the environment variable "
                + variable.getValue()
                + " for the "
                + forge.type()
                + " webhook secret is not set; export it, or use --webhook-secret-file");
      }
      secrets.put(forge, Secret.of(value.strip()));
    }
    for (Map.Entry<String, Path> file : secretFiles.entrySet()) {
      Forge forge = forge(file.getKey());
      String value;
      try {
        value = Files.readString(file.getValue(), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UsageException(
            "cannot read the "
                + forge.type()
                + " webhook secret from "
                + file.getValue()
                + " ("
                + e.getClass().getSimpleName()
                + "); check the path and its permissions");
      }
      if (value.isEmpty()) {
        throw new UsageException(
            "the " + forge.type() + " webhook secret file " + file.getValue() + " is empty");
      }
      secrets.put(forge, Secret.of(value));
    }
    if (secrets.isEmpty()) {
      throw new UsageException(
          "no webhook secret is configured, so every delivery would be refused; give one per"
              + " forge with --webhook-secret-env github=GITHUB_WEBHOOK_SECRET or"
              + " --webhook-secret-file github=/run/secrets/github");
    }
    return secrets;
  }

  private static Forge forge(String name) {
    Optional<Forge> forge =
        java.util.Arrays.stream(Forge.values())
            .filter(f -> f.type().equals(name.toLowerCase(Locale.ROOT)))
            .findFirst();
    return forge.orElseThrow(
        () ->
            new UsageException(
                "unknown forge \"" + name + "\"; use github, gitlab, gitea or bitbucket"));
  }

  /** A mistake on the command line, told as is. */
  private static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
