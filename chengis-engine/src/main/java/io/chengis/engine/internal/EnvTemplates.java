package io.chengis.engine.internal;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${{ secrets.NAME }}} templates in environment values. They are resolved through the
 * secret backends (audited, and registered with the masker) before the expression language renders
 * the other templates of the value.
 */
public final class EnvTemplates {
  private static final Pattern SECRET =
      Pattern.compile("\\$\\{\\{\\s*secrets\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

  private EnvTemplates() {}

  /**
   * The secret names a value refers to, in order.
   *
   * @param value an environment value
   * @return the names
   */
  public static Set<String> secretNames(String value) {
    Set<String> names = new LinkedHashSet<>();
    Matcher matcher = SECRET.matcher(value);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** Replaces each secret reference with the value the resolver gives. */
  static String substitute(String value, Function<String, String> secrets) {
    if (!value.contains("${{")) {
      // Most values (the host's whole environment among them, for every step) hold no reference.
      return value;
    }
    Matcher matcher = SECRET.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(secrets.apply(matcher.group(1))));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
