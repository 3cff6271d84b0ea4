package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A build matrix: every stage runs once per combination of axis values.
 *
 * <p>Combinations are the cartesian product of the axes in declaration order, minus the excludes
 * (an exclude matches a combination when all of its keys match), then the includes with GitHub
 * Actions' rule: an include is merged into every combination whose original axis values it does not
 * contradict; one that fits no combination is added as a new combination. A combination that would
 * appear twice appears once.
 *
 * <p>Immutable and thread-safe.
 *
 * @param axes axis names to their values, in declaration order
 * @param include combinations (or extra keys) to add
 * @param exclude partial combinations to remove
 * @param maxCombinations the largest number of combinations allowed
 * @param location where this matrix was declared
 * @param failFast whether a failing instance of a stage's own matrix skips the instances of that
 *     stage that have not started yet (GitHub Actions' {@code strategy.fail-fast}; running ones
 *     finish)
 * @param maxParallel how many instances of a stage's own matrix may run at once; 0 for no limit
 *     beyond the engine's (GitHub Actions' {@code strategy.max-parallel})
 * @param expressions parts of the matrix written as one {@code ${{ }}} expression each, evaluated
 *     when the stage's dependencies have finished: an axis name to its values, {@code include} or
 *     {@code exclude} to their lists, or {@link #WHOLE} to the whole matrix (an object of axes and
 *     lists); empty for a matrix written out in full
 * @since 0.1.0
 */
public record Matrix(
    Map<String, List<String>> axes,
    List<Map<String, String>> include,
    List<Map<String, String>> exclude,
    int maxCombinations,
    SourceLocation location,
    boolean failFast,
    int maxParallel,
    Map<String, String> expressions) {

  /** The default limit on combinations. */
  public static final int DEFAULT_MAX_COMBINATIONS = 256;

  /** The key of {@link #expressions()} for a matrix written as one expression. */
  public static final String WHOLE = "*";

  /** Checks and copies the components. */
  public Matrix {
    Objects.requireNonNull(axes, "axes");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    axes.forEach(
        (axis, values) ->
            copy.put(
                Objects.requireNonNull(axis, "axes must not contain a null axis"),
                OrderedCopies.list(values, "axis values")));
    axes = Collections.unmodifiableMap(copy);
    include = OrderedCopies.listOfMaps(include, "include");
    exclude = OrderedCopies.listOfMaps(exclude, "exclude");
    Objects.requireNonNull(location, "location");
    expressions = OrderedCopies.map(expressions, "expressions");
  }

  /**
   * A matrix written out in full.
   *
   * @param axes axis names to their values, in declaration order
   * @param include combinations (or extra keys) to add
   * @param exclude partial combinations to remove
   * @param maxCombinations the largest number of combinations allowed
   * @param location where this matrix was declared
   * @param failFast whether a failing instance skips the instances that have not started
   * @param maxParallel how many instances may run at once; 0 for no limit
   * @since 0.1.0
   */
  public Matrix(
      Map<String, List<String>> axes,
      List<Map<String, String>> include,
      List<Map<String, String>> exclude,
      int maxCombinations,
      SourceLocation location,
      boolean failFast,
      int maxParallel) {
    this(axes, include, exclude, maxCombinations, location, failFast, maxParallel, Map.of());
  }

  /**
   * Whether parts of this matrix are known only when the stage's dependencies have finished.
   *
   * @return {@code true} when {@link #expressions()} is not empty
   */
  public boolean isDeferred() {
    return !expressions.isEmpty();
  }

  /**
   * A matrix whose instances all run, as many at once as the engine allows.
   *
   * @param axes axis names to their values, in declaration order
   * @param include combinations (or extra keys) to add
   * @param exclude partial combinations to remove
   * @param maxCombinations the largest number of combinations allowed
   * @param location where this matrix was declared
   * @since 0.1.0
   */
  public Matrix(
      Map<String, List<String>> axes,
      List<Map<String, String>> include,
      List<Map<String, String>> exclude,
      int maxCombinations,
      SourceLocation location) {
    this(axes, include, exclude, maxCombinations, location, false, 0);
  }

  /**
   * Computes the combinations. Its size may exceed {@link #maxCombinations()} for a matrix that was
   * not validated as part of a pipeline.
   *
   * @return the combinations, each an insertion-ordered map (axes first, then included keys)
   */
  public List<Map<String, String>> combinations() {
    List<Map<String, String>> product = new ArrayList<>();
    product.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>(product.size() * axis.getValue().size());
      for (Map<String, String> partial : product) {
        for (String value : axis.getValue()) {
          Map<String, String> combination = new LinkedHashMap<>(partial);
          combination.put(axis.getKey(), value);
          next.add(combination);
        }
      }
      product = next;
    }
    if (axes.isEmpty()) {
      product.clear();
    }
    product.removeIf(combination -> exclude.stream().anyMatch(rule -> matches(combination, rule)));
    List<Map<String, String>> originals = List.copyOf(product);
    for (Map<String, String> extra : include) {
      boolean merged = false;
      for (int i = 0; i < originals.size(); i++) {
        if (fitsOriginal(originals.get(i), extra)) {
          product.get(i).putAll(extra);
          merged = true;
        }
      }
      if (!merged) {
        product.add(new LinkedHashMap<>(extra));
      }
    }
    // An include can repeat a combination; each combination runs once.
    return product.stream()
        .distinct()
        .map(combination -> Collections.unmodifiableMap(combination))
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * The stage-name suffix for a combination, e.g. {@code [os=linux, jdk=21]}.
   *
   * @param combination a combination from {@link #combinations()}
   * @return the label in the combination's key order
   */
  public static String label(Map<String, String> combination) {
    return combination.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue())
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /**
   * The name of a stage's instance for a combination, e.g. {@code Build [os=linux, jdk=21]}.
   *
   * @param stage the declared stage name
   * @param combination a combination from {@link #combinations()}; empty gives the stage name
   * @return the instance name
   */
  public static String stageName(String stage, Map<String, String> combination) {
    return combination.isEmpty() ? stage : stage + " " + label(combination);
  }

  private static boolean matches(Map<String, String> combination, Map<String, String> rule) {
    return rule.entrySet().stream()
        .allMatch(entry -> entry.getValue().equals(combination.get(entry.getKey())));
  }

  private boolean fitsOriginal(Map<String, String> original, Map<String, String> extra) {
    return extra.entrySet().stream()
        .filter(entry -> axes.containsKey(entry.getKey()))
        .allMatch(entry -> entry.getValue().equals(original.get(entry.getKey())));
  }
}
