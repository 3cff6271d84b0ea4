package io.chengis.engine;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildResult;
import io.chengis.api.LogLine;
import io.chengis.api.Pipeline;
import io.chengis.api.StageResult;
import io.chengis.api.StepResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/** Runs pipelines on a real engine with real processes and collects what happened. */
final class EngineFixture implements AutoCloseable {
  final Path root;
  final ChengisEngine engine;

  EngineFixture(Path root) {
    this(root, ChengisEngine.builder());
  }

  EngineFixture(Path root, ChengisEngine.Builder builder) {
    this.root = root;
    this.engine =
        builder
            .workspaceRoot(root)
            .killGracePeriod(Duration.ofMillis(500))
            .environment(Map.of("PATH", System.getenv("PATH")))
            .build();
  }

  Run run(Pipeline pipeline) throws Exception {
    return run(pipeline, TriggerRequest.manual());
  }

  Run run(Pipeline pipeline, TriggerRequest request) throws Exception {
    BuildHandle handle = engine.trigger(pipeline, request);
    return finish(handle);
  }

  static Run finish(BuildHandle handle) throws Exception {
    BuildResult result = handle.await(Duration.ofMinutes(2)).orElseThrow();
    List<BuildEvent> events = collect(handle.events()).get(30, TimeUnit.SECONDS);
    return new Run(handle, result, events);
  }

  static CompletableFuture<List<BuildEvent>> collect(Flow.Publisher<BuildEvent> publisher) {
    CompletableFuture<List<BuildEvent>> done = new CompletableFuture<>();
    List<BuildEvent> events = new ArrayList<>();
    publisher.subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(BuildEvent item) {
            events.add(item);
          }

          @Override
          public void onError(Throwable throwable) {
            done.completeExceptionally(throwable);
          }

          @Override
          public void onComplete() {
            done.complete(events);
          }
        });
    return done;
  }

  @Override
  public void close() {
    engine.close();
  }

  record Run(BuildHandle handle, BuildResult result, List<BuildEvent> events) {
    StageResult stage(String name) {
      return result.stages().stream()
          .filter(stage -> stage.name().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no stage " + name + " in " + result.stages()));
    }

    StepResult step(String stage, String step) {
      return stage(stage).steps().stream()
          .filter(s -> s.name().equals(step))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no step " + step + " in " + stage(stage)));
    }

    List<String> log(String stage, String step) {
      return events.stream()
          .filter(BuildEvent.LogBatch.class::isInstance)
          .map(BuildEvent.LogBatch.class::cast)
          .filter(batch -> batch.stage().equals(stage) && batch.step().equals(step))
          .flatMap(batch -> batch.lines().stream())
          .map(LogLine::text)
          .toList();
    }

    List<String> eventKinds() {
      return events.stream().map(event -> event.getClass().getSimpleName()).toList();
    }

    <T extends BuildEvent> List<T> events(Class<T> kind) {
      return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
  }
}
