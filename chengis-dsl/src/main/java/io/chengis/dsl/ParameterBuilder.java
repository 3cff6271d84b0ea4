package io.chengis.dsl;

import io.chengis.api.Parameter;
import io.chengis.api.ParameterType;
import io.chengis.api.SourceLocation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A build parameter being described; start one with a factory of {@link Parameters}.
 *
 * <p>Not thread-safe; each call mutates and returns this builder.
 *
 * @since 0.1.0
 */
public final class ParameterBuilder {
  private final String name;
  private final ParameterType type;
  private final List<String> choices;
  private final SourceLocation location;
  private String description = "";
  private Optional<String> defaultValue;

  ParameterBuilder(
      String name,
      ParameterType type,
      List<String> choices,
      Optional<String> defaultValue,
      SourceLocation location) {
    this.name = Objects.requireNonNull(name, "parameter name");
    this.type = type;
    this.choices = choices;
    this.defaultValue = defaultValue;
    this.location = location;
  }

  /**
   * Describes the parameter for the people who trigger builds.
   *
   * @param text the description
   * @return this builder
   */
  public ParameterBuilder description(String text) {
    this.description = Objects.requireNonNull(text, "description");
    return this;
  }

  /**
   * Sets the value used when a build supplies none.
   *
   * @param value the default
   * @return this builder
   */
  public ParameterBuilder defaultValue(String value) {
    this.defaultValue = Optional.of(Objects.requireNonNull(value, "default value"));
    return this;
  }

  /**
   * Sets the default of a boolean parameter.
   *
   * @param value the default
   * @return this builder
   */
  public ParameterBuilder defaultValue(boolean value) {
    return defaultValue(Boolean.toString(value));
  }

  /**
   * Sets the default of a number parameter.
   *
   * @param value the default
   * @return this builder
   */
  public ParameterBuilder defaultValue(Number value) {
    String text = value.toString();
    try {
      text = new BigDecimal(text).toPlainString();
    } catch (NumberFormatException notFinite) {
      // NaN and infinities stay as written; the model reports them as "must be a number".
    }
    return defaultValue(text);
  }

  /**
   * Removes the default, so every build must supply a value.
   *
   * @return this builder
   */
  public ParameterBuilder required() {
    this.defaultValue = Optional.empty();
    return this;
  }

  Parameter build() {
    return new Parameter(name, type, description, defaultValue, choices, location);
  }
}
