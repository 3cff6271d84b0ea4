package io.chengis.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs variants in rounds, rotating their order each round so that drift (page cache, JIT, CPU
 * frequency, a neighbour's build) does not always favour the same variant, and keeps the figures of
 * the measured rounds.
 */
final class Rounds {
  /** One measured thing; returns its figure for the round (nanoseconds, bytes, ...). */
  @FunctionalInterface
  interface Variant {
    long run() throws Exception;
  }

  private final Map<String, Variant> variants = new LinkedHashMap<>();

  Rounds add(String name, Variant variant) {
    variants.put(name, variant);
    return this;
  }

  /**
   * Runs {@code warmup} unrecorded and {@code measured} recorded rounds.
   *
   * @return each variant's figures in round order
   */
  Map<String, List<Long>> run(String benchmark, int warmup, int measured) throws Exception {
    List<String> order = new ArrayList<>(variants.keySet());
    Map<String, List<Long>> figures = new LinkedHashMap<>();
    order.forEach(name -> figures.put(name, new ArrayList<>()));
    for (int round = 0; round < warmup + measured; round++) {
      boolean recorded = round >= warmup;
      System.out.printf(
          "%s: %s round %d/%d: %s%n",
          benchmark,
          recorded ? "measured" : "warm-up",
          recorded ? round - warmup + 1 : round + 1,
          recorded ? measured : warmup,
          order);
      for (String name : order) {
        long figure = variants.get(name).run();
        if (recorded) {
          figures.get(name).add(figure);
        }
      }
      Collections.rotate(order, 1);
    }
    return figures;
  }

  static long median(List<Long> figures) {
    List<Long> sorted = new ArrayList<>(figures);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
