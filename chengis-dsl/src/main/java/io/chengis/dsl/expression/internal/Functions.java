package io.chengis.dsl.expression.internal;

import io.chengis.dsl.expression.ExpressionException.Kind;
import io.chengis.dsl.expression.Value;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The built-in functions' signatures and the ones that need nothing but their arguments. */
final class Functions {
  record Signature(String name, int min, int max, String usage) {
    String arity() {
      if (min == max) {
        return min + " argument" + (min == 1 ? "" : "s");
      }
      return max == Integer.MAX_VALUE
          ? "at least " + min + " argument" + (min == 1 ? "" : "s")
          : min + " to " + max + " arguments";
    }
  }

  private static final List<Signature> SIGNATURES =
      List.of(
          new Signature("contains", 2, 2, "contains(search, item)"),
          new Signature("startsWith", 2, 2, "startsWith(searchString, searchValue)"),
          new Signature("endsWith", 2, 2, "endsWith(searchString, searchValue)"),
          new Signature("format", 1, Integer.MAX_VALUE, "format('{0} {1}', value0, value1)"),
          new Signature("join", 1, 2, "join(array, ', ')"),
          new Signature("toJSON", 1, 1, "toJSON(value)"),
          new Signature("fromJSON", 1, 1, "fromJSON(text)"),
          new Signature("hashFiles", 1, Integer.MAX_VALUE, "hashFiles('**/pom.xml', '!target/**')"),
          new Signature("success", 0, 0, "success()"),
          new Signature("failure", 0, 0, "failure()"),
          new Signature("always", 0, 0, "always()"),
          new Signature("cancelled", 0, 0, "cancelled()"));

  private static final Map<String, Signature> BY_NAME =
      SIGNATURES.stream()
          .collect(Collectors.toMap(s -> s.name().toLowerCase(Locale.ROOT), Function.identity()));

  static final String NAMES =
      SIGNATURES.stream().map(Signature::name).collect(Collectors.joining(", "));

  static final Set<String> STATUS = Set.of("success", "failure", "always", "cancelled");

  private Functions() {}

  static Optional<Signature> signature(String name) {
    return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
  }

  static Value contains(Value search, Value item) {
    if (search instanceof Value.Arr array) {
      return Value.of(
          array.elements().stream().anyMatch(element -> Coercion.looseEquals(element, item)));
    }
    return Value.of(indexOfIgnoreCase(search.asString(), item.asString()) >= 0);
  }

  static Value startsWith(Value text, Value prefix) {
    String s = text.asString();
    String p = prefix.asString();
    return Value.of(s.regionMatches(true, 0, p, 0, p.length()));
  }

  static Value endsWith(Value text, Value suffix) {
    String s = text.asString();
    String p = suffix.asString();
    return Value.of(
        s.length() >= p.length()
            && s.regionMatches(true, s.length() - p.length(), p, 0, p.length()));
  }

  static Value join(Value array, Value separator) {
    if (array instanceof Value.Arr a) {
      return Value.of(
          a.elements().stream()
              .map(Value::asString)
              .collect(Collectors.joining(separator.asString())));
    }
    return Value.of(array.asString());
  }

  private static int indexOfIgnoreCase(String text, String part) {
    for (int i = 0; i + part.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, part, 0, part.length())) {
        return i;
      }
    }
    return -1;
  }

  /**
   * GitHub's {@code format}: {@code {n}} is replaced by argument n as a string, {@code {{} and
   * {@code }}} stand for single braces; anything else with a brace is an error.
   */
  static Value format(String template, List<Value> arguments, int position) {
    var out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '{') {
        if (i + 1 < template.length() && template.charAt(i + 1) == '{') {
          out.append('{');
          i += 2;
          continue;
        }
        int close = template.indexOf('}', i);
        String digits = close < 0 ? "" : template.substring(i + 1, close);
        if (close < 0
            || digits.isEmpty()
            || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')
            || digits.length() > 9) {
          throw Errors.at(
              Kind.EVALUATION,
              position,
              "format string has a '{' at index "
                  + i
                  + " that is neither '{{' nor a placeholder such as {0}",
              Errors.quote(template),
              "write {{ for a literal '{' or {n} with n from 0 to " + (arguments.size() - 1));
        }
        int n = Integer.parseInt(digits);
        if (n >= arguments.size()) {
          throw Errors.at(
              Kind.EVALUATION,
              position,
              "format placeholder {" + n + "} has no argument (" + arguments.size() + " given)",
              Errors.quote(template),
              arguments.isEmpty()
                  ? "pass a value after the format string or write {{" + n + "}} for literal braces"
                  : "use {0} to {" + (arguments.size() - 1) + "} or pass more values");
        }
        out.append(arguments.get(n).asString());
        i = close + 1;
      } else if (c == '}') {
        if (i + 1 < template.length() && template.charAt(i + 1) == '}') {
          out.append('}');
          i += 2;
          continue;
        }
        throw Errors.at(
            Kind.EVALUATION,
            position,
            "format string has a lone '}' at index " + i,
            Errors.quote(template),
            "write }} for a literal '}'");
      } else {
        out.append(c);
        i++;
      }
    }
    return Value.of(out.toString());
  }
}
