package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PathGlobTest {

  @Test
  void matches_documentedExamples_behaveAsDocumented() {
    assertThat(PathGlob.of("services/api/**").matches("services/api/src/A.java")).isTrue();
    assertThat(PathGlob.of("services/api/**").matches("services/web/A.java")).isFalse();
    assertThat(PathGlob.of("**/*.md").matches("README.md")).isTrue();
    assertThat(PathGlob.of("**/*.md").matches("docs/a/b.md")).isTrue();
    assertThat(PathGlob.of("*.md").matches("docs/b.md")).isFalse();
    assertThat(PathGlob.of("target/*.{jar,war}").matches("target/app.war")).isTrue();
    assertThat(PathGlob.of("target/*.{jar,war}").matches("target/app.zip")).isFalse();
    assertThat(PathGlob.of("a?c").matches("a/c")).isFalse();
    assertThat(PathGlob.of("a.c").matches("abc")).isFalse();
  }

  @Test
  void of_unbalancedBraces_isRefusedWithTheFix() {
    assertThatThrownBy(() -> PathGlob.of("a/{b,c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("close every { with }");
    assertThatThrownBy(() -> PathGlob.of("a}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("balance");
  }

  @Property(tries = 2000)
  void matches_randomGlobAndPath_agreesWithReferenceMatcher(
      @ForAll("globs") String glob, @ForAll("paths") String path) {
    assertThat(PathGlob.of(glob).matches(path))
        .as("%s ~ %s", glob, path)
        .isEqualTo(reference(glob, path));
  }

  @Provide
  Arbitrary<String> globs() {
    Arbitrary<String> atom =
        Arbitraries.of("a", "b", ".", "/", "*", "?", "**", "**/", "{a,b}", "{a*,b/}", "{,a}");
    return atom.list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> segment =
        Arbitraries.strings().withChars("ab.").ofMinLength(1).ofMaxLength(3);
    return Combinators.combine(
            segment.list().ofMinSize(1).ofMaxSize(4), Arbitraries.of(true, false))
        .as((segments, ignored) -> String.join("/", segments));
  }

  // --- reference: brace expansion, then a backtracking matcher ---------------------------------

  static boolean reference(String glob, String path) {
    return expand(glob).stream().anyMatch(alternative -> match(alternative, 0, path, 0));
  }

  private static List<String> expand(String glob) {
    int open = glob.indexOf('{');
    if (open < 0) {
      return List.of(glob);
    }
    int depth = 0;
    int close = -1;
    List<Integer> commas = new ArrayList<>();
    for (int i = open; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          close = i;
          break;
        }
      } else if (c == ',' && depth == 1) {
        commas.add(i);
      }
    }
    List<String> out = new ArrayList<>();
    int start = open + 1;
    List<Integer> ends = new ArrayList<>(commas);
    ends.add(close);
    for (int end : ends) {
      out.addAll(
          expand(glob.substring(0, open) + glob.substring(start, end) + glob.substring(close + 1)));
      start = end + 1;
    }
    return out;
  }

  private static boolean match(String glob, int g, String path, int p) {
    if (g == glob.length()) {
      return p == path.length();
    }
    if (glob.startsWith("**", g)) {
      boolean segmentStart = g == 0 || glob.charAt(g - 1) == '/';
      boolean slashAfter = g + 2 < glob.length() && glob.charAt(g + 2) == '/';
      if (segmentStart && slashAfter) {
        // zero directories, or any prefix ending in '/'
        if (match(glob, g + 3, path, p)) {
          return true;
        }
        for (int i = p; i < path.length(); i++) {
          if (path.charAt(i) == '/' && match(glob, g + 3, path, i + 1)) {
            return true;
          }
        }
        return false;
      }
      for (int i = p; i <= path.length(); i++) {
        if (match(glob, g + 2, path, i)) {
          return true;
        }
      }
      return false;
    }
    char c = glob.charAt(g);
    if (c == '*') {
      for (int i = p; i <= path.length(); i++) {
        if (match(glob, g + 1, path, i)) {
          return true;
        }
        if (i < path.length() && path.charAt(i) == '/') {
          return false;
        }
      }
      return false;
    }
    if (p == path.length()) {
      return false;
    }
    if (c == '?') {
      return path.charAt(p) != '/' && match(glob, g + 1, path, p + 1);
    }
    return c == path.charAt(p) && match(glob, g + 1, path, p + 1);
  }
}
