package io.chengis.testkit.contract;

import static io.chengis.testkit.contract.StoreFixtures.ACME;
import static io.chengis.testkit.contract.StoreFixtures.API;
import static io.chengis.testkit.contract.StoreFixtures.GLOBEX;
import static io.chengis.testkit.contract.StoreFixtures.T0;
import static io.chengis.testkit.contract.StoreFixtures.WEB;
import static io.chengis.testkit.contract.StoreFixtures.concurrently;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.spi.JobRef;
import io.chengis.api.spi.ScheduleKey;
import io.chengis.api.spi.ScheduleStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol of {@link ScheduleStore}, where cron triggers keep their last slot, for every
 * implementation.
 */
public abstract class ScheduleStoreContract {
  /** For subclasses, which supply the implementation under test. */
  protected ScheduleStoreContract() {}

  private static final ScheduleKey NIGHTLY = new ScheduleKey(new JobRef(ACME, API), "0 2 * * *");

  private ScheduleStore store;

  /** A new, empty store. */
  protected abstract ScheduleStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @Test
  void lastSlot_neverClaimed_isEmpty() {
    assertThat(store.lastSlot(NIGHTLY)).isEmpty();
  }

  @Test
  void claim_firstSlot_succeedsAndIsTheLastSlot() {
    assertThat(store.claim(NIGHTLY, T0)).isTrue();

    assertThat(store.lastSlot(NIGHTLY)).contains(T0);
  }

  @Test
  void claim_sameSlotAgain_fails() {
    store.claim(NIGHTLY, T0);

    assertThat(store.claim(NIGHTLY, T0)).isFalse();
    assertThat(store.lastSlot(NIGHTLY)).contains(T0);
  }

  @Test
  void claim_earlierSlot_failsAndKeepsTheLaterOne() {
    store.claim(NIGHTLY, T0.plusSeconds(86_400));

    assertThat(store.claim(NIGHTLY, T0)).isFalse();
    assertThat(store.lastSlot(NIGHTLY)).contains(T0.plusSeconds(86_400));
  }

  @Test
  void claim_laterSlot_movesForward() {
    store.claim(NIGHTLY, T0);

    assertThat(store.claim(NIGHTLY, T0.plusMillis(1))).isTrue();
    assertThat(store.lastSlot(NIGHTLY)).contains(T0.plusMillis(1));
  }

  @Test
  void claim_keepsMilliseconds() {
    Instant slot = T0.plusNanos(123_456_789);

    store.claim(NIGHTLY, slot);

    assertThat(store.lastSlot(NIGHTLY)).contains(T0.plusMillis(123));
  }

  @Test
  void claim_otherOrganizationJobOrExpression_areSeparateTriggers() {
    store.claim(NIGHTLY, T0.plusSeconds(60));
    ScheduleKey otherOrg = new ScheduleKey(new JobRef(GLOBEX, API), "0 2 * * *");
    ScheduleKey otherJob = new ScheduleKey(new JobRef(ACME, WEB), "0 2 * * *");
    ScheduleKey otherCron = new ScheduleKey(new JobRef(ACME, API), "30 4 * * *");

    assertThat(store.lastSlot(otherOrg)).isEmpty();
    assertThat(store.claim(otherOrg, T0)).isTrue();
    assertThat(store.claim(otherJob, T0)).isTrue();
    assertThat(store.claim(otherCron, T0)).isTrue();
    assertThat(store.lastSlot(NIGHTLY)).contains(T0.plusSeconds(60));
    assertThat(store.lastSlot(otherOrg)).contains(T0);
  }

  @Test
  void claim_sameSlotFromEightThreads_exactlyOneSucceeds() throws Exception {
    List<Callable<Boolean>> claims = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      claims.add(() -> store.claim(NIGHTLY, T0));
    }

    List<Boolean> results = concurrently(claims);

    assertThat(results).containsOnlyOnce(true);
    assertThat(store.lastSlot(NIGHTLY)).contains(T0);
  }

  /** Whatever order slots are claimed in, a claim succeeds exactly when it is a new maximum. */
  @Property(tries = 30)
  void claim_anyOrder_succeedsExactlyForNewMaxima(
      @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 50) Integer> minutes) {
    ScheduleStore fresh = newStore();
    ScheduleKey key = new ScheduleKey(new JobRef(ACME, API), "*/1 * * * *");
    int highest = -1;
    for (int minute : minutes) {
      boolean claimed = fresh.claim(key, T0.plusSeconds(60L * minute));
      assertThat(claimed).isEqualTo(minute > highest);
      highest = Math.max(highest, minute);
    }
    assertThat(fresh.lastSlot(key)).contains(T0.plusSeconds(60L * highest));
  }
}
