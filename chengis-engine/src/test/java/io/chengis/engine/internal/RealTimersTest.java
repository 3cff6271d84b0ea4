package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The timer thread's alarm is set only for the earliest pending action; these check that no action
 * is lost, run early or run after being called off however they are scheduled.
 */
class RealTimersTest {

  /** One action of a property run: its delay, and whether it is called off right away. */
  record Planned(int delayMillis, boolean calledOff) {}

  /**
   * Every action that is not called off runs exactly once, no earlier than its delay, and none that
   * is called off runs, even one already due when it is called off. A last action due after all of
   * them marks the end: the timer thread runs what is due in deadline order, so when it has run,
   * every earlier deadline has been handled.
   */
  @Property(tries = 25)
  void after_anySchedule_runsExactlyTheActionsNotCalledOffAndNoneEarly(
      @ForAll("plans") List<Planned> plans) throws Exception {
    try (RealTimers timers = new RealTimers()) {
      // The timer thread waits in a first action until all are scheduled and called off, so that
      // none can run before it is called off, however slow this thread is.
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      timers.after(
          Duration.ZERO,
          () -> {
            holding.countDown();
            awaitQuietly(release);
          });
      assertThat(holding.await(30, TimeUnit.SECONDS)).as("the timer thread is held").isTrue();
      Map<Integer, Long> ranAfterNanos = new ConcurrentHashMap<>();
      List<Integer> ranTwice = new CopyOnWriteArrayList<>();
      List<Timers.Scheduled> handles = new ArrayList<>();
      int latest = 0;
      for (int i = 0; i < plans.size(); i++) {
        int index = i;
        long scheduledAt = System.nanoTime();
        handles.add(
            timers.after(
                Duration.ofMillis(plans.get(i).delayMillis()),
                () -> {
                  if (ranAfterNanos.put(index, System.nanoTime() - scheduledAt) != null) {
                    ranTwice.add(index);
                  }
                }));
        latest = Math.max(latest, plans.get(i).delayMillis());
      }
      for (int i = 0; i < plans.size(); i++) {
        if (plans.get(i).calledOff()) {
          handles.get(i).cancel();
        }
      }
      CountDownLatch end = new CountDownLatch(1);
      timers.after(Duration.ofMillis(latest + 1), end::countDown);
      release.countDown();

      assertThat(end.await(30, TimeUnit.SECONDS)).as("the last action ran").isTrue();
      for (int i = 0; i < plans.size(); i++) {
        if (plans.get(i).calledOff()) {
          assertThat(ranAfterNanos).as("action %d was called off", i).doesNotContainKey(i);
        } else {
          assertThat(ranAfterNanos).as("action %d", i).containsKey(i);
          assertThat(ranAfterNanos.get(i))
              .as("nanoseconds before action %d ran", i)
              .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(plans.get(i).delayMillis()));
        }
      }
      assertThat(ranTwice).isEmpty();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Provide
  Arbitrary<List<Planned>> plans() {
    return Combinators.combine(Arbitraries.integers().between(0, 20), Arbitraries.of(true, false))
        .as(Planned::new)
        .list()
        .ofMaxSize(12);
  }

  @Test
  void after_anEarlierActionScheduledAfterALaterOne_runsOnItsOwnTime() throws Exception {
    try (RealTimers timers = new RealTimers()) {
      CountDownLatch late = new CountDownLatch(1);
      CountDownLatch early = new CountDownLatch(1);
      timers.after(Duration.ofHours(1), late::countDown);
      timers.after(Duration.ofMillis(5), early::countDown);

      assertThat(early.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(late.getCount()).isEqualTo(1);
    }
  }

  @Test
  void after_actionsDueNoSoonerThanTheAlarm_leaveTheTimerThreadAsleep() {
    try (RealTimers timers = new RealTimers()) {
      timers.after(Duration.ofHours(1), () -> {});
      for (int step = 0; step < 100; step++) {
        timers.after(Duration.ofHours(2), () -> {}).cancel();
      }

      assertThat(timers.alarmsSet()).isEqualTo(1);
    }
  }

  /** What a broken action may throw: an exception, or an error the timer thread does not catch. */
  static List<Named<Supplier<Throwable>>> failures() {
    return List.of(
        Named.of("an exception", () -> new IllegalStateException("broken action")),
        Named.of("an error", () -> new AssertionError("broken action")));
  }

  /** The broken action is due first, so the others' alarm must be set again after it fails. */
  @ParameterizedTest
  @MethodSource("failures")
  void after_anActionThatFails_leavesTheOthersTheirAlarm(Supplier<Throwable> failure)
      throws Exception {
    try (RealTimers timers = new RealTimers()) {
      CountDownLatch after = new CountDownLatch(1);
      timers.after(
          Duration.ofMillis(1),
          () -> {
            if (failure.get() instanceof Error error) {
              throw error;
            }
            throw (RuntimeException) failure.get();
          });
      timers.after(Duration.ofMillis(20), after::countDown);

      assertThat(after.await(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void after_theOnlyPendingActionCalledOff_letsTheNextOneSetTheAlarm() throws Exception {
    try (RealTimers timers = new RealTimers()) {
      timers.after(Duration.ofMillis(1), () -> {}).cancel();
      CountDownLatch next = new CountDownLatch(1);
      timers.after(Duration.ofMillis(30), next::countDown);

      assertThat(next.await(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
