package io.chengis.engine;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chengis.api.BuildEvent;
import io.chengis.api.Conclusion;
import io.chengis.api.OrgId;
import io.chengis.api.Pipeline;
import io.chengis.api.StoreException;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.EventBatch;
import io.chengis.api.spi.EventReplay;
import io.chengis.api.spi.EventStore;
import io.chengis.api.spi.LogChunk;
import io.chengis.api.spi.LogKey;
import io.chengis.api.spi.LogRead;
import io.chengis.api.spi.LogStore;
import io.chengis.dsl.Chengis;
import io.chengis.engine.memory.InMemoryLogStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build's journal keeps only a recent window of events on the heap (about 2 MiB of log text);
 * subscribers that fall behind it read older events back from the event store. These builds print
 * more than the window.
 */
class LogReplayTest {
  private static final int LINES = 400_000; // about 2.7 million characters

  @TempDir Path root;

  private static final Pipeline LOUD =
      Chengis.pipeline("loud", p -> p.stage("s", s -> s.step("x", shell("seq 1 " + LINES))));

  private static List<String> expected() {
    return IntStream.rangeClosed(1, LINES).mapToObj(Integer::toString).toList();
  }

  @Test
  void events_subscriberAfterTheBuildPrintedMoreThanTheWindow_getsEveryEventInOrder()
      throws Exception {
    try (EngineFixture fixture = new EngineFixture(root)) {
      EngineFixture.Run run = fixture.run(LOUD);

      assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
      assertThat(run.log("s", "x")).isEqualTo(expected());
      assertThat(run.events()).isEqualTo(fixture.engine.events(run.handle().id()));
      assertThat(run.eventKinds()).startsWith("BuildQueued").endsWith("BuildFinished");
    }
  }

  @Test
  void events_slowSubscriberFromTheStart_neitherBlocksTheBuildNorMissesALine() throws Exception {
    try (EngineFixture fixture = new EngineFixture(root)) {
      BuildHandle handle = fixture.engine.trigger(LOUD, TriggerRequest.manual());
      AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
      List<BuildEvent> seen = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> completed = new CompletableFuture<>();
      handle
          .events()
          .subscribe(
              new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription given) {
                  subscription.set(given);
                  given.request(1);
                }

                @Override
                public void onNext(BuildEvent item) {
                  seen.add(item);
                }

                @Override
                public void onError(Throwable throwable) {
                  completed.completeExceptionally(throwable);
                }

                @Override
                public void onComplete() {
                  completed.complete(null);
                }
              });

      assertThat(handle.await(Duration.ofMinutes(2)).orElseThrow().conclusion())
          .isEqualTo(Conclusion.SUCCESS);
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
      subscription.get().request(Long.MAX_VALUE);
      completed.get(30, TimeUnit.SECONDS);

      assertThat(seen).isEqualTo(fixture.engine.events(handle.id()));
      assertThat(
              seen.stream()
                  .filter(BuildEvent.LogBatch.class::isInstance)
                  .flatMap(event -> ((BuildEvent.LogBatch) event).lines().stream())
                  .map(line -> line.text())
                  .toList())
          .isEqualTo(expected());
    }
  }

  @Test
  void events_eventStoreFailing_liveSubscribersStillGetEveryLine() throws Exception {
    EventStore broken =
        new EventStore() {
          @Override
          public void append(EventBatch batch) {
            throw new StoreException("event store: disk full");
          }

          @Override
          public List<BuildEvent> replay(EventReplay replay) {
            throw new StoreException("event store: disk full");
          }
        };
    try (EngineFixture fixture =
        new EngineFixture(root, ChengisEngine.builder().eventStore(broken))) {
      EngineFixture.Run run = fixture.run(LOUD);

      assertThat(run.log("s", "x")).isEqualTo(expected());
      assertThat(run.result().warnings())
          .anySatisfy(warning -> assertThat(warning).contains("the event store failed"));
    }
  }

  /**
   * While the log store is stuck, the step's output waits in a bounded buffer and then in the
   * process's pipe: the step cannot finish printing. Once the store moves again, every line is
   * stored, in order.
   */
  @Test
  void logStoreStuck_readerWaitsInABoundedBuffer_andNoLineIsLost() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    InMemoryLogStore kept = new InMemoryLogStore();
    LogStore stuck =
        new LogStore() {
          @Override
          public void append(LogChunk chunk) {
            entered.countDown();
            try {
              release.await();
            } catch (InterruptedException interrupted) {
              Thread.currentThread().interrupt();
            }
            kept.append(chunk);
          }

          @Override
          public LogChunk read(LogRead read) {
            return kept.read(read);
          }
        };
    Path done = root.resolve("printed-everything");
    Pipeline loud =
        Chengis.pipeline(
            "loud",
            p ->
                p.stage("s", s -> s.step("x", shell("seq 1 " + LINES + "; touch '" + done + "'"))));
    try (EngineFixture fixture = new EngineFixture(root, ChengisEngine.builder().logStore(stuck))) {
      BuildHandle handle = fixture.engine.trigger(loud, TriggerRequest.manual());
      assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(5))
          .until(() -> !Files.exists(done));
      release.countDown();

      assertThat(handle.await().conclusion()).isEqualTo(Conclusion.SUCCESS);
      LogChunk stored =
          kept.read(
              new LogRead(
                  new LogKey(new BuildRef(OrgId.DEFAULT, handle.id()), "s", "x"), 0, LINES + 1));
      assertThat(stored.lines().stream().map(line -> line.text()).toList()).isEqualTo(expected());
    }
  }
}
