package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.LongPredicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The window of pids a build's end reads: it must admit every pid given out since it opened, or
 * processes a build left behind would survive it.
 */
class PidWindowTest {

  @Property
  void inCycle_isTheIdsMetWalkingOnFromAfterToUpTo(
      @ForAll @IntRange(min = 0, max = 40) int after,
      @ForAll @IntRange(min = 0, max = 40) int upTo,
      @ForAll @IntRange(min = 0, max = 40) int pid) {
    boolean met = false;
    for (int id = after; id != upTo; ) {
      id = (id + 1) % 41;
      met |= id == pid;
    }

    assertThat(PidWindow.inCycle(pid, after, upTo)).isEqualTo(met);
  }

  /**
   * Against a model of the kernel's allocator (the first free id after the last one given out,
   * wrapping to the reserved ids' end), with tasks ending at random between forks: whenever the
   * bound says the cycle cannot have come round, every id given out lies in the window.
   */
  @Property(tries = 2000)
  void noFullCycle_whenItHolds_everyIdGivenOutLiesInTheWindow(
      @ForAll @IntRange(min = 1, max = 20) int reserved,
      @ForAll @IntRange(min = 5, max = 200) int span,
      @ForAll @IntRange(min = 0, max = 150) int alive,
      @ForAll @IntRange(min = 0, max = 300) int forks,
      @ForAll long seed) {
    int pidMax = reserved + span;
    Random random = new Random(seed);
    TreeSet<Integer> used = new TreeSet<>();
    for (int i = 0; i < alive && used.size() < span - 1; i++) {
      used.add(reserved + random.nextInt(span));
    }
    int last = reserved + random.nextInt(span);
    int firstLast = last;
    int tasksAtOpen = used.size();
    List<Integer> givenOut = new ArrayList<>();
    for (int fork = 0; fork < forks && used.size() < span; fork++) {
      if (!used.isEmpty() && random.nextBoolean()) {
        List<Integer> living = new ArrayList<>(used);
        used.remove(living.get(random.nextInt(living.size())));
      }
      int id = last;
      do {
        id = id + 1 >= pidMax ? reserved : id + 1;
      } while (used.contains(id));
      used.add(id);
      givenOut.add(id);
      last = id;
    }

    if (PidWindow.noFullCycle(givenOut.size(), tasksAtOpen, pidMax, reserved)) {
      for (int id : givenOut) {
        assertThat(PidWindow.inCycle(id, firstLast, last))
            .as("id %d given out after %d, last %d", id, firstLast, last)
            .isTrue();
      }
    }
  }

  @Test
  void since_admitsAProcessStartedAfterTheWindowOpenedAndNotOneStartedBefore() throws Exception {
    Process before = new ProcessBuilder("sleep", "30").start();
    try {
      PidWindow window = PidWindow.open();
      Process after = new ProcessBuilder("true").start();
      after.waitFor();

      assertThat(window).as("/proc tells the pids here").isNotSameAs(PidWindow.EVERY);
      LongPredicate givenOut = window.since().pids();
      assertThat(givenOut.test(after.pid())).as("started after").isTrue();
      assertThat(givenOut.test(before.pid())).as("started before, still running").isFalse();
    } finally {
      before.destroyForcibly().waitFor();
    }
  }

  @Test
  void since_aProcessThatStartedAnother_isNotAllThatWasStarted() throws Exception {
    PidWindow window = PidWindow.open();
    // External programs, not the builtin: the shell forks for each but may exec the last.
    Process shell = new ProcessBuilder("sh", "-c", "/bin/true; /bin/true; /bin/true").start();
    shell.waitFor();

    assertThat(window.since().startedOnly(1)).as("the shell forked children").isFalse();
    assertThat(PidWindow.EVERY.since().startedOnly(0)).as("cannot tell").isFalse();
  }

  @Test
  void startedOnly_holdsExactlyWhenTheForksAreTheProcessesStarted() {
    assertThat(since(3).startedOnly(3)).isTrue();
    assertThat(since(4).startedOnly(3)).isFalse();
    assertThat(since(0).startedOnly(0)).isTrue();
    assertThat(since(-1).startedOnly(1004)).as("forks unknown").isFalse();
    assertThat(since(-1).startedOnly(-1)).as("forks unknown").isFalse();
  }

  @Test
  void noFullCycle_manyForksOrTasks_cannotTell() {
    assertThat(PidWindow.noFullCycle(100, 100, 32768)).isTrue();
    assertThat(PidWindow.noFullCycle(20_000, 100, 32768)).isFalse();
    assertThat(PidWindow.noFullCycle(0, 20_000, 32768)).isFalse();
  }

  private static PidWindow.Since since(long forks) {
    return new PidWindow.Since(forks, pid -> true);
  }
}
