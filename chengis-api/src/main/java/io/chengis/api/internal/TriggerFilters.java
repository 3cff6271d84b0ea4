package io.chengis.api.internal;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * GitHub Actions' filter patterns for refs and paths: {@code *} matches within a path segment,
 * {@code **} across segments, {@code ?} makes the preceding character optional, {@code +} repeats
 * it, {@code [...]} is a character class; a leading {@code !} negates, and the last matching
 * pattern decides. Not API.
 */
public final class TriggerFilters {
  private TriggerFilters() {}

  /** Whether a ref passes the branch and tag filters. */
  public static boolean refMatches(
      String ref,
      List<String> branches,
      List<String> branchesIgnore,
      List<String> tags,
      List<String> tagsIgnore) {
    boolean branchFilters = !branches.isEmpty() || !branchesIgnore.isEmpty();
    boolean tagFilters = !tags.isEmpty() || !tagsIgnore.isEmpty();
    if (ref.startsWith("refs/tags/")) {
      if (!tagFilters) {
        return !branchFilters;
      }
      return included(ref.substring("refs/tags/".length()), tags, tagsIgnore);
    }
    String branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
    if (!branchFilters) {
      return !tagFilters;
    }
    return included(branch, branches, branchesIgnore);
  }

  /** Whether changed files pass the path filters; unknown (empty) changes always pass. */
  public static boolean pathsMatch(
      List<String> changedFiles, List<String> paths, List<String> pathsIgnore) {
    if (changedFiles.isEmpty() || (paths.isEmpty() && pathsIgnore.isEmpty())) {
      return true;
    }
    if (!paths.isEmpty()) {
      return changedFiles.stream().anyMatch(file -> decide(file, paths, false));
    }
    return !changedFiles.stream().allMatch(file -> decide(file, pathsIgnore, false));
  }

  private static boolean included(String name, List<String> include, List<String> ignore) {
    if (!include.isEmpty()) {
      return decide(name, include, false);
    }
    return !decide(name, ignore, false);
  }

  /** The decision of the last pattern that matches; {@code fallback} when none does. */
  private static boolean decide(String name, List<String> patterns, boolean fallback) {
    boolean decision = fallback;
    for (String pattern : patterns) {
      boolean negated = pattern.startsWith("!");
      String glob = negated ? pattern.substring(1) : pattern;
      if (matches(glob, name)) {
        decision = !negated;
      }
    }
    return decision;
  }

  /** Whether a name matches one pattern (no negation). */
  public static boolean matches(String glob, String name) {
    try {
      return Pattern.compile(regex(glob)).matcher(name).matches();
    } catch (PatternSyntaxException malformed) {
      return false;
    }
  }

  /** The pattern as a Java regular expression. */
  static String regex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 2 < glob.length() && glob.charAt(i + 1) == '*' && glob.charAt(i + 2) == '/') {
            // "**/" also matches no directory at all: src/**/*.md matches src/README.md.
            regex.append("(?:.*/)?");
            i += 2;
          } else if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            regex.append(".*");
            i++;
          } else {
            regex.append("[^/]*");
          }
        }
        case '?', '+' -> {
          if (regex.isEmpty()) {
            regex.append(Pattern.quote(String.valueOf(c)));
          } else {
            regex.append(c);
          }
        }
        case '[' -> {
          int close = glob.indexOf(']', i + 1);
          if (close < 0) {
            regex.append("\\[");
          } else {
            String body = glob.substring(i + 1, close).replace("\\", "\\\\").replace("[", "\\[");
            regex
                .append('[')
                .append(body.startsWith("!") ? "^" + body.substring(1) : body)
                .append(']');
            i = close;
          }
        }
        case '\\' -> {
          if (i + 1 < glob.length()) {
            regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          } else {
            regex.append("\\\\");
          }
        }
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }
}
