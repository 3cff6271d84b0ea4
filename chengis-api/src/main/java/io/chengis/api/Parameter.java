package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A build parameter. Steps see it as the environment variable {@link #envName()} ({@code PARAM_}
 * plus the upper-cased name with every other character than letters and digits turned into {@code
 * _}). A parameter without a default must be supplied when a build is triggered.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the parameter name
 * @param type the kind of value
 * @param description what the parameter means, for people triggering builds
 * @param defaultValue the value used when none is supplied
 * @param choices the allowed values of a {@link ParameterType#CHOICE} parameter, in order
 * @param location where this parameter was declared
 * @since 0.1.0
 */
public record Parameter(
    String name,
    ParameterType type,
    String description,
    Optional<String> defaultValue,
    List<String> choices,
    SourceLocation location) {

  /** Checks and copies the components. */
  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(defaultValue, "defaultValue");
    choices = OrderedCopies.list(choices, "choices");
    Objects.requireNonNull(location, "location");
  }

  /**
   * The environment variable steps see this parameter as.
   *
   * @return {@code PARAM_<NAME>}, upper-cased, non-alphanumerics as {@code _}
   */
  public String envName() {
    return envName(name);
  }

  /**
   * The environment variable name for a parameter name.
   *
   * @param name a parameter name
   * @return {@code PARAM_<NAME>}, upper-cased, non-alphanumerics as {@code _}
   */
  public static String envName(String name) {
    StringBuilder env = new StringBuilder("PARAM_");
    for (char c : name.toUpperCase(Locale.ROOT).toCharArray()) {
      env.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
    }
    return env.toString();
  }

  /**
   * Whether a build must supply a value.
   *
   * @return {@code true} when there is no default
   */
  public boolean required() {
    return defaultValue.isEmpty();
  }

  /**
   * Checks a supplied value against this parameter's type.
   *
   * @param value the value supplied for a build
   * @return what is wrong with the value, in the words of the house message shape ({@code must be
   *     one of [a, b]}), or empty when it is acceptable
   */
  public Optional<String> check(String value) {
    Objects.requireNonNull(value, "value");
    return switch (type) {
      case TEXT -> Optional.empty();
      case CHOICE ->
          choices.contains(value) ? Optional.empty() : Optional.of("must be one of " + choices);
      case BOOLEAN ->
          value.equals("true") || value.equals("false")
              ? Optional.empty()
              : Optional.of("must be true or false");
      case NUMBER -> isNumber(value) ? Optional.empty() : Optional.of("must be a number");
    };
  }

  private static boolean isNumber(String value) {
    try {
      new BigDecimal(value.strip());
      return !value.isBlank();
    } catch (NumberFormatException notANumber) {
      return false;
    }
  }
}
