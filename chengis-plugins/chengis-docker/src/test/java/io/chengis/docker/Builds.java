package io.chengis.docker;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildResult;
import io.chengis.api.LogLine;
import io.chengis.api.Pipeline;
import io.chengis.api.StepResult;
import io.chengis.engine.BuildHandle;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.TriggerRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs pipelines on the real engine with the shared Docker executor. */
final class Builds implements AutoCloseable {
  final Path root;
  final ChengisEngine engine;

  Builds(Path root) {
    this(root, ChengisEngine.builder());
  }

  Builds(Path root, ChengisEngine.Builder builder) {
    this(root, builder, ContainerEngine.executor());
  }

  Builds(Path root, ChengisEngine.Builder builder, DockerExecutor docker) {
    this.root = root;
    this.engine =
        builder
            .workspaceRoot(root)
            .killGracePeriod(Duration.ofMillis(500))
            .environment(Map.of("PATH", System.getenv("PATH"), "HOST_ONLY", "from-the-host"))
            .executor("container", docker)
            .executor("compose", docker)
            .build();
  }

  Run run(Pipeline pipeline) throws InterruptedException {
    return finish(engine.trigger(pipeline, TriggerRequest.manual()));
  }

  Run finish(BuildHandle handle) throws InterruptedException {
    BuildResult result = handle.await(Duration.ofMinutes(2)).orElseThrow();
    return new Run(result, engine.events(handle.id()), handle.number());
  }

  @Override
  public void close() {
    engine.close();
  }

  record Run(BuildResult result, List<BuildEvent> events, long number) {
    StepResult step(String stage, String step) {
      return result.stages().stream()
          .filter(s -> s.name().equals(stage))
          .flatMap(s -> s.steps().stream())
          .filter(s -> s.name().equals(step))
          .findFirst()
          .orElseThrow();
    }

    List<LogLine> lines(String step) {
      return events.stream()
          .filter(BuildEvent.LogBatch.class::isInstance)
          .map(BuildEvent.LogBatch.class::cast)
          .filter(batch -> batch.step().equals(step))
          .flatMap(batch -> batch.lines().stream())
          .toList();
    }

    List<String> text(String step) {
      return lines(step).stream().map(LogLine::text).toList();
    }
  }
}
