package io.chengis.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  // --- syntax ------------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "*/15 * * * *       | 0,15,30,45 * * * *",
        "10-20/5 * * * *    | 10,15,20 * * * *",
        "50/5 * * * *       | 50,55 * * * *",
        "0 9-11 * * *       | 0 9,10,11 * * *",
        "0 0 1 JAN-MAR *    | 0 0 1 1-3 *",
        "0 0 1 jan,Jun,DEC * | 0 0 1 1,6,12 *",
        "0 0 * * mon-FRI    | 0 0 * * 1-5",
        "0 0 * * 7          | 0 0 * * 0",
        "0 0 * * SUN        | 0 0 * * 0",
        "0 0 * * 5-7        | 0 0 * * 0,5,6",
        "0 0 * * */2        | 0 0 * * 0,2,4,6",
        "0 0 ? * *          | 0 0 * * *",
        "0 0 * * ?          | 0 0 * * *",
        "0 0 1-31 * 1       | 0 0 * * *",
        "@yearly            | 0 0 1 1 *",
        "@annually          | 0 0 1 1 *",
        "@monthly           | 0 0 1 * *",
        "@weekly            | 0 0 * * 0",
        "@daily             | 0 0 * * *",
        "@MIDNIGHT          | 0 0 * * *",
        "@hourly            | 0 * * * *",
        "'  1   2 3 4 5  '  | 1 2 3 4 5",
      })
  void parse_equivalentSpellings_areEqual(String spelling, String canonical) {
    CronSchedule schedule = CronSchedule.parse(spelling);

    assertThat(schedule).isEqualTo(CronSchedule.parse(canonical));
    assertThat(schedule).hasSameHashCodeAs(CronSchedule.parse(canonical));
    assertThat(schedule.expression()).isEqualTo(spelling);
    assertThat(schedule).hasToString(spelling);
    assertThat(CronSchedule.problem(spelling)).isEmpty();
  }

  @Test
  void equals_differentFields_areNotEqual() {
    assertThat(CronSchedule.parse("0 0 * * 1")).isNotEqualTo(CronSchedule.parse("0 0 * * 2"));
    assertThat(CronSchedule.parse("0 0 1 * 1")).isNotEqualTo(CronSchedule.parse("0 0 1 * *"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0 24 * * *     | field 2 (hour) at column 3: 24 is out of range 0-23",
        "60 * * * *     | field 1 (minute) at column 1: 60 is out of range 0-59",
        "* * 0 * *      | field 3 (day-of-month) at column 5: 0 is out of range 1-31",
        "* * * 13 *     | field 4 (month) at column 7: 13 is out of range 1-12",
        "* * * * 8      | field 5 (day-of-week) at column 9: 8 is out of range 0-7",
        "1,2,99 * * * * | field 1 (minute) at column 5: 99 is out of range 0-59",
        "0 1-99 * * *   | field 2 (hour) at column 5: 99 is out of range 0-23",
        "99999999999 * * * * | field 1 (minute) at column 1: 99999999999 is out of range 0-59",
        "x * * * *      | field 1 (minute) at column 1: x is not a number in 0-59",
        "* * * FOO *    | field 4 (month) at column 7: FOO is not a number in 1-12 or a name in"
            + " JAN-DEC",
        "* * * * MONDAY | field 5 (day-of-week) at column 9: MONDAY is not a number in 0-7 or a"
            + " name in SUN-SAT",
        "JAN * * * *    | field 1 (minute) at column 1: JAN is not a number in 0-59",
        "-5 * * * *     | field 1 (minute) at column 1: a missing value is not a number in 0-59",
        "5-2 * * * *    | field 1 (minute) at column 1: 5-2 is a reversed range; put the lower bound"
            + " first, within 0-59",
        "*/0 * * * *    | field 1 (minute) at column 3: step 0 is out of range 1-60",
        "* */25 * * *   | field 2 (hour) at column 5: step 25 is out of range 1-24",
        "* * * * */x    | field 5 (day-of-week) at column 11: step x is not a number in 1-7",
        "1,,2 * * * *   | field 1 (minute) at column 3: an empty list element is not allowed; use a"
            + " number in 0-59",
        "? * * * *      | field 1 (minute) at column 1: ? is only allowed in day-of-month and"
            + " day-of-week; use * or a number in 0-59",
        "0 0 31 2 *     | field 3 (day-of-month) at column 5: 31 is out of range 1-29 for the"
            + " selected months, so the schedule never runs",
        "0 0 31 2,4 *   | field 3 (day-of-month) at column 5: 31 is out of range 1-30 for the"
            + " selected months, so the schedule never runs",
        "* * *          | has 3 fields, expected 5 (minute hour day-of-month month day-of-week) or a"
            + " macro such as @daily",
        "0 0 0 * * * *  | has 7 fields, expected 5 (minute hour day-of-month month day-of-week) or a"
            + " macro such as @daily",
        "@reboot        | at column 1: @reboot is not a known macro; allowed are @yearly, @annually,"
            + " @monthly, @weekly, @daily, @midnight or @hourly",
        "@daily 5       | at column 8: 5 follows the macro @daily, which stands alone",
        "'   '          | is empty",
      })
  void parse_invalidExpression_namesFieldColumnTokenAndRange(String expression, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CronSchedule.parse(expression))
        .withMessage(message);
    assertThat(CronSchedule.problem(expression)).contains(message);
  }

  @Test
  void parse_emptyText_isEmpty() {
    assertThat(CronSchedule.problem("")).contains("is empty");
  }

  @Test
  void parse_impossibleDayWithWeekday_isAcceptedBecauseEitherDayMatches() {
    assertThat(CronSchedule.problem("0 0 31 2 1")).isEmpty();
  }

  // --- next() ----------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // seconds are dropped, the result is strictly later
        "* * * * *     | 2024-01-01T10:00:30 | 2024-01-01T10:01",
        "* * * * *     | 2024-01-01T10:00    | 2024-01-01T10:01",
        "0 * * * *     | 2024-12-31T23:30    | 2025-01-01T00:00",
        // month ends
        "0 0 31 * *    | 2024-04-15T00:00    | 2024-05-31T00:00",
        "0 0 1 * *     | 2024-01-31T12:00    | 2024-02-01T00:00",
        "0 12 30 * *   | 2023-01-30T12:00    | 2023-03-30T12:00",
        // leap years
        "0 0 29 2 *    | 2023-03-01T00:00    | 2024-02-29T00:00",
        "0 0 29 2 *    | 2024-02-29T00:00    | 2028-02-29T00:00",
        "0 0 29 2 *    | 2096-03-01T00:00    | 2104-02-29T00:00",
        // either day field matches when both are restricted: the 1st (a Saturday), then a Monday
        "0 0 1 * 1     | 2024-05-28T00:00    | 2024-06-01T00:00",
        "0 0 1 * 1     | 2024-06-01T00:00    | 2024-06-03T00:00",
        // both must match when one is *
        "0 0 * 6 1     | 2024-05-28T00:00    | 2024-06-03T00:00",
        // a day field starting with * is unrestricted (Vixie): odd days that are Mondays
        "0 0 */2 * 1   | 2024-06-03T00:00    | 2024-06-17T00:00",
        "30 9 * * MON-FRI | 2024-06-07T10:00 | 2024-06-10T09:30",
      })
  void next_inUtc_isFirstMatchingMinute(String expression, String after, String expected) {
    ZonedDateTime from = LocalDateTime.parse(after).atZone(ZoneOffset.UTC);

    assertThat(CronSchedule.parse(expression).next(from))
        .contains(LocalDateTime.parse(expected).atZone(ZoneOffset.UTC));
  }

  @Test
  void next_inSpringForwardGap_runsOnceWhenTheGapEnds() {
    CronSchedule daily = CronSchedule.parse("30 2 * * *");
    ZonedDateTime midnight = berlin("2024-03-31T00:00");

    ZonedDateTime run = daily.next(midnight).orElseThrow();

    assertThat(run).isEqualTo(berlin("2024-03-31T03:00"));
    assertThat(run.getOffset()).isEqualTo(ZoneOffset.ofHours(2));
    assertThat(daily.next(run)).contains(berlin("2024-04-01T02:30"));
  }

  @Test
  void next_acrossSpringForward_doesNotRepeatAnInstant() {
    CronSchedule halfHourly = CronSchedule.parse("*/30 * * * *");

    ZonedDateTime first = halfHourly.next(berlin("2024-03-31T01:30")).orElseThrow();
    ZonedDateTime second = halfHourly.next(first).orElseThrow();

    assertThat(first).isEqualTo(berlin("2024-03-31T03:00"));
    assertThat(second).isEqualTo(berlin("2024-03-31T03:30"));
  }

  @Test
  void next_inFallBackOverlap_runsARepeatedMinuteOnceAtTheEarlierOffset() {
    CronSchedule daily = CronSchedule.parse("30 2 * * *");

    ZonedDateTime run = daily.next(berlin("2024-10-27T00:00")).orElseThrow();

    assertThat(run.toLocalDateTime()).isEqualTo(LocalDateTime.parse("2024-10-27T02:30"));
    assertThat(run.getOffset()).isEqualTo(ZoneOffset.ofHours(2));
    assertThat(daily.next(run)).contains(berlin("2024-10-28T02:30"));
  }

  @Test
  void next_fromLaterOffsetInOverlap_skipsMinutesAlreadyRun() {
    CronSchedule quarterly = CronSchedule.parse("*/15 * * * *");
    ZonedDateTime secondPass =
        ZonedDateTime.of(LocalDateTime.parse("2024-10-27T02:10"), BERLIN)
            .withLaterOffsetAtOverlap();

    ZonedDateTime run = quarterly.next(secondPass).orElseThrow();

    assertThat(run.toLocalDateTime()).isEqualTo(LocalDateTime.parse("2024-10-27T03:00"));
    assertThat(run.getOffset()).isEqualTo(ZoneOffset.ofHours(1));
  }

  @Test
  void next_nearEndOfTime_isEmpty() {
    ZonedDateTime end = LocalDateTime.MAX.minusDays(1).atZone(ZoneOffset.UTC);

    assertThat(CronSchedule.parse("0 0 1 1 *").next(end)).isEmpty();
  }

  private static ZonedDateTime berlin(String local) {
    return ZonedDateTime.of(LocalDateTime.parse(local), BERLIN);
  }

  // --- properties --------------------------------------------------------------------------------

  @Property(tries = 300)
  void next_randomSchedule_isTheFirstMatchingMinuteAfter(
      @ForAll("schedules") Spec spec, @ForAll("times") LocalDateTime after) {
    ZonedDateTime from = after.atZone(ZoneOffset.UTC);

    ZonedDateTime next = CronSchedule.parse(spec.text()).next(from).orElseThrow();

    assertThat(next).isAfter(from);
    assertThat(next.getSecond() + next.getNano()).isZero();
    assertThat(spec.matches(next.toLocalDateTime())).as("%s matches %s", next, spec).isTrue();
    LocalDateTime minute = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    while (minute.isBefore(next.toLocalDateTime())) {
      if (spec.matches(minute)) {
        throw new AssertionError(spec + " matches " + minute + " before " + next);
      }
      minute = minute.plusMinutes(1);
    }
  }

  @Property(tries = 300)
  void next_inBerlin_isStrictlyLaterAndOnAWholeMinute(
      @ForAll("schedules") Spec spec, @ForAll("times") LocalDateTime after) {
    ZonedDateTime from = after.atZone(BERLIN);

    ZonedDateTime next = CronSchedule.parse(spec.text()).next(from).orElseThrow();

    assertThat(next).isAfter(from);
    assertThat(next.getSecond() + next.getNano()).isZero();
  }

  @Property(tries = 2000)
  void parse_arbitraryText_failsOnlyWithIllegalArgumentMatchingProblem(
      @ForAll("cronish") String text) {
    Optional<String> problem = CronSchedule.problem(text);
    try {
      CronSchedule.parse(text);
      assertThat(problem).isEmpty();
    } catch (IllegalArgumentException e) {
      assertThat(problem).contains(e.getMessage());
    }
  }

  @Property(tries = 500)
  void problem_anyString_neverThrows(@ForAll String text) {
    assertThat(CronSchedule.problem(text)).isNotNull();
  }

  @Provide
  Arbitrary<String> cronish() {
    return Arbitraries.strings().withChars("0123456789*/,-?@ \tJANMONSUNdailyx").ofMaxLength(24);
  }

  @Provide
  Arbitrary<LocalDateTime> times() {
    return Arbitraries.longs()
        .between(
            LocalDateTime.parse("2020-01-01T00:00").toEpochSecond(ZoneOffset.UTC),
            LocalDateTime.parse("2030-01-01T00:00").toEpochSecond(ZoneOffset.UTC))
        .map(seconds -> LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC));
  }

  /**
   * Random schedules with the month left open, so a brute-force walk between two runs stays short;
   * the expected sets are computed here independently of the parser.
   */
  @Provide
  Arbitrary<Spec> schedules() {
    return Combinators.combine(field(0, 59), field(0, 23), field(1, 31), field(0, 7)).as(Spec::new);
  }

  private static Arbitrary<FieldSpec> field(int min, int max) {
    Arbitrary<Integer> value = Arbitraries.integers().between(min, max);
    Arbitrary<FieldSpec> star = Arbitraries.just(new FieldSpec("*", values(min, max, 1), true));
    Arbitrary<FieldSpec> list =
        value
            .set()
            .ofMinSize(1)
            .ofMaxSize(3)
            .map(
                set ->
                    new FieldSpec(
                        set.stream().map(String::valueOf).collect(Collectors.joining(",")),
                        new TreeSet<>(set),
                        false));
    Arbitrary<FieldSpec> range =
        Combinators.combine(value, value)
            .as(
                (a, b) ->
                    new FieldSpec(
                        Math.min(a, b) + "-" + Math.max(a, b),
                        values(Math.min(a, b), Math.max(a, b), 1),
                        false));
    Arbitrary<FieldSpec> step =
        Arbitraries.integers()
            .between(1, Math.min(max, 23) - min)
            .map(n -> new FieldSpec("*/" + n, values(min, max, n), true));
    return Arbitraries.oneOf(star, list, range, step);
  }

  private static Set<Integer> values(int from, int to, int step) {
    return IntStream.iterate(from, v -> v <= to, v -> v + step)
        .boxed()
        .collect(Collectors.toCollection(TreeSet::new));
  }

  record FieldSpec(String text, Set<Integer> values, boolean star) {}

  record Spec(FieldSpec minute, FieldSpec hour, FieldSpec dayOfMonth, FieldSpec dayOfWeek) {
    String text() {
      return String.join(" ", minute.text(), hour.text(), dayOfMonth.text(), "*", dayOfWeek.text());
    }

    boolean matches(LocalDateTime time) {
      int weekday = time.getDayOfWeek().getValue() % 7;
      boolean weekdayMatches =
          dayOfWeek.values().contains(weekday) || (weekday == 0 && dayOfWeek.values().contains(7));
      boolean dayMatches = dayOfMonth.values().contains(time.getDayOfMonth());
      boolean day =
          dayOfMonth.star() || dayOfWeek.star()
              ? dayMatches && weekdayMatches
              : dayMatches || weekdayMatches;
      return day
          && minute.values().contains(time.getMinute())
          && hour.values().contains(time.getHour());
    }

    @Override
    public String toString() {
      return text();
    }
  }
}
