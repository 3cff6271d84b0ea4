package io.chengis.dsl.format.internal;

import io.chengis.api.ContainerSpec;
import io.chengis.api.Matrix;
import io.chengis.api.Parameter;
import io.chengis.api.ParameterType;
import io.chengis.api.PullPolicy;
import io.chengis.api.ResourceLimits;
import io.chengis.api.Trigger;
import io.chengis.dsl.format.internal.YamlFile.Entry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Blocks both YAML formats share: triggers ({@code on:}), matrices, containers, parameters. */
final class Blocks {
  static final List<String> EVENTS =
      List.of("push", "pull_request", "schedule", "workflow_dispatch", "workflow_call");
  static final List<String> BRANCH_FILTER =
      List.of(
          "branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore", "types");
  static final List<String> CRON = List.of("cron");
  static final List<String> DISPATCH = List.of("inputs");
  static final List<String> INPUT =
      List.of("description", "required", "default", "type", "options");
  static final List<String> INPUT_TYPES = List.of("string", "choice", "boolean", "number");

  static final int MAX_NAME = 100;
  static final Pattern PIPELINE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private Blocks() {}

  /** The events of {@code on:}: a name, a list of names or a mapping of event to filters. */
  static void triggers(YamlFile yaml, Node on, List<Trigger> triggers, List<Parameter> parameters) {
    // Each event maps to its filters; a bare event name is located at itself.
    List<Entry> events = new ArrayList<>();
    if (on instanceof ScalarNode && !YamlFile.isNull(on)) {
      events.add(new Entry(((ScalarNode) on).getValue(), on, emptyNode(on)));
    } else if (on instanceof SequenceNode) {
      for (Node item : yaml.sequence(on, "on")) {
        yaml.string(item, "on item")
            .ifPresent(event -> events.add(new Entry(event, item, emptyNode(item))));
      }
    } else {
      events.addAll(yaml.mapping(on, "on", List.of()).values());
    }
    for (Entry entry : events) {
      String event = entry.key();
      Node node = entry.keyNode();
      Node filters = entry.value();
      switch (event) {
        case "push" -> triggers.add(push(yaml, filters, node));
        case "pull_request" -> triggers.add(pullRequest(yaml, filters, node));
        case "schedule" -> schedule(yaml, filters, triggers);
        case "workflow_dispatch" -> inputs(yaml, filters, parameters);
        // Run on its own, a reusable workflow reads its inputs as parameters; the calls are
        // inlined by the caller (GithubWorkflow), which reads the rest of workflow_call.
        case "workflow_call" -> callInputs(yaml, filters, parameters);
        default ->
            yaml.problem(
                node,
                "on",
                "has unsupported event \"" + event + "\"",
                "remove it; supported events are: " + String.join(", ", EVENTS));
      }
    }
  }

  private static Node emptyNode(Node at) {
    return new ScalarNode(
        org.snakeyaml.engine.v2.nodes.Tag.NULL,
        true,
        "",
        org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN,
        at.getStartMark(),
        at.getEndMark());
  }

  /** GitHub's pull request activity types. */
  static final List<String> PULL_REQUEST_TYPES =
      List.of(
          "assigned",
          "unassigned",
          "labeled",
          "unlabeled",
          "opened",
          "edited",
          "closed",
          "reopened",
          "synchronize",
          "converted_to_draft",
          "ready_for_review",
          "locked",
          "unlocked",
          "review_requested",
          "review_request_removed",
          "auto_merge_enabled",
          "auto_merge_disabled",
          "milestoned",
          "demilestoned",
          "enqueued",
          "dequeued");

  private static Trigger push(YamlFile yaml, Node filters, Node at) {
    String subject = "on.push";
    Map<String, Entry> keys = yaml.mapping(filters, subject, BRANCH_FILTER);
    if (keys.containsKey("types")) {
      yaml.problem(
          keys.get("types").keyNode(),
          subject,
          "has types, which push events do not have",
          "remove types; filter pushes by branches, tags or paths");
    }
    return new Trigger.Push(
        list(yaml, keys, "branches", subject),
        list(yaml, keys, "branches-ignore", subject),
        list(yaml, keys, "tags", subject),
        list(yaml, keys, "tags-ignore", subject),
        list(yaml, keys, "paths", subject),
        list(yaml, keys, "paths-ignore", subject),
        yaml.at(at));
  }

  private static Trigger pullRequest(YamlFile yaml, Node filters, Node at) {
    String subject = "on.pull_request";
    Map<String, Entry> keys = yaml.mapping(filters, subject, BRANCH_FILTER);
    for (String tagFilter : List.of("tags", "tags-ignore")) {
      if (keys.containsKey(tagFilter)) {
        yaml.problem(
            keys.get(tagFilter).keyNode(),
            subject,
            "has " + tagFilter + ", which pull requests do not have",
            "remove it; filter pull requests by branches, paths or types");
      }
    }
    List<String> types = list(yaml, keys, "types", subject);
    for (String type : types) {
      if (!PULL_REQUEST_TYPES.contains(type)) {
        yaml.problem(
            keys.get("types").value(),
            subject + ".types",
            "has unknown activity type \"" + type + "\"",
            YamlFile.suggestion(type, PULL_REQUEST_TYPES)
                    .map(t -> "did you mean \"" + t + "\"? ")
                    .orElse("")
                + "use GitHub's pull_request activity types, e.g. opened, synchronize, reopened");
      }
    }
    return new Trigger.PullRequest(
        list(yaml, keys, "branches", subject),
        list(yaml, keys, "branches-ignore", subject),
        list(yaml, keys, "paths", subject),
        list(yaml, keys, "paths-ignore", subject),
        types,
        yaml.at(at));
  }

  private static List<String> list(
      YamlFile yaml, Map<String, Entry> keys, String key, String subject) {
    Entry entry = keys.get(key);
    return entry == null ? List.of() : yaml.strings(entry.value(), subject + "." + key);
  }

  private static void schedule(YamlFile yaml, Node node, List<Trigger> triggers) {
    int index = 1;
    for (Node item : yaml.sequence(node, "on.schedule")) {
      String subject = "on.schedule item " + index++;
      Entry cron = yaml.mapping(item, subject, CRON).get("cron");
      if (cron == null) {
        if (item instanceof MappingNode) {
          yaml.problem(item, subject, "has no cron", "write - cron: '0 3 * * *'");
        }
        continue;
      }
      yaml.text(cron.value(), subject + " cron")
          .ifPresent(
              expression -> triggers.add(new Trigger.Cron(expression, yaml.at(cron.value()))));
    }
  }

  private static void callInputs(YamlFile yaml, Node node, List<Parameter> parameters) {
    if (YamlFile.isNull(node)) {
      return;
    }
    Map<String, Entry> keys =
        yaml.mapping(node, "on.workflow_call", List.of("inputs", "secrets", "outputs"));
    Entry inputs = keys.get("inputs");
    if (inputs == null) {
      return;
    }
    for (Entry input :
        yaml.mapping(inputs.value(), "on.workflow_call.inputs", List.of()).values()) {
      if (parameters.stream().noneMatch(p -> p.name().equals(input.key()))) {
        parameter(
                yaml,
                input,
                "input \"" + input.key() + "\"",
                "string",
                List.of("string", "boolean", "number"),
                List.of("description", "required", "default", "type"))
            .ifPresent(parameters::add);
      }
    }
  }

  private static void inputs(YamlFile yaml, Node node, List<Parameter> parameters) {
    Entry inputs = yaml.mapping(node, "on.workflow_dispatch", DISPATCH).get("inputs");
    if (inputs == null) {
      return;
    }
    for (Entry input :
        yaml.mapping(inputs.value(), "on.workflow_dispatch.inputs", List.of()).values()) {
      parameter(yaml, input, "input \"" + input.key() + "\"", "string", INPUT_TYPES, INPUT)
          .ifPresent(parameters::add);
    }
  }

  /**
   * One parameter: GitHub's input shape ({@code type: string|choice|boolean|number}, {@code
   * options}) or Chengis's ({@code type: text|choice|boolean|number}, {@code choices}).
   */
  static Optional<Parameter> parameter(
      YamlFile yaml,
      Entry entry,
      String subject,
      String defaultType,
      List<String> types,
      List<String> allowed) {
    Map<String, Entry> keys = yaml.mapping(entry.value(), subject, allowed);
    String typeName =
        Optional.ofNullable(keys.get("type"))
            .flatMap(type -> yaml.string(type.value(), subject + " type"))
            .orElse(defaultType);
    ParameterType type =
        switch (typeName) {
          case "string", "text" -> ParameterType.TEXT;
          case "choice" -> ParameterType.CHOICE;
          case "boolean" -> ParameterType.BOOLEAN;
          case "number" -> ParameterType.NUMBER;
          default -> null;
        };
    if (type == null || !types.contains(typeName)) {
      yaml.problem(
          keys.get("type").value(),
          subject + " type",
          "is not supported",
          typeName,
          "use one of: " + String.join(", ", types));
      return Optional.empty();
    }
    String description =
        Optional.ofNullable(keys.get("description"))
            .flatMap(d -> yaml.string(d.value(), subject + " description"))
            .orElse("");
    Entry choicesEntry = keys.containsKey("options") ? keys.get("options") : keys.get("choices");
    List<String> choices =
        choicesEntry == null
            ? List.of()
            : yaml.strings(choicesEntry.value(), subject + " " + choicesEntry.key());
    Optional<String> defaultValue =
        Optional.ofNullable(keys.get("default"))
            .flatMap(d -> yaml.string(d.value(), subject + " default"));
    boolean required =
        Optional.ofNullable(keys.get("required"))
            .flatMap(r -> yaml.bool(r.value(), subject + " required"))
            .orElse(false);
    if (defaultValue.isEmpty() && !required && allowed.contains("required")) {
      // GitHub gives an optional input without a default the type's empty value.
      defaultValue =
          switch (type) {
            case TEXT -> Optional.of("");
            case BOOLEAN -> Optional.of("false");
            case CHOICE -> choices.stream().findFirst();
            case NUMBER -> Optional.empty();
          };
    }
    return Optional.of(
        new Parameter(
            entry.key(), type, description, defaultValue, choices, yaml.at(entry.keyNode())));
  }

  /** Axes with their values, plus {@code include} and {@code exclude} lists of combinations. */
  static Optional<Matrix> matrix(YamlFile yaml, Node node, String subject) {
    return matrix(yaml, node, subject, false);
  }

  /**
   * A matrix; with {@code expressions}, the whole matrix, an axis, {@code include} or {@code
   * exclude} may be one {@code ${{ }}} expression (GitHub Actions), kept in {@link
   * Matrix#expressions()}.
   */
  static Optional<Matrix> matrix(YamlFile yaml, Node node, String subject, boolean expressions) {
    Map<String, String> written = new LinkedHashMap<>();
    if (node instanceof ScalarNode scalar && !YamlFile.isNull(node)) {
      if (!expressions || !scalar.getValue().contains("${{")) {
        yaml.problem(
            node,
            subject,
            expressions
                ? "must be a mapping of axes or one ${{ }} expression"
                : "is an expression, which is not supported yet",
            YamlFile.describe(node),
            "list the axes and their values in the file");
        return Optional.empty();
      }
      written.put(Matrix.WHOLE, scalar.getValue());
      return Optional.of(
          new Matrix(
              Map.of(),
              List.of(),
              List.of(),
              Matrix.DEFAULT_MAX_COMBINATIONS,
              yaml.at(node),
              false,
              0,
              written));
    }
    Map<String, List<String>> axes = new LinkedHashMap<>();
    List<Map<String, String>> include = new ArrayList<>();
    List<Map<String, String>> exclude = new ArrayList<>();
    for (Entry entry : yaml.mapping(node, subject, List.of()).values()) {
      if (expressions
          && entry.value() instanceof ScalarNode scalar
          && scalar.getValue().contains("${{")) {
        written.put(entry.key(), scalar.getValue());
        continue;
      }
      switch (entry.key()) {
        case "include" -> combinations(yaml, entry.value(), subject + ".include", include);
        case "exclude" -> combinations(yaml, entry.value(), subject + ".exclude", exclude);
        default ->
            axes.put(
                entry.key(),
                yaml.strings(entry.value(), subject + " axis \"" + entry.key() + "\""));
      }
    }
    return Optional.of(
        new Matrix(
            axes,
            include,
            exclude,
            Matrix.DEFAULT_MAX_COMBINATIONS,
            yaml.at(node),
            false,
            0,
            written));
  }

  private static void combinations(
      YamlFile yaml, Node node, String subject, List<Map<String, String>> into) {
    int index = 1;
    for (Node item : yaml.sequence(node, subject)) {
      into.add(yaml.stringMap(item, subject + " item " + index++));
    }
  }

  /**
   * A container: an image name, or a mapping with {@code image} and the keys in {@code allowed}
   * ({@code volumes}, {@code workdir}, {@code network}, {@code user}, {@code options}).
   */
  static Optional<ContainerSpec> container(
      YamlFile yaml, Node node, String subject, List<String> allowed, Map<String, String> env) {
    if (node instanceof ScalarNode && !YamlFile.isNull(node)) {
      return yaml.text(node, subject + " image")
          .map(
              image ->
                  container(
                      yaml,
                      node,
                      image,
                      List.of(),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      List.of()));
    }
    Map<String, Entry> keys = yaml.mapping(node, subject, allowed);
    Entry image = keys.get("image");
    if (image == null) {
      if (node instanceof MappingNode) {
        yaml.problem(node, subject, "has no image", "add image: eclipse-temurin:21");
      }
      return Optional.empty();
    }
    List<String> volumes =
        keys.containsKey("volumes")
            ? yaml.strings(keys.get("volumes").value(), subject + " volumes")
            : List.of();
    Optional<String> workdir = optionalString(yaml, keys, "workdir", subject);
    Optional<String> network = optionalString(yaml, keys, "network", subject);
    Optional<String> user = optionalString(yaml, keys, "user", subject);
    List<String> extraArgs =
        Optional.ofNullable(keys.get("options"))
            .flatMap(
                options ->
                    yaml.string(options.value(), subject + " options")
                        .flatMap(text -> words(yaml, options.value(), subject + " options", text)))
            .orElse(List.of());
    if (keys.containsKey("env")) {
      env.putAll(yaml.stringMap(keys.get("env").value(), subject + " env"));
    }
    return yaml.text(image.value(), subject + " image")
        .map(text -> container(yaml, node, text, volumes, workdir, network, user, extraArgs));
  }

  private static ContainerSpec container(
      YamlFile yaml,
      Node node,
      String image,
      List<String> volumes,
      Optional<String> workdir,
      Optional<String> network,
      Optional<String> user,
      List<String> extraArgs) {
    return new ContainerSpec(
        image,
        volumes,
        Map.of(),
        workdir,
        network,
        PullPolicy.IF_NOT_PRESENT,
        extraArgs,
        user,
        ResourceLimits.none(),
        yaml.at(node));
  }

  /**
   * Splits container options into words as a shell would, without running one: whitespace separates
   * words, single quotes keep everything, double quotes keep everything but {@code \\"} and {@code
   * \\\\}, as in GitHub's {@code --health-cmd "pg_isready -U postgres"}.
   */
  static Optional<List<String>> words(YamlFile yaml, Node node, String subject, String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\' && i + 1 < text.length() && "\"\\".indexOf(text.charAt(i + 1)) >= 0) {
          word.append(text.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      yaml.problem(
          node,
          subject,
          "has an unterminated " + (quote == '"' ? "double" : "single") + " quote",
          text,
          "close the quote, e.g. --health-cmd \"pg_isready -U postgres\"");
      return Optional.empty();
    }
    if (inWord) {
      words.add(word.toString());
    }
    return Optional.of(words);
  }

  static Optional<String> optionalString(
      YamlFile yaml, Map<String, Entry> keys, String key, String subject) {
    Entry entry = keys.get(key);
    return entry == null ? Optional.empty() : yaml.string(entry.value(), subject + " " + key);
  }

  static Optional<Boolean> optionalBool(
      YamlFile yaml, Map<String, Entry> keys, String key, String subject) {
    Entry entry = keys.get(key);
    return entry == null ? Optional.empty() : yaml.bool(entry.value(), subject + " " + key);
  }

  static List<String> optionalList(
      YamlFile yaml, Map<String, Entry> keys, String key, String subject) {
    Entry entry = keys.get(key);
    return entry == null ? List.of() : yaml.strings(entry.value(), subject + " " + key);
  }

  static Map<String, String> optionalMap(
      YamlFile yaml, Map<String, Entry> keys, String key, String subject) {
    Entry entry = keys.get(key);
    return entry == null
        ? new LinkedHashMap<>()
        : yaml.stringMap(entry.value(), subject + " " + key);
  }

  /** File name without directories and extensions: the default pipeline name. */
  static String stem(String fileName) {
    String name = fileName.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    int dot = name.indexOf('.');
    String stem = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9._-]", "-");
    stem = stem.replaceFirst("^[._-]+", "");
    return stem.isEmpty() ? "pipeline" : stem.substring(0, Math.min(stem.length(), MAX_NAME));
  }
}
