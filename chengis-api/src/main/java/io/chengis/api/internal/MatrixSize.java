package io.chengis.api.internal;

import io.chengis.api.Matrix;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts a matrix's combinations without expanding it when the plain product is large, so that a
 * definition with a huge matrix is rejected quickly instead of exhausting memory.
 */
final class MatrixSize {
  /** Expanding up to this many product entries is cheap; beyond it we count. */
  private static final BigInteger EXPAND_LIMIT = BigInteger.valueOf(100_000);

  /** Inclusion-exclusion over more excludes than this would take too long. */
  private static final int MAX_COUNTED_EXCLUDES = 20;

  private MatrixSize() {}

  /**
   * The number of combinations, exact when the product is small or there are at most 20 excludes;
   * otherwise the product before excludes (only reached for absurdly large matrices). Counted in
   * {@code BigInteger} because the product of a dozen axes easily exceeds a {@code long}, and a
   * saturated product minus a saturated excluded part would wrongly come out as zero.
   */
  static BigInteger count(Matrix matrix) {
    BigInteger product = product(matrix.axes(), Map.of());
    if (product.compareTo(EXPAND_LIMIT) <= 0) {
      return BigInteger.valueOf(matrix.combinations().size());
    }
    List<Map<String, String>> excludes = matrix.exclude();
    if (excludes.size() > MAX_COUNTED_EXCLUDES) {
      return product;
    }
    BigInteger excluded = BigInteger.ZERO;
    for (int subset = 1; subset < (1 << excludes.size()); subset++) {
      Map<String, String> merged = new HashMap<>();
      boolean consistent = true;
      for (int i = 0; i < excludes.size() && consistent; i++) {
        if ((subset & (1 << i)) != 0) {
          for (Map.Entry<String, String> entry : excludes.get(i).entrySet()) {
            String previous = merged.putIfAbsent(entry.getKey(), entry.getValue());
            consistent &= previous == null || previous.equals(entry.getValue());
          }
        }
      }
      if (consistent) {
        BigInteger size = product(matrix.axes(), merged);
        excluded = Integer.bitCount(subset) % 2 == 1 ? excluded.add(size) : excluded.subtract(size);
      }
    }
    // Includes that fit no combination add at most one each; the count is a lower bound there.
    return product.subtract(excluded);
  }

  /** The number of product entries agreeing with {@code fixed}. */
  private static BigInteger product(Map<String, List<String>> axes, Map<String, String> fixed) {
    for (String key : fixed.keySet()) {
      if (!axes.containsKey(key)) {
        return BigInteger.ZERO; // an exclude naming an unknown axis matches nothing (reported)
      }
    }
    BigInteger product = BigInteger.ONE;
    for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
      String value = fixed.get(axis.getKey());
      long choices =
          value == null ? axis.getValue().size() : (axis.getValue().contains(value) ? 1 : 0);
      product = product.multiply(BigInteger.valueOf(choices));
    }
    return product;
  }
}
