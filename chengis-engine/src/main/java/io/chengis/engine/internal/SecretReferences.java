package io.chengis.engine.internal;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secret names an expression may read: {@code secrets.NAME} and {@code secrets['NAME']}, in any
 * case. A superset is harmless (an unused secret is resolved and masked); reading the whole {@code
 * secrets} object is not supported, so a missed name reads as empty.
 */
final class SecretReferences {
  private static final Pattern DOTTED =
      Pattern.compile("(?i)\\bsecrets\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_-]*)");
  private static final Pattern INDEXED = Pattern.compile("(?i)\\bsecrets\\s*\\[\\s*'([^']+)'\\s*]");

  private SecretReferences() {}

  static Set<String> names(String expression) {
    Set<String> names = new LinkedHashSet<>();
    for (Pattern pattern : new Pattern[] {DOTTED, INDEXED}) {
      Matcher matcher = pattern.matcher(expression);
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }
}
