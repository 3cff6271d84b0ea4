package io.chengis.dsl.format.internal;

import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Problem;
import io.chengis.api.SourceLocation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One EDN pipeline file being read: typed access to its values that collects every problem with its
 * place. Not thread-safe; one instance per parse.
 */
final class EdnFile {
  private final String file;
  private final List<Problem> problems = new ArrayList<>();

  EdnFile(String file) {
    this.file = file;
  }

  /** A map key (a keyword, string or symbol, by its name) and its value. */
  record Entry(String key, Edn keyNode, Edn value) {}

  SourceLocation at(Edn node) {
    return SourceLocation.of(file, node.line(), node.column());
  }

  List<Problem> problems() {
    return problems;
  }

  void throwIfProblems(String pipeline) {
    if (!problems.isEmpty()) {
      throw new PipelineDefinitionException(pipeline, List.copyOf(problems));
    }
  }

  void problem(Edn node, String subject, String problem, String fix) {
    problems.add(Problem.of(at(node), subject, problem, fix));
  }

  void problem(Edn node, String subject, String problem, Object value, String fix) {
    problems.add(Problem.of(at(node), subject, problem, value, fix));
  }

  /**
   * The entries of a map whose keys are keywords, in order; unknown keys (when {@code allowed} is
   * not empty) are problems with a suggestion. {@code nil} reads as an empty map.
   */
  Map<String, Entry> map(Edn node, String subject, List<String> allowed) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    if (node instanceof Edn.Nil) {
      return entries;
    }
    if (!(node instanceof Edn.EMap map)) {
      problem(node, subject, "must be a map", node.describe(), "write {:key value ...}");
      return entries;
    }
    for (Edn.Entry entry : map.entries()) {
      if (!(entry.key() instanceof Edn.Keyword keyword)) {
        problem(
            entry.key(),
            subject,
            "has a key that is not a keyword",
            entry.key().describe(),
            "write keys as keywords, e.g. :name");
        continue;
      }
      String key = keyword.name();
      if (!allowed.isEmpty() && !allowed.contains(key)) {
        problem(
            entry.key(),
            subject,
            "has unknown key :" + key,
            YamlFile.suggestion(key, allowed).map(s -> "did you mean :" + s + "? ").orElse("")
                + "allowed keys are: :"
                + String.join(", :", allowed));
        continue;
      }
      entries.put(key, new Entry(key, entry.key(), entry.value()));
    }
    return entries;
  }

  /** A vector's items; {@code nil} reads as empty. */
  List<Edn> vector(Edn node, String subject) {
    if (node instanceof Edn.Nil) {
      return List.of();
    }
    if (node instanceof Edn.Vector vector) {
      return vector.items();
    }
    if (node instanceof Edn.EList list) {
      return list.items();
    }
    problem(node, subject, "must be a vector", node.describe(), "write [item ...]");
    return List.of();
  }

  /** A string literal. */
  Optional<String> string(Edn node, String subject) {
    if (node instanceof Edn.Str str) {
      return Optional.of(str.value());
    }
    problem(node, subject, "must be a string", node.describe(), "write it in double quotes");
    return Optional.empty();
  }

  /** A non-blank string literal. */
  Optional<String> text(Edn node, String subject) {
    Optional<String> text = string(node, subject);
    if (text.isPresent() && text.get().isBlank()) {
      problem(node, subject, "must not be blank", "give it a value");
      return Optional.empty();
    }
    return text;
  }

  /** A name: a string, keyword or symbol, as text. */
  Optional<String> name(Edn node, String subject) {
    Optional<String> name =
        switch (node) {
          case Edn.Str str -> Optional.of(str.value());
          case Edn.Keyword keyword -> Optional.of(keyword.name());
          case Edn.Symbol symbol -> Optional.of(symbol.name());
          default -> Optional.empty();
        };
    if (name.isEmpty() || name.get().isBlank()) {
      problem(
          node,
          subject,
          "must be a name",
          node.describe(),
          "write a string such as \"main\" or a keyword such as :main");
      return Optional.empty();
    }
    return name;
  }

  /** Any scalar as text (strings, keywords, symbols, numbers, booleans, characters). */
  Optional<String> scalar(Edn node, String subject) {
    Optional<String> text =
        switch (node) {
          case Edn.Str str -> Optional.of(str.value());
          case Edn.Keyword keyword -> Optional.of(keyword.name());
          case Edn.Symbol symbol -> Optional.of(symbol.name());
          case Edn.Int integer -> Optional.of(integer.value().toString());
          case Edn.Float number -> Optional.of(number.value().toPlainString());
          case Edn.Bool bool -> Optional.of(Boolean.toString(bool.value()));
          case Edn.Char ch -> Optional.of(Character.toString(ch.codePoint()));
          default -> Optional.empty();
        };
    if (text.isEmpty()) {
      problem(node, subject, "must be a single value", node.describe(), "write a string");
    }
    return text;
  }

  /** Strings of a vector (scalars are accepted and written as text). */
  List<String> strings(Edn node, String subject) {
    List<String> values = new ArrayList<>();
    if (node instanceof Edn.Str || node instanceof Edn.Keyword) {
      problem(node, subject, "must be a vector", node.describe(), "write [\"value\" ...]");
      return values;
    }
    int index = 1;
    for (Edn item : vector(node, subject)) {
      scalar(item, subject + " item " + index++).ifPresent(values::add);
    }
    return values;
  }

  /** A map of names to scalar values, e.g. an environment: {@code {"KEY" "value", :OTHER 1}}. */
  Map<String, String> stringMap(Edn node, String subject) {
    Map<String, String> values = new LinkedHashMap<>();
    if (node instanceof Edn.Nil) {
      return values;
    }
    if (!(node instanceof Edn.EMap map)) {
      problem(node, subject, "must be a map", node.describe(), "write {\"KEY\" \"value\" ...}");
      return values;
    }
    for (Edn.Entry entry : map.entries()) {
      Optional<String> key = name(entry.key(), subject + " key");
      Optional<String> value = key.flatMap(k -> scalar(entry.value(), subject + " value of " + k));
      if (key.isPresent() && value.isPresent()) {
        values.put(key.get(), value.get());
      }
    }
    return values;
  }

  Optional<Boolean> bool(Edn node, String subject) {
    if (node instanceof Edn.Bool bool) {
      return Optional.of(bool.value());
    }
    problem(node, subject, "must be true or false", node.describe(), "write true or false");
    return Optional.empty();
  }

  /** A positive whole number, at most {@code Integer.MAX_VALUE}. */
  Optional<Integer> positiveInt(Edn node, String subject, String unit) {
    if (node instanceof Edn.Int integer
        && integer.value().signum() > 0
        && integer.value().compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) <= 0) {
      return Optional.of(integer.value().intValueExact());
    }
    problem(
        node,
        subject,
        "must be a positive whole number of " + unit,
        node.describe(),
        "write e.g. 10");
    return Optional.empty();
  }

  /** A whole number of zero or more. */
  Optional<Integer> naturalInt(Edn node, String subject, String unit) {
    if (node instanceof Edn.Int integer
        && integer.value().signum() >= 0
        && integer.value().compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) <= 0) {
      return Optional.of(integer.value().intValueExact());
    }
    problem(node, subject, "must be a whole number of " + unit, node.describe(), "write e.g. 1");
    return Optional.empty();
  }
}
