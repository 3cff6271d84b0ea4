package io.chengis.benchmarks;

import static io.chengis.dsl.Steps.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.Pipeline;
import io.chengis.api.PluginException;
import io.chengis.docker.DockerExecutor;
import io.chengis.dsl.Chengis;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.TriggerRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Container step overhead: N container steps {@code true} in one build against N raw docker-java
 * create + start + wait + remove of the same image and command, in the same process and run. The
 * engine variant also streams the (empty) log, inspects the image and mounts the workspace, as
 * every container step does.
 */
final class ContainerBenchmark {
  static final String IMAGE = "local/busybox:latest";
  private static final String ENGINE = "engine: 1 build of N container steps";
  private static final String RAW = "raw: docker-java create+start+wait+remove";

  private final Settings settings;
  private final Path workspaces;

  ContainerBenchmark(Settings settings, Path workspaces) {
    this.settings = settings;
    this.workspaces = workspaces;
  }

  List<Row> run() throws Exception {
    int steps = Integer.getInteger("containerSteps", 10);
    DockerExecutor docker;
    try {
      docker = DockerExecutor.builder().instance("chengis-benchmarks").build();
      docker.requireImage(IMAGE);
    } catch (PluginException unavailable) {
      System.out.println("containers: skipped: " + unavailable.getMessage());
      return List.of(new Row("containers", "not run", "no container engine", "", ""));
    }
    Pipeline pipeline =
        Chengis.pipeline(
            "containers",
            p ->
                p.stage(
                    "steps",
                    s -> {
                      for (int i = 1; i <= steps; i++) {
                        s.step("true-" + i, container(IMAGE, "true"));
                      }
                    }));
    Map<String, List<Long>> nanos;
    try (docker;
        DockerClient raw = client(docker);
        ChengisEngine engine =
            ChengisEngine.builder()
                .workspaceRoot(workspaces)
                .executor("container", docker)
                .build()) {
      nanos =
          new Rounds()
              .add(ENGINE, () -> timed(() -> build(engine, pipeline, steps)))
              .add(RAW, () -> timed(() -> rawRuns(raw, steps)))
              .run("containers", 1, settings.rounds());
    }
    long baseline = Rounds.median(nanos.get(RAW));
    long engineTotal = Rounds.median(nanos.get(ENGINE));
    List<Row> rows = new ArrayList<>();
    nanos.forEach(
        (variant, figures) -> {
          long total = Rounds.median(figures);
          rows.add(
              new Row(
                  "containers x" + steps,
                  variant,
                  String.format(
                      Locale.ROOT, "%.1f ms total, %.1f ms/step", total / 1e6, total / 1e6 / steps),
                  String.format(Locale.ROOT, "%.2f", (double) total / baseline),
                  ""));
        });
    rows.add(
        new Row(
            "containers x" + steps,
            "engine overhead per step",
            String.format(Locale.ROOT, "%.1f ms", (engineTotal - baseline) / 1e6 / steps),
            "",
            ""));
    return rows;
  }

  private static DockerClient client(DockerExecutor docker) {
    DockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(docker.host().toString())
            .build();
    return DockerClientImpl.getInstance(
        config,
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .build());
  }

  private static void rawRuns(DockerClient docker, int times) {
    for (int i = 0; i < times; i++) {
      String id = docker.createContainerCmd(IMAGE).withCmd("sh", "-c", "true").exec().getId();
      docker.startContainerCmd(id).exec();
      int code =
          docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode();
      docker.removeContainerCmd(id).withForce(true).exec();
      if (code != 0) {
        throw new AssertionError("raw container exited with " + code);
      }
    }
  }

  private static void build(ChengisEngine engine, Pipeline pipeline, int steps) throws Exception {
    BuildResult result = engine.trigger(pipeline, TriggerRequest.manual()).await();
    long ok =
        result.stages().stream()
            .flatMap(s -> s.steps().stream())
            .filter(step -> step.conclusion() == Conclusion.SUCCESS)
            .count();
    if (result.conclusion() != Conclusion.SUCCESS || ok != steps) {
      throw new AssertionError(
          "container build did not succeed with " + steps + " steps: " + result);
    }
  }

  @FunctionalInterface
  private interface Body {
    void run() throws Exception;
  }

  private static long timed(Body body) throws Exception {
    long start = System.nanoTime();
    body.run();
    return System.nanoTime() - start;
  }
}
