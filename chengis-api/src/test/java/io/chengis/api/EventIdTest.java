package io.chengis.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EventIdTest {

  /** A clock that moves by the given steps, which may be zero or negative. */
  private static InstantSource steppingClock(List<Integer> steps) {
    long[] now = {1_700_000_000_000L};
    int[] index = {0};
    return () -> {
      Instant current = Instant.ofEpochMilli(now[0]);
      now[0] += steps.get(index[0]++ % steps.size());
      return current;
    };
  }

  @Property
  void generator_clockStandsStillOrGoesBack_idsStrictlyIncrease(
      @ForAll @Size(min = 1, max = 50) List<@IntRange(min = -5, max = 3) Integer> steps) {
    TimeOrderedIds<EventId> ids = EventId.generator(steppingClock(steps));
    List<EventId> made = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      made.add(ids.next());
    }
    for (int i = 1; i < made.size(); i++) {
      assertThat(made.get(i)).isGreaterThan(made.get(i - 1));
      assertThat(made.get(i).toString()).isGreaterThan(made.get(i - 1).toString());
    }
  }

  @Property
  void of_textOfGeneratedId_roundTrips(@ForAll long millis) {
    long clamped = Math.floorMod(millis, 1L << 48);
    EventId id = EventId.generator(() -> Instant.ofEpochMilli(clamped)).next();

    assertThat(EventId.of(id.toString())).isEqualTo(id);
    assertThat(id.timestamp()).isEqualTo(Instant.ofEpochMilli(clamped));
    assertThat(id.toString()).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}");
  }

  @Test
  void generator_sameMillisecond_incrementsRandomPartByOne() {
    TimeOrderedIds<EventId> ids =
        new TimeOrderedIds<>(
            () -> Instant.ofEpochMilli(1000), new SplittableRandom(1), EventId::new);

    EventId first = ids.next();
    EventId second = ids.next();

    assertThat(second.timestamp()).isEqualTo(first.timestamp());
    assertThat(second.toString().substring(0, 25)).isEqualTo(first.toString().substring(0, 25));
    assertThat(second.toString().charAt(25) - first.toString().charAt(25)).isPositive();
  }

  @Test
  void generator_randomPartOverflows_borrowsNextMillisecondAndStillIncreases() {
    // A random source that always returns all ones: the first id has the largest random part.
    java.util.random.RandomGenerator ones = () -> -1L;
    TimeOrderedIds<EventId> ids =
        new TimeOrderedIds<>(() -> Instant.ofEpochMilli(5000), ones, EventId::new);

    EventId first = ids.next();
    EventId second = ids.next();

    assertThat(first.toString()).endsWith("ZZZZZZZZZZZZZZZZ");
    assertThat(second).isGreaterThan(first);
    assertThat(second.timestamp()).isEqualTo(Instant.ofEpochMilli(5001));
  }

  @Test
  void generator_clockBefore1970_throwsNamingTheValue() {
    TimeOrderedIds<EventId> ids = EventId.generator(() -> Instant.ofEpochMilli(-1));

    assertThatThrownBy(ids::next)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("(was -1 ms since the epoch)");
  }

  @Test
  void of_lowerCase_isCanonicalizedToUpperCase() {
    assertThat(EventId.of("01arz3ndektsv4rrffq69g5fav").toString())
        .isEqualTo("01ARZ3NDEKTSV4RRFFQ69G5FAV");
  }

  @Test
  void of_wrongLength_namesLengthValueAndFix() {
    assertThatThrownBy(() -> EventId.of("01ARZ"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "event id must be 26 Crockford base32 characters, not 5 (was \"01ARZ\"); use the text"
                + " of an id made by a time-ordered id generator, e.g."
                + " \"01ARZ3NDEKTSV4RRFFQ69G5FAV\"");
  }

  @Test
  void of_letterOutsideCrockfordAlphabet_namesCharacterAndIndex() {
    assertThatThrownBy(() -> BuildId.of("01ARZ3NDEKTSV4RRFFQ69G5FAU"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("build id contains 'U' at index 25, which is not Crockford base32")
        .hasMessageContaining("(was \"01ARZ3NDEKTSV4RRFFQ69G5FAU\")");
  }

  @Test
  void of_above128Bits_isRejected() {
    assertThatThrownBy(() -> EventId.of("81ARZ3NDEKTSV4RRFFQ69G5FAV"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("larger than 128 bits");
  }

  @Test
  void buildIdGenerator_sharesOrderingRules_withTimestamp() {
    TimeOrderedIds<BuildId> ids = BuildId.generator(() -> Instant.ofEpochMilli(42));

    BuildId first = ids.next();
    BuildId second = ids.next();

    assertThat(second).isGreaterThan(first);
    assertThat(first.timestamp()).isEqualTo(Instant.ofEpochMilli(42));
    assertThat(BuildId.of(first.toString())).isEqualTo(first);
  }
}
