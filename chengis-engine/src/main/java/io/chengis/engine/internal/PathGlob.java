package io.chengis.engine.internal;

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
    StringBuilder regex = new StringBuilder();
    int depth = 0;
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
        case '{' -> {
          regex.append("(?:");
          depth++;
        }
        case '}' -> {
          if (depth == 0) {
            throw new IllegalArgumentException(
                "glob \"" + glob + "\" closes a brace it never opened; balance { and }");
          }
          regex.append(')');
          depth--;
        }
        case ',' -> regex.append(depth > 0 ? "|" : ",");
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
    if (depth != 0) {
      throw new IllegalArgumentException(
          "glob \"" + glob + "\" leaves a brace open; close every { with }");
    }
    return new PathGlob(glob, Pattern.compile(regex.toString()));
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
