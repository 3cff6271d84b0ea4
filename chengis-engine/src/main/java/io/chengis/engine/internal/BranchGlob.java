package io.chengis.engine.internal;

import java.util.regex.Pattern;

/**
 * Branch globs: {@code *} matches within one path segment, {@code **} across segments, {@code ?}
 * one character other than {@code /}; everything else is literal. {@code refs/heads/} is ignored on
 * both sides, so {@code main} matches {@code refs/heads/main}.
 */
public final class BranchGlob {
  private static final String HEADS = "refs/heads/";

  private BranchGlob() {}

  /**
   * Whether the branch matches the glob.
   *
   * @param glob the glob, e.g. {@code release/**}
   * @param branch the branch, e.g. {@code release/1.2} or {@code refs/heads/release/1.2}
   * @return whether it matches
   */
  public static boolean matches(String glob, String branch) {
    return compile(strip(glob)).matcher(strip(branch)).matches();
  }

  private static String strip(String ref) {
    return ref.startsWith(HEADS) ? ref.substring(HEADS.length()) : ref;
  }

  private static Pattern compile(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
