package io.chengis.store;

import static io.chengis.testkit.contract.StoreFixtures.ACME;
import static io.chengis.testkit.contract.StoreFixtures.API;
import static io.chengis.testkit.contract.StoreFixtures.T0;
import static io.chengis.testkit.contract.StoreFixtures.buildId;
import static io.chengis.testkit.contract.StoreFixtures.eventId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.Conclusion;
import io.chengis.api.EventId;
import io.chengis.api.Outcome;
import io.chengis.api.StageResult;
import io.chengis.api.StoreException;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.EventBatch;
import io.chengis.api.spi.EventReplay;
import io.chengis.testkit.contract.StoreFixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The event store's group commit (decision 38), on real SQLite files: what a second store on the
 * same file sees (the file, not the buffer), and cursor replay while the flusher moves events from
 * the buffer to the table.
 */
class EventBufferTest {
  private final BuildId build = buildId();

  private BuildEvent warning(String message) {
    return new BuildEvent.Warning(eventId(), build, T0, message);
  }

  private static List<BuildEvent> inFile(Path file, BuildId build) {
    try (SqlStores reader = SqlStores.sqlite(file)) {
      return reader
          .events()
          .replay(new EventReplay(ACME, Optional.of(build), Optional.empty(), 1000));
    }
  }

  @Test
  void buildFinished_isInTheFileWhenItsAppendReturns_withEverythingBefore() {
    Path file = TestDatabases.sqliteFile();
    BuildRecord done =
        StoreFixtures.finished(StoreFixtures.queuedBuild(StoreFixtures.job(ACME, API), 1));
    try (SqlStores stores = SqlStores.sqlite(file)) {
      BuildEvent started = new BuildEvent.Warning(eventId(), done.buildId(), T0, "started");
      BuildEvent finished =
          new BuildEvent.BuildFinished(eventId(), done.buildId(), T0, done.result().orElseThrow());
      stores.events().append(new EventBatch(ACME, List.of(started)));
      stores.events().append(new EventBatch(ACME, List.of(finished)));

      assertThat(inFile(file, done.buildId())).containsExactly(started, finished);
    }
  }

  @Test
  void buildWaiting_isInTheFileWhenItsAppendReturns() {
    Path file = TestDatabases.sqliteFile();
    try (SqlStores stores = SqlStores.sqlite(file)) {
      BuildEvent waiting = new BuildEvent.BuildWaiting(eventId(), build, T0, "Deploy", "approve?");
      stores.events().append(new EventBatch(ACME, List.of(waiting)));

      assertThat(inFile(file, build)).containsExactly(waiting);
    }
  }

  @Test
  void stageFinished_isInTheFileWithWhatCameBeforeWhenItsAppendReturns() {
    Path file = TestDatabases.sqliteFile();
    try (SqlStores stores = SqlStores.sqlite(file)) {
      BuildEvent before = warning("compiling");
      BuildEvent stageFinished =
          new BuildEvent.StageFinished(
              eventId(),
              build,
              T0,
              new StageResult(
                  "compile",
                  Map.of(),
                  Outcome.SUCCESS,
                  Conclusion.SUCCESS,
                  Optional.of(T0),
                  Optional.of(T0.plusSeconds(5)),
                  Optional.empty(),
                  List.of(),
                  Map.of()));
      stores.events().append(new EventBatch(ACME, List.of(before)));
      stores.events().append(new EventBatch(ACME, List.of(stageFinished)));

      // A build resumed after a crash keeps the stages whose results are stored.
      assertThat(inFile(file, build)).containsExactly(before, stageFinished);
    }
  }

  @Test
  void ordinaryEvent_reachesTheFileSoonWithoutAnotherCall() {
    Path file = TestDatabases.sqliteFile();
    try (SqlStores stores = SqlStores.sqlite(file)) {
      BuildEvent event = warning("soon");
      stores.events().append(new EventBatch(ACME, List.of(event)));

      assertThat(
              stores
                  .events()
                  .replay(new EventReplay(ACME, Optional.of(build), Optional.empty(), 10)))
          .containsExactly(event);
      await().atMost(Duration.ofSeconds(5)).until(() -> inFile(file, build).contains(event));
    }
  }

  @Test
  void failedWrite_keepsTheEventsBuffered_untilTheFlusherCanWriteThem() throws Exception {
    Path file = TestDatabases.sqliteFile();
    try (SqlStores stores = SqlStores.sqlite(file);
        Connection side = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = side.createStatement()) {
      statement.execute("alter table chengis_events rename to chengis_events_away");
      BuildEvent waiting = new BuildEvent.BuildWaiting(eventId(), build, T0, "Deploy", "approve?");

      assertThatThrownBy(() -> stores.events().append(new EventBatch(ACME, List.of(waiting))))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("write failed");

      statement.execute("alter table chengis_events_away rename to chengis_events");
      await().atMost(Duration.ofSeconds(10)).until(() -> inFile(file, build).contains(waiting));
    }
  }

  @Test
  void close_writesWhatIsBuffered() {
    Path file = TestDatabases.sqliteFile();
    List<BuildEvent> appended = new ArrayList<>();
    try (SqlStores stores = SqlStores.sqlite(file)) {
      for (int i = 0; i < 100; i++) {
        appended.add(warning("event " + i));
        stores.events().append(new EventBatch(ACME, List.of(appended.getLast())));
      }
    }

    assertThat(inFile(file, build)).containsExactlyElementsOf(appended);
  }

  /**
   * A reader pages with a cursor while a writer appends batches and the flusher writes them: every
   * event is visited once, in order, whether it was read from the buffer or from the table.
   */
  @Property(tries = 15)
  void replayWithCursor_whileAppendingAndFlushing_visitsEveryEventOnceInOrder(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 30) Integer> batches,
      @ForAll @IntRange(min = 1, max = 50) int pageSize)
      throws Exception {
    SqlStores stores = TestDatabases.sqlite();
    BuildId run = buildId();
    List<BuildEvent> appended = new ArrayList<>();
    for (int size : batches) {
      for (int i = 0; i < size; i++) {
        appended.add(new BuildEvent.Warning(eventId(), run, T0, "event " + appended.size()));
      }
    }
    AtomicBoolean done = new AtomicBoolean();
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              int from = 0;
              for (int size : batches) {
                stores.events().append(new EventBatch(ACME, appended.subList(from, from + size)));
                from += size;
              }
              done.set(true);
            });
    List<BuildEvent> visited = new ArrayList<>();
    Optional<EventId> cursor = Optional.empty();
    while (true) {
      boolean last = done.get();
      List<BuildEvent> page =
          stores.events().replay(new EventReplay(ACME, Optional.of(run), cursor, pageSize));
      visited.addAll(page);
      if (!page.isEmpty()) {
        cursor = Optional.of(page.getLast().id());
      } else if (last) {
        break;
      }
    }
    writer.get();

    assertThat(visited).isEqualTo(appended);
  }
}
