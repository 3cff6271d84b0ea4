package io.chengis.dsl.format.internal;

import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Problem;
import io.chengis.api.SourceLocation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * One YAML file being read: composes the node tree and collects every problem with its place. Not
 * thread-safe; one instance per parse.
 */
final class YamlFile {
  /** Same limit as the original Chengis: pipeline files are small, anything larger is a mistake. */
  static final int MAX_CODE_POINTS = 1024 * 1024;

  private static final int MAX_ALIASES = 50;
  private static final int SHOWN_VALUE_LENGTH = 40;

  private final String file;
  private final List<Problem> problems = new ArrayList<>();

  YamlFile(String file) {
    this.file = file;
  }

  /** A key and its value, both with their places. */
  record Entry(String key, Node keyNode, Node value) {}

  /**
   * The single document of the file; a YAML syntax error, an empty file or a second document ends
   * the parse with a located {@link PipelineDefinitionException}.
   */
  Node compose(String text, String pipeline) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setAllowDuplicateKeys(true)
            .setAllowRecursiveKeys(false)
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setCodePointLimit(MAX_CODE_POINTS)
            .build();
    Node root;
    try {
      // The low-level Compose facade is not exported from the library's module; this is its body.
      Iterator<Node> documents =
          new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
      if (!documents.hasNext()) {
        throw new PipelineDefinitionException(
            pipeline,
            List.of(
                Problem.of(
                    SourceLocation.of(file, 1, 1),
                    "file",
                    "is empty",
                    "write the pipeline as a YAML mapping")));
      }
      root = documents.next();
      if (documents.hasNext()) {
        Node second = documents.next();
        throw new PipelineDefinitionException(
            pipeline,
            List.of(
                Problem.of(
                    at(second),
                    "file",
                    "has more than one YAML document",
                    "keep one pipeline per file and remove the second '---' document")));
      }
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      SourceLocation where = mark.map(this::at).orElse(SourceLocation.of(file, 1, 1));
      String context =
          e.getContext() == null
              ? ""
              : " "
                  + e.getContext().strip()
                  + e.getContextMark()
                      .filter(contextMark -> e.getProblemMark().isPresent())
                      .map(contextMark -> " started at " + at(contextMark))
                      .orElse("");
      String problem = e.getProblem() == null ? "is invalid" : e.getProblem().strip();
      throw new PipelineDefinitionException(
          pipeline,
          List.of(
              Problem.of(
                  where,
                  "YAML",
                  "is not valid: " + problem + context,
                  "fix the YAML syntax at this place")));
    } catch (PipelineDefinitionException e) {
      throw e;
    } catch (RuntimeException e) {
      // The YAML library is third-party code: whatever it throws becomes a located problem.
      throw new PipelineDefinitionException(
          pipeline,
          List.of(
              Problem.of(
                  SourceLocation.of(file, 1, 1),
                  "YAML",
                  "cannot be read: " + oneLine(String.valueOf(e.getMessage())),
                  "fix the YAML syntax")));
    }
    return root;
  }

  String file() {
    return file;
  }

  List<Problem> problems() {
    return problems;
  }

  /** Throws all collected problems at once, if any. */
  void throwIfProblems(String pipeline) {
    if (!problems.isEmpty()) {
      throw new PipelineDefinitionException(pipeline, List.copyOf(problems));
    }
  }

  SourceLocation at(Node node) {
    return node.getStartMark().map(this::at).orElse(SourceLocation.of(file, 1, 1));
  }

  private SourceLocation at(Mark mark) {
    return SourceLocation.of(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  void problem(Node node, String subject, String problem, String fix) {
    problems.add(Problem.of(at(node), subject, problem, fix));
  }

  void problem(Node node, String subject, String problem, Object value, String fix) {
    problems.add(Problem.of(at(node), subject, problem, value, fix));
  }

  /** What a node is, for "was ..." in messages. */
  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (isNull(node)) {
      return "empty";
    }
    String text = ((ScalarNode) node).getValue();
    return "\""
        + oneLine(
            text.length() > SHOWN_VALUE_LENGTH ? text.substring(0, SHOWN_VALUE_LENGTH) + "…" : text)
        + "\"";
  }

  private static String oneLine(String text) {
    return text.replace('\n', ' ').replace('\r', ' ');
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
  }

  /**
   * The keys of a mapping in order. Unknown keys (when {@code allowed} is not empty), duplicate
   * keys and keys that are not plain strings are problems. An empty value reads as an empty
   * mapping.
   */
  Map<String, Entry> mapping(Node node, String subject, List<String> allowed) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    if (isNull(node)) {
      return entries;
    }
    if (!(node instanceof MappingNode mapping)) {
      problem(node, subject, "must be a mapping", describe(node), "write key: value pairs");
      return entries;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalar) || isNull(keyNode)) {
        problem(
            keyNode,
            subject,
            "has a key that is not a string",
            describe(keyNode),
            "use a plain key");
        continue;
      }
      String key = scalar.getValue();
      Entry previous = entries.get(key);
      if (previous != null) {
        problem(
            keyNode,
            subject,
            "declares key \"" + key + "\" twice (first at " + at(previous.keyNode()) + ")",
            "keep one of them");
        continue;
      }
      if (!allowed.isEmpty() && !allowed.contains(key)) {
        problem(
            keyNode,
            subject,
            "has unknown key \"" + key + "\"",
            suggestion(key, allowed).map(s -> "did you mean \"" + s + "\"? ").orElse("")
                + "allowed keys are: "
                + String.join(", ", allowed));
        continue;
      }
      entries.put(key, new Entry(key, keyNode, tuple.getValueNode()));
    }
    return entries;
  }

  /** The closest allowed key, when it is close enough to be a typo. */
  static Optional<String> suggestion(String key, List<String> allowed) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : allowed) {
      int distance = distance(key.toLowerCase(Locale.ROOT), candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= (key.length() <= 3 ? 1 : 2)
        ? Optional.of(best)
        : Optional.empty();
  }

  private static int distance(String a, String b) {
    int[] beforePrevious = new int[b.length() + 1];
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] recycled = beforePrevious;
      beforePrevious = previous;
      previous = current;
      current = recycled;
    }
    return previous[b.length()];
  }

  /** The text of {@code key} in a mapping, if it is a non-blank scalar; reports nothing. */
  static Optional<String> peek(Node node, String key) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode k
            && k.getValue().equals(key)
            && tuple.getValueNode() instanceof ScalarNode v
            && !isNull(v)
            && !v.getValue().isBlank()) {
          return Optional.of(v.getValue());
        }
      }
    }
    return Optional.empty();
  }

  /** A scalar as text (numbers and booleans too); anything else is a problem. */
  Optional<String> string(Node node, String subject) {
    if (node instanceof ScalarNode scalar && !isNull(node)) {
      return Optional.of(scalar.getValue());
    }
    problem(node, subject, "must be a string", describe(node), "write a single value");
    return Optional.empty();
  }

  /** A non-blank scalar. */
  Optional<String> text(Node node, String subject) {
    Optional<String> text = string(node, subject);
    if (text.isPresent() && text.get().isBlank()) {
      problem(node, subject, "must not be blank", "give it a value");
      return Optional.empty();
    }
    return text;
  }

  Optional<Boolean> bool(Node node, String subject) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
      return Optional.of(Boolean.parseBoolean(scalar.getValue().toLowerCase(Locale.ROOT)));
    }
    if (node instanceof ScalarNode scalar && scalar.getValue().contains("${{")) {
      problem(
          node,
          subject,
          "is an expression, which is not supported here yet",
          describe(node),
          "write true or false");
      return Optional.empty();
    }
    problem(node, subject, "must be true or false", describe(node), "write true or false");
    return Optional.empty();
  }

  Optional<Integer> positiveInt(Node node, String subject, String unit) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
      try {
        int value = Integer.parseInt(scalar.getValue().replace("_", "").replace("+", ""));
        if (value > 0) {
          return Optional.of(value);
        }
      } catch (NumberFormatException tooLargeOrNotDecimal) {
        // reported below
      }
    }
    problem(
        node,
        subject,
        "must be a positive whole number of " + unit,
        describe(node),
        "write e.g. 10");
    return Optional.empty();
  }

  /** A list; an empty value reads as an empty list. */
  List<Node> sequence(Node node, String subject) {
    if (isNull(node)) {
      return List.of();
    }
    if (node instanceof SequenceNode sequence) {
      return sequence.getValue();
    }
    problem(node, subject, "must be a list", describe(node), "write one '- item' per line");
    return List.of();
  }

  /** One string or a list of strings. */
  List<String> strings(Node node, String subject) {
    if (node instanceof ScalarNode && !isNull(node)) {
      return List.of(((ScalarNode) node).getValue());
    }
    List<String> values = new ArrayList<>();
    int index = 1;
    for (Node item : sequence(node, subject)) {
      string(item, subject + " item " + index++).ifPresent(values::add);
    }
    return values;
  }

  /** A mapping of scalar values, in order. */
  Map<String, String> stringMap(Node node, String subject) {
    Map<String, String> values = new LinkedHashMap<>();
    mapping(node, subject, List.of())
        .values()
        .forEach(
            entry ->
                string(entry.value(), subject + " \"" + entry.key() + "\"")
                    .ifPresent(value -> values.put(entry.key(), value)));
    return values;
  }
}
