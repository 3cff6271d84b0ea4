package io.chengis.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Matrix;
import io.chengis.api.SourceLocation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Counting combinations without expanding them, checked against expansion and by formula. */
class MatrixSizeTest {

  private static Matrix cube(int axes, int values, List<Map<String, String>> excludes) {
    Map<String, List<String>> axisValues = new LinkedHashMap<>();
    for (int a = 0; a < axes; a++) {
      List<String> list = new ArrayList<>();
      for (int v = 0; v < values; v++) {
        list.add("v" + v);
      }
      axisValues.put("a" + a, list);
    }
    return new Matrix(axisValues, List.of(), excludes, 1, SourceLocation.unknown());
  }

  @Property(tries = 40, seed = "20261127")
  void count_aboveTheExpansionLimit_equalsInclusionExclusionOfSingleAxisExcludes(
      @ForAll @IntRange(min = 6, max = 14) int axes,
      @ForAll @IntRange(min = 7, max = 40) int values,
      @ForAll @IntRange(min = 0, max = 5) int excludedAxes) {
    // Excluding one value on k different axes leaves (values-1)^k * values^(axes-k) combinations.
    List<Map<String, String>> excludes = new ArrayList<>();
    for (int a = 0; a < excludedAxes; a++) {
      excludes.add(Map.of("a" + a, "v0"));
    }
    BigInteger expected =
        BigInteger.valueOf(values - 1)
            .pow(excludedAxes)
            .multiply(BigInteger.valueOf(values).pow(axes - excludedAxes));
    assertThat(MatrixSize.count(cube(axes, values, excludes))).isEqualTo(expected);
  }

  @Property(tries = 60, seed = "20261127")
  void count_belowTheExpansionLimit_equalsTheExpandedSize(
      @ForAll @IntRange(min = 1, max = 4) int axes,
      @ForAll @IntRange(min = 1, max = 6) int values,
      @ForAll @IntRange(min = 0, max = 5) int excluded) {
    List<Map<String, String>> excludes = new ArrayList<>();
    for (int i = 0; i < excluded; i++) {
      excludes.add(Map.of("a" + (i % axes), "v" + (i % values)));
    }
    Matrix matrix = cube(axes, values, excludes);
    assertThat(MatrixSize.count(matrix))
        .isEqualTo(BigInteger.valueOf(matrix.combinations().size()));
  }

  @Test
  void count_ofExcludeNamingUnknownAxis_ignoresIt() {
    Matrix matrix = cube(6, 10, List.of(Map.of("arch", "arm")));
    assertThat(MatrixSize.count(matrix)).isEqualTo(BigInteger.TEN.pow(6));
  }

  @Test
  void count_ofOverlappingExcludes_countsTheOverlapOnce() {
    Matrix matrix =
        cube(
            6, 10, List.of(Map.of("a0", "v0"), Map.of("a1", "v0"), Map.of("a0", "v0", "a1", "v0")));
    assertThat(MatrixSize.count(matrix)).isEqualTo(BigInteger.valueOf(9 * 9 * 10_000));
  }
}
