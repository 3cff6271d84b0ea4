package io.chengis.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Matrix expansion: product in axis order, excludes, GitHub Actions' include rule, labels. */
class MatrixTest {

  /** A matrix of ordered axes ("name", values...) separated by {@code null}-free varargs groups. */
  private static Matrix matrix(
      Map<String, List<String>> axes,
      List<Map<String, String>> include,
      List<Map<String, String>> exclude) {
    return new Matrix(
        axes, include, exclude, Matrix.DEFAULT_MAX_COMBINATIONS, SourceLocation.unknown());
  }

  private static Map<String, List<String>> osAndJdk() {
    Map<String, List<String>> axes = new LinkedHashMap<>();
    axes.put("os", List.of("linux", "mac"));
    axes.put("jdk", List.of("17", "21"));
    return axes;
  }

  /** A map in the given key order. */
  static Map<String, String> ordered(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static List<String> labels(Matrix matrix) {
    return matrix.combinations().stream().map(Matrix::label).toList();
  }

  @Test
  void combinations_ofTwoAxes_areTheProductInAxisOrder() {
    assertThat(labels(matrix(osAndJdk(), List.of(), List.of())))
        .containsExactly(
            "[os=linux, jdk=17]", "[os=linux, jdk=21]", "[os=mac, jdk=17]", "[os=mac, jdk=21]");
  }

  @Test
  void combinations_keepAxisOrderEvenWhenItIsNotAlphabetical() {
    Map<String, List<String>> axes = new LinkedHashMap<>();
    axes.put("zone", List.of("b", "a"));
    axes.put("arch", List.of("x64"));
    assertThat(labels(matrix(axes, List.of(), List.of())))
        .containsExactly("[zone=b, arch=x64]", "[zone=a, arch=x64]");
  }

  @Test
  void exclude_withPartialRule_removesEveryMatchingCombination() {
    assertThat(labels(matrix(osAndJdk(), List.of(), List.of(Map.of("jdk", "17")))))
        .containsExactly("[os=linux, jdk=21]", "[os=mac, jdk=21]");
  }

  @Test
  void exclude_withFullRule_removesOneCombination() {
    assertThat(labels(matrix(osAndJdk(), List.of(), List.of(Map.of("os", "mac", "jdk", "21")))))
        .containsExactly("[os=linux, jdk=17]", "[os=linux, jdk=21]", "[os=mac, jdk=17]");
  }

  @Test
  void exclude_withValueNotInTheAxis_removesNothing() {
    assertThat(matrix(osAndJdk(), List.of(), List.of(Map.of("os", "windows"))).combinations())
        .hasSize(4);
  }

  @Test
  void include_withExtraKey_isMergedIntoMatchingCombinations() {
    assertThat(
            labels(
                matrix(
                    osAndJdk(),
                    List.of(ordered("os", "linux", "experimental", "true")),
                    List.of())))
        .containsExactly(
            "[os=linux, jdk=17, experimental=true]",
            "[os=linux, jdk=21, experimental=true]",
            "[os=mac, jdk=17]",
            "[os=mac, jdk=21]");
  }

  @Test
  void include_withOnlyExtraKeys_isMergedIntoEveryCombination() {
    assertThat(labels(matrix(osAndJdk(), List.of(Map.of("color", "green")), List.of())))
        .allMatch(label -> label.endsWith(", color=green]"))
        .hasSize(4);
  }

  @Test
  void include_contradictingAnOriginalValue_isAppendedInsteadOfOverwriting() {
    assertThat(labels(matrix(osAndJdk(), List.of(ordered("os", "linux", "jdk", "11")), List.of())))
        .containsExactly(
            "[os=linux, jdk=17]",
            "[os=linux, jdk=21]",
            "[os=mac, jdk=17]",
            "[os=mac, jdk=21]",
            "[os=linux, jdk=11]");
  }

  @Test
  void include_mayOverwriteAValueAddedByAnEarlierInclude() {
    Matrix matrix =
        matrix(
            osAndJdk(),
            List.of(Map.of("color", "green"), ordered("os", "mac", "color", "blue")),
            List.of());
    assertThat(matrix.combinations())
        .extracting(combination -> combination.get("os") + "/" + combination.get("color"))
        .containsExactly("linux/green", "linux/green", "mac/blue", "mac/blue");
  }

  @Test
  void include_ofAnExcludedCombination_addsItBack() {
    assertThat(
            labels(
                matrix(
                    osAndJdk(),
                    List.of(ordered("os", "mac", "jdk", "21", "note", "back")),
                    List.of(Map.of("os", "mac")))))
        .containsExactly("[os=linux, jdk=17]", "[os=linux, jdk=21]", "[os=mac, jdk=21, note=back]");
  }

  @Test
  void include_withoutAxes_isTheOnlyCombination() {
    assertThat(labels(matrix(Map.of(), List.of(ordered("os", "bsd", "jdk", "25")), List.of())))
        .containsExactly("[os=bsd, jdk=25]");
  }

  @Test
  void combinations_withoutAxesOrIncludes_areEmpty() {
    assertThat(matrix(Map.of(), List.of(), List.of()).combinations()).isEmpty();
  }

  @Test
  void combinations_areUnmodifiable() {
    List<Map<String, String>> combinations =
        matrix(osAndJdk(), List.of(), List.of()).combinations();
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> combinations.removeFirst());
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> combinations.getFirst().put("os", "windows"));
  }

  @Test
  void label_listsKeysInCombinationOrder() {
    assertThat(Matrix.label(ordered("os", "linux", "jdk", "21"))).isEqualTo("[os=linux, jdk=21]");
    assertThat(Matrix.label(Map.of())).isEqualTo("[]");
    assertThat(Matrix.stageName("Build", ordered("os", "linux", "jdk", "21")))
        .isEqualTo("Build [os=linux, jdk=21]");
    assertThat(Matrix.stageName("Build", Map.of())).isEqualTo("Build");
  }

  @Test
  void matrix_copiesItsAxesInOrderAndUnmodifiable() {
    Map<String, List<String>> axes = osAndJdk();
    Matrix matrix = matrix(axes, List.of(), List.of());
    axes.put("arch", List.of("arm"));
    assertThat(matrix.axes().keySet()).containsExactly("os", "jdk");
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> matrix.axes().put("arch", List.of("arm")));
  }

  // --- properties
  // ---------------------------------------------------------------------------------

  @Property(tries = 200, seed = "20261127")
  void size_withoutIncludes_isTheProductMinusExcludedCombinations(
      @ForAll("axes") Map<String, List<String>> axes, @ForAll("randomInt") int excludeSeed) {
    List<Map<String, String>> excludes = excludes(axes, excludeSeed);
    Matrix matrix = matrix(axes, List.of(), excludes);
    assertThat(matrix.combinations()).hasSize(bruteForceCount(axes, excludes));
  }

  @Property(tries = 100, seed = "20261127")
  void combinations_withoutIncludes_keepAxisOrderAndMatchNoExclude(
      @ForAll("axes") Map<String, List<String>> axes, @ForAll("randomInt") int excludeSeed) {
    List<Map<String, String>> excludes = excludes(axes, excludeSeed);
    for (Map<String, String> combination : matrix(axes, List.of(), excludes).combinations()) {
      assertThat(combination.keySet()).containsExactlyElementsOf(axes.keySet());
      assertThat(excludes).noneMatch(rule -> combination.entrySet().containsAll(rule.entrySet()));
    }
  }

  @Provide
  Arbitrary<Map<String, List<String>>> axes() {
    Arbitrary<List<String>> values =
        Arbitraries.strings()
            .withCharRange('a', 'e')
            .ofLength(1)
            .list()
            .ofMinSize(0)
            .ofMaxSize(4)
            .uniqueElements();
    return values.list().ofMinSize(0).ofMaxSize(4).map(MatrixTest::named);
  }

  @Provide
  Arbitrary<Integer> randomInt() {
    return Arbitraries.integers();
  }

  private static Map<String, List<String>> named(List<List<String>> valueLists) {
    Map<String, List<String>> axes = new LinkedHashMap<>();
    for (int i = 0; i < valueLists.size(); i++) {
      axes.put("axis" + i, valueLists.get(i));
    }
    return axes;
  }

  /** Up to three exclude rules, each fixing some axes to a value in (or near) that axis. */
  private static List<Map<String, String>> excludes(Map<String, List<String>> axes, int seed) {
    java.util.Random random = new java.util.Random(seed);
    List<Map<String, String>> rules = new ArrayList<>();
    for (int r = random.nextInt(4); r > 0; r--) {
      Map<String, String> rule = new LinkedHashMap<>();
      axes.forEach(
          (axis, values) -> {
            if (random.nextInt(3) == 0) {
              rule.put(
                  axis,
                  values.isEmpty() || random.nextInt(5) == 0
                      ? "z"
                      : values.get(random.nextInt(values.size())));
            }
          });
      rules.add(rule);
    }
    return rules;
  }

  /** Counts the product's index tuples that no exclude matches, without Matrix's code. */
  private static int bruteForceCount(
      Map<String, List<String>> axes, List<Map<String, String>> excludes) {
    if (axes.isEmpty()) {
      return 0;
    }
    List<String> names = List.copyOf(axes.keySet());
    int total = 1;
    for (List<String> values : axes.values()) {
      total *= values.size();
    }
    int count = 0;
    for (int index = 0; index < total; index++) {
      Map<String, String> combination = new LinkedHashMap<>();
      int rest = index;
      for (int i = names.size() - 1; i >= 0; i--) {
        List<String> values = axes.get(names.get(i));
        combination.put(names.get(i), values.get(rest % values.size()));
        rest /= values.size();
      }
      boolean excluded = false;
      for (Map<String, String> rule : excludes) {
        excluded |= combination.entrySet().containsAll(rule.entrySet());
      }
      count += excluded ? 0 : 1;
    }
    return count;
  }

  @Test
  void combinations_includeRepeatingACombination_yieldsItOnce() {
    Matrix matrix =
        new Matrix(
            Map.of("os", List.of("linux")),
            List.of(Map.of("os", "mac"), Map.of("os", "mac")),
            List.of(Map.of("os", "linux")),
            Matrix.DEFAULT_MAX_COMBINATIONS,
            SourceLocation.unknown());

    assertThat(matrix.combinations()).containsExactly(Map.of("os", "mac"));
  }
}
