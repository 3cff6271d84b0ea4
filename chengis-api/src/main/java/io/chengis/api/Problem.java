package io.chengis.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem found in a pipeline definition, in the house message shape: {@code <where>: <subject>
 * <problem> (was <value>); <fix>}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param where where the offending element was declared
 * @param subject what is wrong, e.g. {@code stage "deploy" step "ship"}
 * @param problem what is wrong with it, e.g. {@code timeout must be positive}
 * @param value the offending value as text, if there is one
 * @param fix what the author should do
 * @since 0.1.0
 */
public record Problem(
    SourceLocation where, String subject, String problem, Optional<String> value, String fix) {

  /** Checks the components. */
  public Problem {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(fix, "fix");
  }

  /**
   * A problem with an offending value.
   *
   * @param where where the element was declared
   * @param subject the element
   * @param problem what is wrong
   * @param value the offending value
   * @param fix what to do
   * @return the problem
   */
  public static Problem of(
      SourceLocation where, String subject, String problem, Object value, String fix) {
    return new Problem(where, subject, problem, Optional.of(String.valueOf(value)), fix);
  }

  /**
   * A problem without a single offending value (for example a missing element).
   *
   * @param where where the element was declared
   * @param subject the element
   * @param problem what is wrong
   * @param fix what to do
   * @return the problem
   */
  public static Problem of(SourceLocation where, String subject, String problem, String fix) {
    return new Problem(where, subject, problem, Optional.empty(), fix);
  }

  /**
   * The message in the house shape.
   *
   * @return {@code <where>: <subject> <problem> (was <value>); <fix>}
   */
  public String message() {
    StringBuilder text = new StringBuilder();
    text.append(where).append(": ").append(subject).append(' ').append(problem);
    value.ifPresent(v -> text.append(" (was ").append(v).append(')'));
    return text.append("; ").append(fix).toString();
  }

  @Override
  public String toString() {
    return message();
  }
}
