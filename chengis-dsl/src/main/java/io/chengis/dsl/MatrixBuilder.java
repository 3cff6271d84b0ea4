package io.chengis.dsl;

import io.chengis.api.Matrix;
import io.chengis.api.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The scope of a build matrix: {@code p.matrix(m -> m.axis("os", "linux", "mac").axis("jdk", "17",
 * "21").exclude("os", "mac", "jdk", "17"))}.
 *
 * <p>Not thread-safe: use it only inside the lambda that received it.
 *
 * @since 0.1.0
 */
public final class MatrixBuilder {
  private final SourceLocation location;
  private final Authoring authoring;
  private final Map<String, List<String>> axes = new LinkedHashMap<>();
  private final List<Map<String, String>> include = new ArrayList<>();
  private final List<Map<String, String>> exclude = new ArrayList<>();
  private int maxCombinations = Matrix.DEFAULT_MAX_COMBINATIONS;

  MatrixBuilder(SourceLocation location, Authoring authoring) {
    this.location = location;
    this.authoring = authoring;
  }

  /**
   * Adds an axis; axes keep their declaration order in stage names ({@code Build [os=linux,
   * jdk=21]}) and {@code MATRIX_<AXIS>} variables.
   *
   * @param name the axis name
   * @param values its values, in order
   * @return this scope
   */
  public MatrixBuilder axis(String name, String... values) {
    if (axes.containsKey(Objects.requireNonNull(name, "axis name"))) {
      authoring.problem(
          location,
          "matrix axis \"" + name + "\"",
          "is declared twice",
          "declare every axis once with all its values");
    }
    axes.put(name, List.of(values));
    return this;
  }

  /**
   * Removes every combination matching all of these pairs.
   *
   * @param keysAndValues alternating axis names and values, e.g. {@code "os", "mac", "jdk", "17"}
   * @return this scope
   */
  public MatrixBuilder exclude(String... keysAndValues) {
    exclude.add(pairs("exclude", keysAndValues));
    return this;
  }

  /**
   * Removes every combination matching all entries of {@code rule}.
   *
   * @param rule axis names to values
   * @return this scope
   */
  public MatrixBuilder exclude(Map<String, String> rule) {
    exclude.add(new LinkedHashMap<>(rule));
    return this;
  }

  /**
   * Adds extra keys to matching combinations, or a new combination (GitHub Actions' include rule).
   *
   * @param keysAndValues alternating keys and values
   * @return this scope
   */
  public MatrixBuilder include(String... keysAndValues) {
    include.add(pairs("include", keysAndValues));
    return this;
  }

  /**
   * Adds extra keys to matching combinations, or a new combination.
   *
   * @param combination keys to values
   * @return this scope
   */
  public MatrixBuilder include(Map<String, String> combination) {
    include.add(new LinkedHashMap<>(combination));
    return this;
  }

  /**
   * Sets the largest number of combinations allowed (default 256).
   *
   * @param limit a positive number
   * @return this scope
   */
  public MatrixBuilder max(int limit) {
    this.maxCombinations = limit;
    return this;
  }

  private Map<String, String> pairs(String what, String... keysAndValues) {
    Map<String, String> rule = new LinkedHashMap<>();
    if (keysAndValues.length % 2 != 0) {
      authoring.problem(
          location,
          "matrix " + what + " " + List.of(keysAndValues),
          "has an odd number of arguments",
          "pass axis names and values in pairs, e.g. "
              + what
              + "(\"os\", \"mac\", \"jdk\", \"17\")");
      return rule;
    }
    for (int i = 0; i < keysAndValues.length; i += 2) {
      rule.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return rule;
  }

  Matrix build() {
    return new Matrix(axes, include, exclude, maxCombinations, location);
  }
}
