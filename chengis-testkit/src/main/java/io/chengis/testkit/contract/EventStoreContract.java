package io.chengis.testkit.contract;

import static io.chengis.testkit.contract.StoreFixtures.ACME;
import static io.chengis.testkit.contract.StoreFixtures.GLOBEX;
import static io.chengis.testkit.contract.StoreFixtures.T0;
import static io.chengis.testkit.contract.StoreFixtures.buildId;
import static io.chengis.testkit.contract.StoreFixtures.eventId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.EventId;
import io.chengis.api.OrgId;
import io.chengis.api.spi.EventBatch;
import io.chengis.api.spi.EventReplay;
import io.chengis.api.spi.EventStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol of {@link EventStore}, for every implementation. */
public abstract class EventStoreContract {
  /** For subclasses, which supply the implementation under test. */
  protected EventStoreContract() {}

  private EventStore store;
  private final BuildId build = buildId();
  private final BuildId other = buildId();

  /** A new, empty store. */
  protected abstract EventStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private static List<BuildEvent> events(BuildId... builds) {
    List<BuildEvent> events = new ArrayList<>();
    for (BuildId build : builds) {
      events.add(new BuildEvent.Warning(eventId(), build, T0, "event " + events.size()));
    }
    return events;
  }

  private static EventReplay all(OrgId org) {
    return new EventReplay(org, Optional.empty(), Optional.empty(), 10_000);
  }

  @Property(tries = 50)
  void replay_afterAnyStoredEvent_returnsExactlyTheLaterEvents(
      @ForAll @IntRange(min = 1, max = 40) int count, @ForAll @IntRange(min = 0, max = 39) int at) {
    EventStore events = newStore();
    List<BuildEvent> appended = events(Collections.nCopies(count, build).toArray(BuildId[]::new));
    int split = count / 2;
    events.append(new EventBatch(ACME, appended.subList(0, split)));
    events.append(new EventBatch(ACME, appended.subList(split, count)));
    int cursor = Math.min(at, count - 1);

    List<BuildEvent> replayed =
        events.replay(
            new EventReplay(
                ACME, Optional.empty(), Optional.of(appended.get(cursor).id()), 10_000));

    assertThat(replayed).isEqualTo(appended.subList(cursor + 1, count));
  }

  @Test
  void replay_fromTheStart_returnsEveryEventInIdOrder() {
    List<BuildEvent> first = events(build, other, build);
    List<BuildEvent> second = events(other, build);
    store.append(new EventBatch(ACME, first));
    store.append(new EventBatch(ACME, second));

    assertThat(store.replay(all(ACME)))
        .containsExactlyElementsOf(concat(first, second))
        .isSortedAccordingTo((a, b) -> a.id().compareTo(b.id()));
  }

  @Test
  void replay_inPagesFollowingTheLastId_visitsEveryEventOnce() {
    List<BuildEvent> appended = events(build, build, build, build, build, build, build);
    store.append(new EventBatch(ACME, appended));

    List<BuildEvent> visited = new ArrayList<>();
    Optional<EventId> cursor = Optional.empty();
    List<BuildEvent> page;
    do {
      page = store.replay(new EventReplay(ACME, Optional.empty(), cursor, 3));
      assertThat(page).hasSizeLessThanOrEqualTo(3);
      visited.addAll(page);
      cursor = page.isEmpty() ? cursor : Optional.of(page.getLast().id());
    } while (!page.isEmpty());

    assertThat(visited).isEqualTo(appended);
  }

  @Test
  void replay_ofOneBuild_leavesOutOtherBuilds() {
    List<BuildEvent> appended = events(build, other, build, other, build);
    store.append(new EventBatch(ACME, appended));

    List<BuildEvent> replayed =
        store.replay(
            new EventReplay(ACME, Optional.of(build), Optional.of(appended.get(0).id()), 10));

    assertThat(replayed).containsExactly(appended.get(2), appended.get(4));
  }

  @Test
  void replay_ofOneBuildWithLimit_returnsTheFirstMatches() {
    List<BuildEvent> appended = events(other, build, other, other, build, build);
    store.append(new EventBatch(ACME, appended));

    assertThat(store.replay(new EventReplay(ACME, Optional.of(build), Optional.empty(), 2)))
        .containsExactly(appended.get(1), appended.get(4));
  }

  @Test
  void replay_otherOrganization_seesNoEvents() {
    store.append(new EventBatch(ACME, events(build, build)));

    assertThat(store.replay(all(GLOBEX))).isEmpty();
    assertThat(store.replay(new EventReplay(GLOBEX, Optional.of(build), Optional.empty(), 10)))
        .isEmpty();
  }

  @Test
  void replay_afterTheLastEvent_isEmpty() {
    List<BuildEvent> appended = events(build, build);
    store.append(new EventBatch(ACME, appended));

    assertThat(
            store.replay(
                new EventReplay(ACME, Optional.empty(), Optional.of(appended.getLast().id()), 10)))
        .isEmpty();
  }

  @Test
  void append_sameBatchAgain_isNoOp() {
    List<BuildEvent> appended = events(build, build, build);
    store.append(new EventBatch(ACME, appended));
    store.append(new EventBatch(ACME, appended));
    store.append(new EventBatch(ACME, appended.subList(1, 3)));

    assertThat(store.replay(all(ACME))).isEqualTo(appended);
  }

  @Test
  void append_batchPartlyStoredBefore_addsOnlyTheNewEvents() {
    List<BuildEvent> appended = events(build, build, build, build);
    store.append(new EventBatch(ACME, appended.subList(0, 2)));
    store.append(new EventBatch(ACME, appended.subList(1, 4)));

    assertThat(store.replay(all(ACME))).isEqualTo(appended);
  }

  @Test
  void append_sameEventsToOtherOrganization_storesThemThereToo() {
    List<BuildEvent> appended = events(build, build);
    store.append(new EventBatch(ACME, appended));
    store.append(new EventBatch(GLOBEX, appended));

    assertThat(store.replay(all(GLOBEX))).isEqualTo(appended);
  }

  @Test
  void append_batchOutOfIdOrder_failsAndStoresNothing() {
    List<BuildEvent> appended = events(build, build, build);
    List<BuildEvent> shuffled = List.of(appended.get(0), appended.get(2), appended.get(1));

    assertThatThrownBy(() -> store.append(new EventBatch(ACME, shuffled)))
        .isInstanceOf(RuntimeException.class);
    assertThat(store.replay(all(ACME))).isEmpty();
  }

  private static List<BuildEvent> concat(List<BuildEvent> first, List<BuildEvent> second) {
    List<BuildEvent> both = new ArrayList<>(first);
    both.addAll(second);
    return both;
  }
}
