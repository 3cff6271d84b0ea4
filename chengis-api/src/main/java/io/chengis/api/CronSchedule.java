package io.chengis.api;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed five-field cron expression, {@code minute hour day-of-month month day-of-week}, in the
 * standard (Vixie/POSIX) syntax.
 *
 * <p>Each field is {@code *}, a number, a range {@code a-b}, a step <code>&#42;/n</code>, {@code
 * a-b/n} or {@code a/n} (from {@code a} to the end of the field), or a comma-separated list of
 * these. Months may be written {@code JAN}-{@code DEC} and weekdays {@code SUN}-{@code SAT}, in any
 * case. The day-of-week runs 0-7, where both 0 and 7 are Sunday. In the two day fields {@code ?}
 * means the same as {@code *}. These macros stand for a whole expression: {@code @yearly} and
 * {@code @annually} ({@code 0 0 1 1 *}), {@code @monthly} ({@code 0 0 1 * *}), {@code @weekly}
 * ({@code 0 0 * * 0}), {@code @daily} and {@code @midnight} ({@code 0 0 * * *}), {@code @hourly}
 * ({@code 0 * * * *}).
 *
 * <p>The day rule is Vixie cron's (as in cronie and most crontabs): when both day-of-month and
 * day-of-week are restricted, a day matches if <em>either</em> field matches; otherwise both must
 * match. A day field counts as unrestricted when it is {@code ?} or starts with {@code *}, so
 * <code>0 0 &#42;/2 * 1</code> means "odd days that are Mondays".
 *
 * <p>Expressions that can never match, such as {@code 0 0 31 2 *}, are refused by {@link
 * #parse(String)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class CronSchedule {
  private static final String FIELD_NAMES = "minute hour day-of-month month day-of-week";
  private static final int SEARCH_YEARS = 10;
  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");
  private static final String MACRO_LIST =
      "@yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly";

  private final String expression;
  private final long minutes;
  private final long hours;
  private final long daysOfMonth;
  private final long months;
  private final long daysOfWeek;
  private final boolean eitherDay;

  private CronSchedule(String expression, long[] bits, boolean eitherDay) {
    this.expression = expression;
    this.minutes = bits[0];
    this.hours = bits[1];
    this.months = bits[3];
    // When either day set is complete the OR rule matches every day; normalise so equal
    // schedules compare equal.
    boolean everyDay =
        eitherDay && (bits[2] == Field.DAY_OF_MONTH.all() || bits[4] == Field.DAY_OF_WEEK.all());
    this.daysOfMonth = everyDay ? Field.DAY_OF_MONTH.all() : bits[2];
    this.daysOfWeek = everyDay ? Field.DAY_OF_WEEK.all() : bits[4];
    this.eitherDay = eitherDay && !everyDay;
  }

  /**
   * Parses a cron expression.
   *
   * @param expression five fields or a macro; surrounding blanks are ignored
   * @return the schedule
   * @throws IllegalArgumentException if the expression is invalid; the message names the field, the
   *     1-based column of the bad token, the token and the allowed values, e.g. {@code field 2
   *     (hour) at column 3: 24 is out of range 0-23}
   * @since 0.1.0
   */
  public static CronSchedule parse(String expression) {
    Objects.requireNonNull(expression, "expression");
    List<Token> tokens = tokens(expression);
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("is empty");
    }
    Token first = tokens.get(0);
    if (first.text().startsWith("@")) {
      return parseMacro(expression, tokens);
    }
    if (tokens.size() != Field.values().length) {
      throw new IllegalArgumentException(
          "has "
              + tokens.size()
              + (tokens.size() == 1 ? " field" : " fields")
              + ", expected 5 ("
              + FIELD_NAMES
              + ") or a macro such as @daily");
    }
    long[] bits = new long[tokens.size()];
    for (Field field : Field.values()) {
      Token token = tokens.get(field.ordinal());
      bits[field.ordinal()] = field.parse(token.text(), token.column());
    }
    Token dayOfMonth = tokens.get(Field.DAY_OF_MONTH.ordinal());
    Token dayOfWeek = tokens.get(Field.DAY_OF_WEEK.ordinal());
    boolean anyDayOfMonth = isAny(dayOfMonth.text());
    boolean anyDayOfWeek = isAny(dayOfWeek.text());
    if (!anyDayOfMonth && anyDayOfWeek) {
      checkDayOccurs(dayOfMonth, bits[Field.DAY_OF_MONTH.ordinal()], bits[Field.MONTH.ordinal()]);
    }
    return new CronSchedule(expression, bits, !anyDayOfMonth && !anyDayOfWeek);
  }

  /**
   * Checks a cron expression without throwing.
   *
   * @param expression five fields or a macro
   * @return the message {@link #parse(String)} would throw with, empty when the expression is valid
   * @since 0.1.0
   */
  public static Optional<String> problem(String expression) {
    try {
      parse(expression);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  private static CronSchedule parseMacro(String expression, List<Token> tokens) {
    Token macro = tokens.get(0);
    String body = MACROS.get(macro.text().toLowerCase(Locale.ROOT));
    if (body == null) {
      throw new IllegalArgumentException(
          "at column "
              + macro.column()
              + ": "
              + macro.text()
              + " is not a known macro; allowed are "
              + MACRO_LIST);
    }
    if (tokens.size() > 1) {
      Token extra = tokens.get(1);
      throw new IllegalArgumentException(
          "at column "
              + extra.column()
              + ": "
              + extra.text()
              + " follows the macro "
              + macro.text()
              + ", which stands alone");
    }
    CronSchedule expanded = parse(body);
    return new CronSchedule(
        expression,
        new long[] {
          expanded.minutes,
          expanded.hours,
          expanded.daysOfMonth,
          expanded.months,
          expanded.daysOfWeek
        },
        expanded.eitherDay);
  }

  private static boolean isAny(String field) {
    return field.startsWith("*") || field.equals("?");
  }

  /** Refuses a day-of-month that no selected month has, such as the 30th of February. */
  private static void checkDayOccurs(Token token, long days, long months) {
    int longest = 0;
    for (Month month : Month.values()) {
      if (has(months, month.getValue())) {
        longest = Math.max(longest, month.maxLength());
      }
    }
    if (Long.numberOfTrailingZeros(days) > longest) {
      throw new IllegalArgumentException(
          Field.DAY_OF_MONTH.at(token.column())
              + token.text()
              + " is out of range 1-"
              + longest
              + " for the selected months, so the schedule never runs");
    }
  }

  private static List<Token> tokens(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (Character.isWhitespace(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      tokens.add(new Token(text.substring(start, i), start + 1));
    }
    return tokens;
  }

  private static boolean has(long bits, int value) {
    return (bits & (1L << value)) != 0;
  }

  /**
   * The expression as written.
   *
   * @return the original text
   * @since 0.1.0
   */
  public String expression() {
    return expression;
  }

  /**
   * The first minute matching this schedule strictly after a time, in that time's zone.
   *
   * <p>Fields match the local (wall-clock) time of {@code after}'s zone; seconds and nanoseconds of
   * {@code after} are dropped. Every matching wall-clock minute runs once: when clocks go back, a
   * repeated minute runs at its first occurrence (the earlier offset) only; when clocks go forward,
   * minutes that do not exist that day run once at the instant the gap ends (for example 03:00
   * instead of 02:30 in {@code Europe/Berlin} on the last Sunday of March).
   *
   * @param after the time to search from, exclusive
   * @return the next run, or empty if none falls within ten years (only near the end of the
   *     supported date range, since impossible schedules are refused when parsed)
   * @since 0.1.0
   */
  public Optional<ZonedDateTime> next(ZonedDateTime after) {
    Objects.requireNonNull(after, "after");
    try {
      return search(after);
    } catch (DateTimeException e) {
      // Beyond LocalDateTime.MAX there is nothing to find.
      return Optional.empty();
    }
  }

  private Optional<ZonedDateTime> search(ZonedDateTime after) {
    ZoneId zone = after.getZone();
    LocalDateTime start = after.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);
    LocalDateTime limit = start.plusYears(SEARCH_YEARS);
    LocalDateTime cursor = start.plusMinutes(1);
    while (cursor.isBefore(limit)) {
      LocalDate date = cursor.toLocalDate();
      if (!has(months, date.getMonthValue())) {
        cursor = date.withDayOfMonth(1).plusMonths(1).atStartOfDay();
        continue;
      }
      int minuteOfDay = matchesDay(date) ? nextMinuteOfDay(cursor) : -1;
      if (minuteOfDay < 0) {
        cursor = date.plusDays(1).atStartOfDay();
        continue;
      }
      LocalDateTime local = date.atStartOfDay().plusMinutes(minuteOfDay);
      ZonedDateTime candidate = resolve(local, zone);
      if (candidate.isAfter(after)) {
        return Optional.of(candidate);
      }
      // Only in an overlap: this wall-clock minute already ran at the earlier offset.
      cursor = local.plusMinutes(1);
    }
    return Optional.empty();
  }

  private static ZonedDateTime resolve(LocalDateTime local, ZoneId zone) {
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    if (transition != null && transition.isGap()) {
      return transition.getInstant().atZone(zone);
    }
    return ZonedDateTime.of(local, zone);
  }

  private boolean matchesDay(LocalDate date) {
    boolean dayOfMonth = has(daysOfMonth, date.getDayOfMonth());
    boolean dayOfWeek = has(daysOfWeek, date.getDayOfWeek().getValue() % 7);
    return eitherDay ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
  }

  /** The first matching minute of the cursor's day at or after the cursor, or -1. */
  private int nextMinuteOfDay(LocalDateTime cursor) {
    int hour = cursor.getHour();
    int minute = cursor.getMinute();
    while (hour < 24) {
      if (has(hours, hour)) {
        long candidates = minutes & (-1L << minute);
        if (candidates != 0) {
          return hour * 60 + Long.numberOfTrailingZeros(candidates);
        }
      }
      hour++;
      minute = 0;
    }
    return -1;
  }

  /**
   * Two schedules are equal when they match the same fields, whatever their spelling: {@code
   * "@daily"} equals {@code "0 0 * * *"} and {@code "0 0 * * 7"} equals {@code "0 0 * * SUN"}.
   *
   * @param other the object to compare with
   * @return whether both are schedules with the same normalised fields
   * @since 0.1.0
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof CronSchedule that
        && minutes == that.minutes
        && hours == that.hours
        && daysOfMonth == that.daysOfMonth
        && months == that.months
        && daysOfWeek == that.daysOfWeek
        && eitherDay == that.eitherDay;
  }

  /**
   * A hash of the normalised fields, consistent with {@link #equals(Object)}.
   *
   * @return the hash code
   * @since 0.1.0
   */
  @Override
  public int hashCode() {
    return Objects.hash(minutes, hours, daysOfMonth, months, daysOfWeek, eitherDay);
  }

  /**
   * The expression as written.
   *
   * @return the original text, as {@link #expression()}
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return expression;
  }

  private record Token(String text, int column) {}

  private enum Field {
    MINUTE("minute", 0, 59, List.of()),
    HOUR("hour", 0, 23, List.of()),
    DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
    MONTH(
        "month",
        1,
        12,
        List.of(
            "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
    DAY_OF_WEEK("day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

    private static final int MAX_DIGITS = 9;

    private final String label;
    private final int min;
    private final int max;
    private final List<String> names;

    Field(String label, int min, int max, List<String> names) {
      this.label = label;
      this.min = min;
      this.max = max;
      this.names = names;
    }

    /** The highest value a step or open range reaches; 7 is only another name for Sunday. */
    private int last() {
      return this == DAY_OF_WEEK ? 6 : max;
    }

    private long all() {
      long bits = 0;
      for (int value = min; value <= last(); value++) {
        bits |= 1L << value;
      }
      return bits;
    }

    private String range() {
      return min + "-" + max;
    }

    private String allowed() {
      return names.isEmpty()
          ? "a number in " + range()
          : "a number in " + range() + " or a name in " + names.getFirst() + "-" + names.getLast();
    }

    private String at(int column) {
      return "field " + (ordinal() + 1) + " (" + label + ") at column " + column + ": ";
    }

    private IllegalArgumentException fail(int column, String problem) {
      return new IllegalArgumentException(at(column) + problem);
    }

    private long parse(String text, int column) {
      long bits = 0;
      int start = 0;
      while (true) {
        int comma = text.indexOf(',', start);
        int end = comma < 0 ? text.length() : comma;
        bits |= parseElement(text.substring(start, end), column + start);
        if (comma < 0) {
          return bits;
        }
        start = comma + 1;
      }
    }

    private long parseElement(String element, int column) {
      if (element.isEmpty()) {
        throw fail(column, "an empty list element is not allowed; use " + allowed());
      }
      int slash = element.indexOf('/');
      String base = slash < 0 ? element : element.substring(0, slash);
      int step = slash < 0 ? 1 : step(element.substring(slash + 1), column + slash + 1);
      int low;
      int high;
      if (base.equals("*") || base.equals("?")) {
        if (base.equals("?") && this != DAY_OF_MONTH && this != DAY_OF_WEEK) {
          throw fail(
              column, "? is only allowed in day-of-month and day-of-week; use * or " + allowed());
        }
        low = min;
        high = last();
      } else {
        int dash = base.indexOf('-');
        if (dash < 0) {
          low = value(base, column);
          high = slash < 0 ? low : Math.max(low, last());
        } else {
          low = value(base.substring(0, dash), column);
          high = value(base.substring(dash + 1), column + dash + 1);
          if (low > high) {
            throw fail(
                column,
                base + " is a reversed range; put the lower bound first, within " + range());
          }
        }
      }
      long bits = 0;
      for (int value = low; value <= high; value += step) {
        bits |= 1L << (this == DAY_OF_WEEK && value == 7 ? 0 : value);
      }
      return bits;
    }

    private int step(String text, int column) {
      int limit = last() - min + 1;
      int step = number(text);
      if (step == -1) {
        throw fail(column, "step " + text + " is not a number in 1-" + limit);
      }
      if (step < 1 || step > limit) {
        throw fail(column, "step " + text + " is out of range 1-" + limit);
      }
      return step;
    }

    private int value(String text, int column) {
      int value = number(text);
      if (value == -1) {
        int index = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (index < 0) {
          throw fail(column, (text.isEmpty() ? "a missing value" : text) + " is not " + allowed());
        }
        return min + index;
      }
      if (value < min || value > max) {
        throw fail(column, text + " is out of range " + range());
      }
      return value;
    }

    /** The decimal value, -1 when not a number, or {@code Integer.MAX_VALUE} when too long. */
    private static int number(String text) {
      if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return -1;
      }
      return text.length() > MAX_DIGITS ? Integer.MAX_VALUE : Integer.parseInt(text);
    }
  }
}
