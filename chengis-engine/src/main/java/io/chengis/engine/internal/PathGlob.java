package io.chengis.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A workspace-relative path glob: {@code **} matches any number of whole directories (or, inside a
 * segment, any text including {@code /}), {@code *} any text within one segment, {@code ?} one
 * character other than {@code /}, {@code {a,b}} one of the alternatives (which may nest and hold
 * wildcards); every other character matches itself. Paths use {@code /}. Immutable.
 */
public final class PathGlob {
  private final String glob;
  private final Pattern pattern;

  private PathGlob(String glob, Pattern pattern) {
    this.glob = glob;
    this.pattern = pattern;
  }

  /**
   * Compiles a glob.
   *
   * @param glob the glob text
   * @return the glob
   * @throws IllegalArgumentException when braces do not balance
   */
  public static PathGlob of(String glob) {
    Objects.requireNonNull(glob, "glob");
    int depth = 0;
    for (char c : glob.toCharArray()) {
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth < 0) {
        throw new IllegalArgumentException(
            "glob \"" + glob + "\" closes a brace it never opened; balance { and }");
      }
    }
    if (depth != 0) {
      throw new IllegalArgumentException(
          "glob \"" + glob + "\" leaves a brace open; close every { with }");
    }
    StringBuilder regex = new StringBuilder();
    for (String alternative : expand(glob)) {
      regex
          .append(regex.isEmpty() ? "" : "|")
          .append("(?:")
          .append(braceFree(alternative))
          .append(')');
    }
    return new PathGlob(glob, Pattern.compile(regex.toString()));
  }

  /** Expands the first (outermost) brace group into its alternatives, recursively. */
  private static List<String> expand(String glob) {
    int open = glob.indexOf('{');
    if (open < 0) {
      return List.of(glob);
    }
    int depth = 0;
    int start = open + 1;
    List<String> parts = new ArrayList<>();
    for (int i = open; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == ',' && depth == 1) {
        parts.add(glob.substring(start, i));
        start = i + 1;
      } else if (c == '}' && --depth == 0) {
        parts.add(glob.substring(start, i));
        String before = glob.substring(0, open);
        String after = glob.substring(i + 1);
        List<String> out = new ArrayList<>();
        for (String part : parts) {
          out.addAll(expand(before + part + after));
        }
        return out;
      }
    }
    throw new IllegalStateException("unbalanced braces were checked before");
  }

  private static String braceFree(String glob) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
        boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
        if (segmentStart && slashAfter) {
          regex.append("(?:[^/]*/)*"); // "**/": zero or more whole directories
          i += 3;
        } else {
          regex.append(".*");
          i += 2;
        }
        continue;
      }
      switch (c) {
        case '*' -> regex.append("[^/]*");
        case '?' -> regex.append("[^/]");
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
    return regex.toString();
  }

  /**
   * Whether the path matches.
   *
   * @param path a relative path with {@code /} separators
   * @return {@code true} when the whole path matches
   */
  public boolean matches(String path) {
    return pattern.matcher(path).matches();
  }

  /**
   * Whether a path matches one of the included globs (all paths when none are given) and none of
   * the excluded ones.
   *
   * @param path the path
   * @param include included globs; empty for every path
   * @param exclude excluded globs
   * @return the verdict
   */
  public static boolean selects(String path, List<PathGlob> include, List<PathGlob> exclude) {
    return (include.isEmpty() || include.stream().anyMatch(g -> g.matches(path)))
        && exclude.stream().noneMatch(g -> g.matches(path));
  }

  @Override
  public String toString() {
    return glob;
  }
}
