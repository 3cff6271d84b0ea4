package io.chengis.api;

/**
 * The kind of value a build parameter takes.
 *
 * @since 0.1.0
 */
public enum ParameterType {
  /** Free text. */
  TEXT,
  /** One of a fixed list of choices. */
  CHOICE,
  /** {@code true} or {@code false}. */
  BOOLEAN,
  /** A decimal number. */
  NUMBER
}
