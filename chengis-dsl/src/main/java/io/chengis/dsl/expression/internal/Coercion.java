package io.chengis.dsl.expression.internal;

import io.chengis.dsl.expression.Value;
import java.util.regex.Pattern;

/** GitHub's coercion rules for equality and comparison. */
public final class Coercion {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]{1,13}");
  private static final Pattern OCTAL = Pattern.compile("0[oO][0-7]{1,17}");
  private static final Pattern BINARY = Pattern.compile("0[bB][01]{1,52}");

  private Coercion() {}

  /**
   * A value as a number: null 0, false 0, true 1, strings parsed ({@code ''} is 0, anything not a
   * number NaN), arrays and objects NaN.
   *
   * @param value the value
   * @return the number
   */
  public static double toNumber(Value value) {
    return switch (value) {
      case Value.Null ignored -> 0;
      case Value.Bool b -> b.value() ? 1 : 0;
      case Value.Num n -> n.value();
      case Value.Str s -> parse(s.value());
      case Value.Arr ignored -> Double.NaN;
      case Value.Obj ignored -> Double.NaN;
    };
  }

  private static double parse(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return 0;
    }
    if (DECIMAL.matcher(trimmed).matches()) {
      return Double.parseDouble(trimmed);
    }
    // As JavaScript's Number(): prefixed integers take no sign.
    if (HEX.matcher(trimmed).matches()) {
      return Long.parseLong(trimmed.substring(2), 16);
    }
    if (OCTAL.matcher(trimmed).matches()) {
      return Long.parseLong(trimmed.substring(2), 8);
    }
    if (BINARY.matcher(trimmed).matches()) {
      return Long.parseLong(trimmed.substring(2), 2);
    }
    return switch (trimmed) {
      case "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.NaN;
    };
  }

  /**
   * GitHub's {@code ==}: same kinds compare directly (strings ignoring case, arrays and objects by
   * identity), different kinds compare as numbers, and NaN equals nothing.
   *
   * @param left a value
   * @param right a value
   * @return whether they are equal
   */
  public static boolean looseEquals(Value left, Value right) {
    if (left.getClass() == right.getClass()) {
      return switch (left) {
        case Value.Null ignored -> true;
        case Value.Bool b -> b.value() == ((Value.Bool) right).value();
        case Value.Num n -> n.value() == ((Value.Num) right).value();
        case Value.Str s -> s.value().equalsIgnoreCase(((Value.Str) right).value());
        case Value.Arr ignored -> left == right;
        case Value.Obj ignored -> left == right;
      };
    }
    if (isCollection(left) || isCollection(right)) {
      return false;
    }
    return toNumber(left) == toNumber(right);
  }

  /**
   * GitHub's ordering: numbers numerically, strings ignoring case, other kinds as numbers; any
   * comparison with NaN, an array or an object is false.
   *
   * @param left a value
   * @param right a value
   * @return a negative number, zero or a positive number, or empty-as-{@link Integer#MIN_VALUE}
   *     when the two do not compare
   */
  public static int compare(Value left, Value right) {
    if (isCollection(left) || isCollection(right)) {
      return Integer.MIN_VALUE;
    }
    if (left instanceof Value.Str l && right instanceof Value.Str r) {
      return String.CASE_INSENSITIVE_ORDER.compare(l.value(), r.value());
    }
    double a = toNumber(left);
    double b = toNumber(right);
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Integer.MIN_VALUE;
    }
    return Double.compare(a == 0 ? 0.0 : a, b == 0 ? 0.0 : b);
  }

  private static boolean isCollection(Value value) {
    return value instanceof Value.Arr || value instanceof Value.Obj;
  }
}
