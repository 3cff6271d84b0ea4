package io.chengis.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Golden files: compared line by line with indentation, runs of spaces, blank lines and {@code #}
 * comment lines ignored, so reformatting a golden file never breaks it; rewritten instead of
 * compared when the system property {@value #UPDATE} is {@code true}.
 */
public final class Golden {
  /** The system property that rewrites golden files. */
  public static final String UPDATE = "chengis.testkit.updateGolden";

  /** The system property naming the directory golden paths are resolved in. */
  public static final String DIRECTORY = "chengis.testkit.goldenDir";

  private Golden() {}

  /** Where golden paths are resolved: {@value #DIRECTORY}, or {@code src/test/resources}. */
  public static Path root() {
    return Path.of(System.getProperty(DIRECTORY, "src/test/resources"));
  }

  /** The lines as compared: trimmed, inner whitespace collapsed, blanks and comments dropped. */
  public static List<String> normalize(List<String> lines) {
    List<String> normal = new ArrayList<>();
    for (String line : lines) {
      String collapsed = line.strip().replaceAll("\\s+", " ");
      if (!collapsed.isEmpty() && !collapsed.startsWith("#")) {
        normal.add(collapsed);
      }
    }
    return normal;
  }

  /**
   * Compares the actual lines with the golden file, or rewrites it in update mode.
   *
   * @param file the golden file
   * @param actual the actual lines
   * @return the mismatch described (with a diff and how to update), or empty when they match
   */
  public static Optional<String> check(Path file, List<String> actual) {
    if (Boolean.getBoolean(UPDATE)) {
      write(file, actual);
      return Optional.empty();
    }
    if (!Files.exists(file)) {
      return Optional.of(
          "golden file "
              + file.toAbsolutePath()
              + " does not exist; create it by running the test once with -D"
              + UPDATE
              + "=true, then review and commit it. Actual trace:\n"
              + String.join("\n", actual));
    }
    List<String> expected;
    try {
      expected = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
    List<String> want = normalize(expected);
    List<String> have = normalize(actual);
    if (want.equals(have)) {
      return Optional.empty();
    }
    return Optional.of(
        "trace differs from golden file "
            + file
            + " (compared without indentation, blank lines and # comments):\n"
            + diff(want, have)
            + "\nActual trace:\n"
            + String.join("\n", actual)
            + "\nIf the change is intended, rerun with -D"
            + UPDATE
            + "=true to rewrite the golden file, and review the diff.");
  }

  private static void write(Path file, List<String> lines) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException unwritable) {
      throw new UncheckedIOException(unwritable);
    }
  }

  /**
   * A line diff: {@code -} golden only, {@code +} actual only, from a longest common subsequence.
   */
  static String diff(List<String> expected, List<String> actual) {
    int n = expected.size();
    int m = actual.size();
    int[][] common = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        common[i][j] =
            expected.get(i).equals(actual.get(j))
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
        out.append("  ").append(expected.get(i)).append('\n');
        i++;
        j++;
      } else if (j < m && (i == n || common[i][j + 1] >= common[i + 1][j])) {
        out.append("+ ").append(actual.get(j)).append('\n');
        j++;
      } else {
        out.append("- ").append(expected.get(i)).append('\n');
        i++;
      }
    }
    return out.toString();
  }
}
