package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.EventId;
import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.TimeOrderedIds;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EventJournalTest {
  private final TimeOrderedIds<EventId> ids = EventId.generator(InstantSource.system());
  private final BuildId build = BuildId.generator(InstantSource.system()).next();

  /** What the event store holds, in id order. */
  private final List<BuildEvent> stored = new CopyOnWriteArrayList<>();

  private final EventJournal.Store store =
      (after, limit) ->
          stored.stream()
              .filter(event -> after.map(id -> event.id().compareTo(id) > 0).orElse(true))
              .limit(limit)
              .toList();

  private BuildEvent batch(int first, int count) {
    List<LogLine> lines = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      lines.add(new LogLine(Instant.EPOCH, LogStream.STDOUT, "line " + i));
    }
    return new BuildEvent.LogBatch(ids.next(), build, Instant.EPOCH, "s", "x", lines);
  }

  private BuildEvent warning(String text) {
    return new BuildEvent.Warning(ids.next(), build, Instant.EPOCH, text);
  }

  /** Appends to the store first (as the engine does), then to the journal. */
  private void appendStored(EventJournal journal, BuildEvent event) {
    stored.add(event);
    journal.append(event, true);
  }

  /** Subscribes and requests everything at once; completes with all events or the error. */
  private static CompletableFuture<List<BuildEvent>> readAll(EventJournal journal) {
    CompletableFuture<List<BuildEvent>> done = new CompletableFuture<>();
    List<BuildEvent> seen = new ArrayList<>();
    journal.subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(BuildEvent item) {
            seen.add(item);
          }

          @Override
          public void onError(Throwable throwable) {
            done.completeExceptionally(throwable);
          }

          @Override
          public void onComplete() {
            done.complete(seen);
          }
        });
    return done;
  }

  private static List<String> lines(List<BuildEvent> events) {
    return events.stream()
        .filter(BuildEvent.LogBatch.class::isInstance)
        .flatMap(event -> ((BuildEvent.LogBatch) event).lines().stream())
        .map(LogLine::text)
        .toList();
  }

  @Test
  void append_pastTheWindow_keepsOnlyRecentStoredEventsOnTheHeap() {
    EventJournal journal = new EventJournal(store, 1000, 100);
    for (int i = 0; i < 100; i++) {
      appendStored(journal, batch(i * 10, 10));
    }

    assertThat(journal.size()).isEqualTo(100);
    long heapCharacters = lines(journal.snapshot()).stream().mapToLong(l -> l.length() + 1).sum();
    assertThat(heapCharacters).isLessThanOrEqualTo(1000);
    assertThat(journal.snapshot()).hasSizeLessThan(20);
  }

  @Test
  void subscribe_afterCompaction_replaysEveryEventInOrderFromTheStore() throws Exception {
    EventJournal journal = new EventJournal(store, 500, 10);
    List<BuildEvent> appended = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      BuildEvent event = i % 7 == 0 ? warning("w" + i) : batch(i * 3, 3);
      appended.add(event);
      appendStored(journal, event);
    }
    journal.close();

    List<BuildEvent> read = readAll(journal).get(10, TimeUnit.SECONDS);

    assertThat(read).containsExactlyElementsOf(appended);
  }

  @Test
  void subscribe_whileAppending_seesEveryEventOnceInOrder() throws Exception {
    EventJournal journal = new EventJournal(store, 200, 5);
    CompletableFuture<List<BuildEvent>> reading = readAll(journal);
    List<BuildEvent> appended = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      BuildEvent event = batch(i * 2, 2);
      appended.add(event);
      appendStored(journal, event);
    }
    journal.close();

    assertThat(reading.get(10, TimeUnit.SECONDS)).containsExactlyElementsOf(appended);
  }

  @Test
  void append_eventTheStoreFailedToKeep_staysOnTheHeapAndIsStillDelivered() throws Exception {
    EventJournal journal = new EventJournal(store, 100, 5);
    List<BuildEvent> appended = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      BuildEvent event = batch(i * 5, 5);
      appended.add(event);
      if (i == 3) {
        journal.append(event, false); // the event store failed: only the journal has it
      } else {
        appendStored(journal, event);
      }
    }
    journal.close();

    assertThat(journal.snapshot()).contains(appended.get(3));
    assertThat(readAll(journal).get(10, TimeUnit.SECONDS)).containsExactlyElementsOf(appended);
  }

  @Test
  void subscribe_storeCannotBeReadBack_signalsAnErrorNamingTheStore() {
    EventJournal failing =
        new EventJournal(
            (after, limit) -> {
              throw new IllegalStateException("database is down");
            },
            100,
            5);
    for (int i = 0; i < 50; i++) {
      failing.append(batch(i * 5, 5), true);
    }
    failing.close();

    CompletableFuture<List<BuildEvent>> reading = readAll(failing);

    Throwable error = catchThrowable(() -> reading.get(10, TimeUnit.SECONDS));
    assertThat(error).isInstanceOf(ExecutionException.class);
    assertThat(error.getCause())
        .hasMessageContaining(
            "cannot read events after the start back from the event store (database is down)");
  }

  @Test
  void subscribe_storeThatLostEvents_signalsAnErrorInsteadOfRepeatingOrSkipping() throws Exception {
    EventJournal journal = new EventJournal(store, 100, 5);
    for (int i = 0; i < 50; i++) {
      appendStored(journal, batch(i * 5, 5));
    }
    journal.close();
    stored.subList(10, 20).clear(); // the store lost events it had accepted

    Throwable error = catchThrowable(() -> readAll(journal).get(10, TimeUnit.SECONDS));

    assertThat(error).isInstanceOf(ExecutionException.class);
    assertThat(error.getCause()).hasMessageContaining("the event store lacks events after");
  }

  @Test
  void subscribe_slowSubscriber_doesNotHoldBackAppendsAndLaterGetsEverything() throws Exception {
    EventJournal journal = new EventJournal(store, 300, 5);
    AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    List<BuildEvent> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> completed = new CompletableFuture<>();
    journal.subscribe(
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
    List<BuildEvent> appended = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      BuildEvent event = batch(i * 4, 4);
      appended.add(event);
      appendStored(journal, event);
    }
    journal.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);

    subscription.get().request(Long.MAX_VALUE);

    completed.get(10, TimeUnit.SECONDS);
    assertThat(seen).containsExactlyElementsOf(appended);
    assertThat(journal.snapshot()).hasSizeLessThan(100);
  }

  @Test
  void replay_pageBoundaries_areCrossedWithoutLosingOrRepeatingEvents() throws Exception {
    EventJournal journal = new EventJournal(store, 10, 2);
    List<BuildEvent> appended = new ArrayList<>();
    for (int i = 0; i < EventJournal.REPLAY_PAGE * 2 + 17; i++) {
      BuildEvent event = warning("w" + i);
      appended.add(event);
      appendStored(journal, event);
    }
    journal.close();

    assertThat(readAll(journal).get(10, TimeUnit.SECONDS)).containsExactlyElementsOf(appended);
    assertThat(Optional.of(journal.size())).contains((long) appended.size());
  }
}
