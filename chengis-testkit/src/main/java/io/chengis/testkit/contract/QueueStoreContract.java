package io.chengis.testkit.contract;

import static io.chengis.testkit.contract.StoreFixtures.ACME;
import static io.chengis.testkit.contract.StoreFixtures.API;
import static io.chengis.testkit.contract.StoreFixtures.GLOBEX;
import static io.chengis.testkit.contract.StoreFixtures.T0;
import static io.chengis.testkit.contract.StoreFixtures.buildRef;
import static io.chengis.testkit.contract.StoreFixtures.concurrently;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.AgentId;
import io.chengis.api.OrgId;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.ClaimRequest;
import io.chengis.api.spi.Lease;
import io.chengis.api.spi.LeaseRenewal;
import io.chengis.api.spi.QueueEntry;
import io.chengis.api.spi.QueueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol of {@link QueueStore}, for every implementation. */
public abstract class QueueStoreContract {
  /** For subclasses, which supply the implementation under test. */
  protected QueueStoreContract() {}

  private static final AgentId ALICE = AgentId.of("worker-alice");
  private static final AgentId BOB = AgentId.of("worker-bob");
  private static final Duration LEASE = Duration.ofSeconds(30);

  private QueueStore queue;

  /** A new, empty queue. */
  protected abstract QueueStore newStore();

  @BeforeEach
  void createStore() {
    queue = newStore();
  }

  private static QueueEntry entry(OrgId org, Instant enqueuedAt, String... labels) {
    return new QueueEntry(buildRef(org), API, Set.of(labels), enqueuedAt);
  }

  private static ClaimRequest claim(AgentId worker, Instant now, String... labels) {
    return new ClaimRequest(ACME, worker, Set.of(labels), LEASE, now);
  }

  private Lease claimed(AgentId worker, Instant now) {
    return queue.claim(claim(worker, now)).orElseThrow();
  }

  @Test
  void claim_emptyQueue_isEmpty() {
    assertThat(queue.claim(claim(ALICE, T0))).isEmpty();
  }

  @Test
  void claim_queuedEntry_leasesItToTheWorkerUntilNowPlusTheLease() {
    QueueEntry entry = entry(ACME, T0);
    queue.enqueue(entry);

    Lease lease = claimed(ALICE, T0.plusSeconds(5));

    assertThat(lease.entry()).isEqualTo(entry);
    assertThat(lease.holder()).isEqualTo(ALICE);
    assertThat(lease.expiresAt()).isEqualTo(T0.plusSeconds(35));
  }

  @Test
  void claim_severalEntries_oldestFirst() {
    QueueEntry late = entry(ACME, T0.plusSeconds(20));
    QueueEntry early = entry(ACME, T0);
    QueueEntry middle = entry(ACME, T0.plusSeconds(10));
    queue.enqueue(late);
    queue.enqueue(early);
    queue.enqueue(middle);
    Instant now = T0.plusSeconds(60);

    assertThat(List.of(claimed(ALICE, now), claimed(ALICE, now), claimed(ALICE, now)))
        .extracting(Lease::entry)
        .containsExactly(early, middle, late);
    assertThat(queue.claim(claim(ALICE, now))).isEmpty();
  }

  @Test
  void claim_higherPriority_beforeOlderEntries() {
    QueueEntry old = entry(ACME, T0);
    QueueEntry urgent = entry(ACME, T0.plusSeconds(30)).withPriority(10);
    QueueEntry background = entry(ACME, T0.plusSeconds(1)).withPriority(-5);
    queue.enqueue(background);
    queue.enqueue(old);
    queue.enqueue(urgent);
    Instant now = T0.plusSeconds(60);

    assertThat(List.of(claimed(ALICE, now), claimed(ALICE, now), claimed(ALICE, now)))
        .extracting(Lease::entry)
        .containsExactly(urgent, old, background);
  }

  @Test
  void claim_beforeNotBefore_skipsTheEntryUntilItsTime() {
    QueueEntry delayed = entry(ACME, T0).withNotBefore(T0.plusSeconds(100));
    QueueEntry ready = entry(ACME, T0.plusSeconds(1));
    queue.enqueue(delayed);
    queue.enqueue(ready);

    Lease first = claimed(ALICE, T0.plusSeconds(10));
    assertThat(first.entry()).isEqualTo(ready);
    assertThat(queue.complete(first)).isTrue();
    assertThat(queue.claim(claim(ALICE, T0.plusSeconds(99)))).isEmpty();
    assertThat(claimed(ALICE, T0.plusSeconds(100)).entry()).isEqualTo(delayed);
  }

  @Test
  void claim_leaseExpiredMaxAttemptsTimes_deadLettersTheEntry() {
    QueueEntry fragile = entry(ACME, T0).withMaxAttempts(2);
    queue.enqueue(fragile);

    Lease first = claimed(ALICE, T0);
    Lease second = claimed(BOB, first.expiresAt().plusSeconds(1));

    assertThat(second.token()).isGreaterThan(first.token());
    assertThat(queue.claim(claim(ALICE, second.expiresAt().plusSeconds(1)))).isEmpty();
    assertThat(queue.deadLetters(ACME)).containsExactly(fragile);
    assertThat(queue.deadLetters(GLOBEX)).isEmpty();
    assertThat(queue.complete(second)).isFalse();
  }

  @Test
  void deadLetters_completedBeforeExpiry_staysOutOfTheDeadLetters() {
    QueueEntry once = entry(ACME, T0).withMaxAttempts(1);
    queue.enqueue(once);

    Lease lease = claimed(ALICE, T0);

    assertThat(queue.complete(lease)).isTrue();
    assertThat(queue.claim(claim(ALICE, lease.expiresAt().plusSeconds(1)))).isEmpty();
    assertThat(queue.deadLetters(ACME)).isEmpty();
  }

  @Test
  void enqueue_sameBuildTwice_queuesItOnce() {
    QueueEntry entry = entry(ACME, T0);
    queue.enqueue(entry);
    queue.enqueue(entry);

    claimed(ALICE, T0);

    assertThat(queue.claim(claim(BOB, T0))).isEmpty();
  }

  @Test
  void claim_workerWithoutAllLabels_getsOnlyEntriesItCanRun() {
    QueueEntry docker = entry(ACME, T0, "linux", "docker");
    QueueEntry linux = entry(ACME, T0.plusSeconds(1), "linux");
    queue.enqueue(docker);
    queue.enqueue(linux);

    assertThat(queue.claim(claim(ALICE, T0.plusSeconds(2), "linux", "arm64")))
        .map(Lease::entry)
        .contains(linux);
    assertThat(queue.claim(claim(ALICE, T0.plusSeconds(2), "linux"))).isEmpty();
    assertThat(queue.claim(claim(BOB, T0.plusSeconds(2), "docker", "linux", "gpu")))
        .map(Lease::entry)
        .contains(docker);
  }

  @Test
  void claim_entryOfOtherOrganization_isEmpty() {
    queue.enqueue(entry(GLOBEX, T0));

    assertThat(queue.claim(claim(ALICE, T0.plusSeconds(1)))).isEmpty();
    assertThat(queue.claim(new ClaimRequest(GLOBEX, BOB, Set.of(), LEASE, T0.plusSeconds(1))))
        .isPresent();
  }

  @Test
  void claim_leaseNotYetExpired_isEmptyUpToAndIncludingExpiry() {
    queue.enqueue(entry(ACME, T0));
    Lease lease = claimed(ALICE, T0);

    assertThat(queue.claim(claim(BOB, T0.plusSeconds(29)))).isEmpty();
    assertThat(queue.claim(claim(BOB, lease.expiresAt()))).isEmpty();
  }

  @Test
  void claim_leaseExpired_reclaimsWithAHigherToken() {
    queue.enqueue(entry(ACME, T0));
    Lease first = claimed(ALICE, T0);

    Lease second = claimed(BOB, first.expiresAt().plusMillis(1));

    assertThat(second.entry()).isEqualTo(first.entry());
    assertThat(second.holder()).isEqualTo(BOB);
    assertThat(second.token()).isGreaterThan(first.token());
  }

  @Test
  void renew_currentLease_extendsFromNow() {
    queue.enqueue(entry(ACME, T0));
    Lease lease = claimed(ALICE, T0);

    Optional<Lease> renewed =
        queue.renew(new LeaseRenewal(lease, Duration.ofMinutes(2), T0.plusSeconds(20)));

    assertThat(renewed)
        .contains(new Lease(lease.entry(), ALICE, lease.token(), T0.plusSeconds(140)));
    assertThat(queue.claim(claim(BOB, T0.plusSeconds(100)))).isEmpty();
  }

  @Test
  void renew_expiredLease_isEmpty() {
    queue.enqueue(entry(ACME, T0));
    Lease lease = claimed(ALICE, T0);

    assertThat(queue.renew(new LeaseRenewal(lease, LEASE, lease.expiresAt().plusMillis(1))))
        .isEmpty();
  }

  @Test
  void renew_staleTokenAfterReclaim_isEmpty() {
    queue.enqueue(entry(ACME, T0));
    Lease stale = claimed(ALICE, T0);
    Lease current = claimed(BOB, T0.plusSeconds(31));

    assertThat(queue.renew(new LeaseRenewal(stale, LEASE, T0.plusSeconds(32)))).isEmpty();
    assertThat(queue.renew(new LeaseRenewal(current, LEASE, T0.plusSeconds(32)))).isPresent();
  }

  @Test
  void renew_leaseOfAnotherHolder_isEmpty() {
    queue.enqueue(entry(ACME, T0));
    Lease lease = claimed(ALICE, T0);
    Lease forged = new Lease(lease.entry(), BOB, lease.token(), lease.expiresAt());

    assertThat(queue.renew(new LeaseRenewal(forged, LEASE, T0.plusSeconds(1)))).isEmpty();
  }

  @Test
  void renew_completedLease_isEmpty() {
    queue.enqueue(entry(ACME, T0));
    Lease lease = claimed(ALICE, T0);
    queue.complete(lease);

    assertThat(queue.renew(new LeaseRenewal(lease, LEASE, T0.plusSeconds(1)))).isEmpty();
  }

  @Test
  void complete_currentLease_removesTheEntryAndAnswersTrueAgain() {
    queue.enqueue(entry(ACME, T0));
    Lease lease = claimed(ALICE, T0);

    assertThat(queue.complete(lease)).isTrue();
    assertThat(queue.complete(lease)).isTrue();
    assertThat(queue.claim(claim(BOB, T0.plus(Duration.ofHours(1))))).isEmpty();
  }

  @Test
  void complete_renewedLease_isAcceptedUnderTheSameToken() {
    queue.enqueue(entry(ACME, T0));
    Lease lease = claimed(ALICE, T0);
    Lease renewed = queue.renew(new LeaseRenewal(lease, LEASE, T0.plusSeconds(10))).orElseThrow();

    assertThat(queue.complete(lease)).isTrue();
    assertThat(queue.complete(renewed)).isTrue();
  }

  @Test
  void complete_expiredLeaseNobodyReclaimed_isTrue() {
    queue.enqueue(entry(ACME, T0));
    Lease lease = claimed(ALICE, T0);

    assertThat(queue.complete(lease)).isTrue();
    assertThat(queue.claim(claim(BOB, T0.plus(Duration.ofHours(1))))).isEmpty();
  }

  @Test
  void complete_supersededLease_isFalseAndKeepsTheNewHolder() {
    queue.enqueue(entry(ACME, T0));
    Lease stale = claimed(ALICE, T0);
    Lease current = claimed(BOB, T0.plusSeconds(31));

    assertThat(queue.complete(stale)).isFalse();
    assertThat(queue.renew(new LeaseRenewal(current, LEASE, T0.plusSeconds(32)))).isPresent();
    assertThat(queue.complete(current)).isTrue();
    assertThat(queue.complete(stale)).isFalse();
  }

  @Test
  void complete_forgedHolder_isFalse() {
    queue.enqueue(entry(ACME, T0));
    Lease lease = claimed(ALICE, T0);

    assertThat(queue.complete(new Lease(lease.entry(), BOB, lease.token(), lease.expiresAt())))
        .isFalse();
  }

  @Test
  void claim_manyVirtualThreadsAtOnce_handEachEntryToOneWorker() throws Exception {
    List<QueueEntry> entries = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      entries.add(entry(ACME, T0.plusMillis(i)));
      queue.enqueue(entries.getLast());
    }
    List<Lease> first = drainConcurrently(32, T0.plusSeconds(1));
    List<Lease> second = drainConcurrently(32, T0.plusSeconds(32));

    assertThat(first).extracting(Lease::entry).containsExactlyInAnyOrderElementsOf(entries);
    assertThat(first)
        .allSatisfy(lease -> assertThat(lease.token()).isEqualTo(first.getFirst().token()));
    assertThat(second).extracting(Lease::entry).containsExactlyInAnyOrderElementsOf(entries);
    assertThat(second)
        .allSatisfy(lease -> assertThat(lease.token()).isGreaterThan(first.getFirst().token()));
  }

  private List<Lease> drainConcurrently(int workers, Instant now) throws Exception {
    List<Callable<List<Lease>>> drains = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      AgentId worker = AgentId.of("worker-" + w);
      drains.add(() -> drain(worker, now));
    }
    return concurrently(drains).stream().flatMap(List::stream).toList();
  }

  private List<Lease> drain(AgentId worker, Instant now) {
    List<Lease> leases = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Optional<Lease> lease = queue.claim(new ClaimRequest(ACME, worker, Set.of(), LEASE, now));
      if (lease.isEmpty()) {
        return leases;
      }
      leases.add(lease.get());
    }
    return leases;
  }

  /**
   * One step of a worker schedule: claim, renew or complete one of its leases, or let time pass.
   */
  record Step(int kind, int worker, int pick, int seconds) {}

  @Provide
  Arbitrary<List<Step>> schedules() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 9),
            Arbitraries.integers().between(0, 40))
        .as(Step::new)
        .list()
        .ofMaxSize(60);
  }

  @Property(tries = 200)
  void anySchedule_neverHasTwoLiveLeasesOnOneEntry(@ForAll("schedules") List<Step> schedule) {
    QueueStore store = newStore();
    List<BuildRef> builds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      // Never dead-lettered: this property is about leases; dead letters have their own tests.
      QueueEntry entry = entry(ACME, T0.plusSeconds(i)).withMaxAttempts(Integer.MAX_VALUE);
      builds.add(entry.build());
      store.enqueue(entry);
    }
    Map<BuildRef, Lease> current = new HashMap<>();
    Set<BuildRef> done = new HashSet<>();
    List<List<Lease>> held = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    Instant now = T0;
    for (Step step : schedule) {
      AgentId worker = AgentId.of("worker-" + step.worker());
      List<Lease> mine = held.get(step.worker());
      Duration lease = Duration.ofSeconds(step.seconds() + 1L);
      switch (step.kind()) {
        case 0 -> {
          Optional<Lease> got = store.claim(new ClaimRequest(ACME, worker, Set.of(), lease, now));
          if (got.isPresent()) {
            BuildRef build = got.get().entry().build();
            Lease before = current.get(build);
            assertThat(done).doesNotContain(build);
            if (before != null) {
              assertThat(before.expiresAt()).isBefore(now);
              assertThat(got.get().token()).isGreaterThan(before.token());
            }
            current.put(build, got.get());
            mine.add(got.get());
          }
        }
        case 1 -> {
          if (!mine.isEmpty()) {
            Lease old = mine.get(step.pick() % mine.size());
            Optional<Lease> renewed = store.renew(new LeaseRenewal(old, lease, now));
            Lease live = current.get(old.entry().build());
            boolean holds =
                live.token() == old.token()
                    && !done.contains(old.entry().build())
                    && !now.isAfter(live.expiresAt());
            assertThat(renewed.isPresent()).isEqualTo(holds);
            renewed.ifPresent(
                r -> {
                  current.put(r.entry().build(), r);
                  mine.add(r);
                });
          }
        }
        case 2 -> {
          if (!mine.isEmpty()) {
            Lease old = mine.get(step.pick() % mine.size());
            BuildRef build = old.entry().build();
            boolean completed = store.complete(old);
            assertThat(completed).isEqualTo(current.get(build).token() == old.token());
            if (completed) {
              done.add(build);
            }
          }
        }
        default -> now = now.plusSeconds(step.seconds());
      }
    }
    assertThat(builds).containsAll(current.keySet());
  }
}
