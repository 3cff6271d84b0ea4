package io.chengis.engine.internal;

import io.chengis.api.Pipeline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What every step of one stage instance starts its environment from, worked out once per instance
 * instead of once per step: the host's variables, then the pipeline's, the matrix combination's
 * {@code MATRIX_*}, the parameters' {@code PARAM_*} and the stage's, later layers winning.
 *
 * @param layers the merged layers, in the order a step's environment lists them, unrendered
 * @param templated the names among them whose values hold a {@code ${{ }}} reference, in that
 *     order: only those need rendering for each step (the contexts they read change as steps run)
 * @param inherited the host's variables no layer overrides: a step inherits them unless its own
 *     environment does (executors that run a step elsewhere leave them out)
 */
record StageEnvironment(Map<String, String> layers, List<String> templated, Set<String> inherited) {

  /** The stage instance's layers over the host's environment. */
  static StageEnvironment of(
      Map<String, String> host,
      Pipeline pipeline,
      StageInstance instance,
      Map<String, String> parameterValues) {
    Map<String, String> own = ownLayers(pipeline, instance, parameterValues);
    Map<String, String> layers = new LinkedHashMap<>(host);
    layers.putAll(own);
    List<String> templated = new ArrayList<>();
    layers.forEach(
        (name, value) -> {
          if (value.contains("${{")) {
            templated.add(name);
          }
        });
    Set<String> inherited = new LinkedHashSet<>(host.keySet());
    inherited.removeIf(name -> name.equals("CI") || name.startsWith("CHENGIS"));
    // What a layer sets is not inherited, even where it sets the host's own value.
    inherited.removeAll(own.keySet());
    return new StageEnvironment(
        Collections.unmodifiableMap(layers),
        List.copyOf(templated),
        Collections.unmodifiableSet(inherited));
  }

  /**
   * What a stage instance puts over the host's environment, later layers winning: the pipeline's
   * variables, the matrix combination's {@code MATRIX_*}, the parameters' {@code PARAM_*}, the
   * stage's; unrendered. It is also what the stage's result-cache fingerprint reads (no host
   * variable, no secret value).
   */
  static Map<String, String> ownLayers(
      Pipeline pipeline, StageInstance instance, Map<String, String> parameterValues) {
    Map<String, String> layers = new LinkedHashMap<>(pipeline.env());
    instance.combination().forEach((axis, value) -> layers.put(matrixVariable(axis), value));
    pipeline
        .parameters()
        .forEach(
            parameter -> layers.put(parameter.envName(), parameterValues.get(parameter.name())));
    layers.putAll(instance.stage().env());
    return layers;
  }

  /** {@code MATRIX_} and the axis upper-cased, every character but letters and digits made _. */
  private static String matrixVariable(String axis) {
    StringBuilder text = new StringBuilder("MATRIX_");
    for (char c : axis.toUpperCase(Locale.ROOT).toCharArray()) {
      text.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
    }
    return text.toString();
  }

  /** Names only: the host's variables may hold credentials, and a value must never be logged. */
  @Override
  public String toString() {
    return "StageEnvironment[layers="
        + layers.keySet()
        + ", templated="
        + templated
        + ", inherited="
        + inherited
        + "]";
  }

  /**
   * The host's variables a step inherits: those no layer overrides and its own environment does not
   * set either.
   */
  Set<String> inheritedBy(Map<String, String> stepEnv) {
    if (stepEnv.isEmpty()) {
      return inherited;
    }
    Set<String> kept = new LinkedHashSet<>(inherited);
    kept.removeAll(stepEnv.keySet());
    return kept;
  }
}
