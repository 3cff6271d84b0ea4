package io.chengis.dsl.format.internal;

import io.chengis.api.ApprovalGate;
import io.chengis.api.ArtifactSpec;
import io.chengis.api.CacheSpec;
import io.chengis.api.Condition;
import io.chengis.api.ContainerSpec;
import io.chengis.api.CrashPolicy;
import io.chengis.api.Matrix;
import io.chengis.api.Notification;
import io.chengis.api.NotifyWhen;
import io.chengis.api.Parameter;
import io.chengis.api.Pipeline;
import io.chengis.api.PostActions;
import io.chengis.api.ResourceLimits;
import io.chengis.api.ResultCacheSpec;
import io.chengis.api.RetryPolicy;
import io.chengis.api.SecretRef;
import io.chengis.api.ServiceSpec;
import io.chengis.api.SourceSpec;
import io.chengis.api.Stage;
import io.chengis.api.StageOrder;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import io.chengis.api.Trigger;
import io.chengis.api.spi.PipelineSource;
import io.chengis.api.spi.QueueEntry;
import io.chengis.dsl.format.internal.YamlFile.Entry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Reads the Chengis YAML workflow schema (the original's {@code dsl/yaml.clj}). */
final class ChengisYaml {
  static final List<String> TOP =
      List.of(
          "name",
          "description",
          "container",
          "env",
          "parameters",
          "source",
          "on",
          "stages",
          "post",
          "artifacts",
          "notify",
          "matrix",
          "strategy",
          "on-crash");
  static final List<String> STAGE =
      List.of(
          "name",
          "parallel",
          "depends-on",
          "if",
          "when",
          "container",
          "services",
          "env",
          "timeout",
          "labels",
          "cache",
          "cache-result",
          "approval",
          "steps");
  static final List<String> STEP =
      List.of(
          "name",
          "run",
          "image",
          "shell",
          "env",
          "dir",
          "working-directory",
          "timeout",
          "continue-on-error",
          "if");
  static final List<String> CONTAINER =
      List.of("image", "volumes", "workdir", "network", "user", "options");
  static final List<String> SERVICE =
      List.of("image", "env", "volumes", "workdir", "user", "options", "command");
  static final List<String> PARAMETER = List.of("type", "description", "default", "choices");
  static final List<String> PARAMETER_TYPES = List.of("text", "choice", "boolean", "number");
  static final List<String> POST =
      List.of("always", "on-success", "on_success", "on-failure", "on_failure");
  static final List<String> WHEN = List.of("branch", "param", "value");
  static final List<String> STRATEGY = List.of("matrix");
  static final List<String> CACHE = List.of("key", "paths", "restore-keys");
  static final List<String> SOURCE =
      List.of(
          "type",
          "url",
          "branch",
          "depth",
          "submodules",
          "credentials",
          "paths",
          "paths-ignore",
          "timeout");
  static final List<String> CACHE_RESULT = List.of("inputs", "outputs");
  static final List<String> APPROVAL =
      List.of("message", "approvers", "roles", "min-approvals", "timeout");

  private final YamlFile yaml;

  private ChengisYaml(YamlFile yaml) {
    this.yaml = yaml;
  }

  static Pipeline parse(PipelineSource source) {
    YamlFile yaml = new YamlFile(source.fileName());
    String fallbackName = Blocks.stem(source.fileName());
    Node root = yaml.compose(source.text(), fallbackName);
    return new ChengisYaml(yaml).pipeline(root, fallbackName);
  }

  private Pipeline pipeline(Node root, String fallbackName) {
    Map<String, Entry> top = yaml.mapping(root, "workflow", TOP);
    String name =
        Optional.ofNullable(top.get("name"))
            .flatMap(n -> yaml.text(n.value(), "workflow name"))
            .orElse(fallbackName);
    if (top.containsKey("name") && !Blocks.PIPELINE_NAME.matcher(name).matches()) {
      yaml.problem(
          top.get("name").value(),
          "pipeline name",
          "is invalid",
          name,
          "use 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
      name = fallbackName;
    }
    String description = Blocks.optionalString(yaml, top, "description", "workflow").orElse("");
    Map<String, String> env = Blocks.optionalMap(yaml, top, "env", "workflow");
    Optional<ContainerSpec> container =
        Optional.ofNullable(top.get("container"))
            .flatMap(c -> Blocks.container(yaml, c.value(), "workflow container", CONTAINER, env));
    List<Parameter> parameters = new ArrayList<>();
    if (top.containsKey("parameters")) {
      for (Entry entry :
          yaml.mapping(top.get("parameters").value(), "parameters", List.of()).values()) {
        Blocks.parameter(
                yaml,
                entry,
                "parameter \"" + entry.key() + "\"",
                "text",
                PARAMETER_TYPES,
                PARAMETER)
            .ifPresent(parameters::add);
      }
    }
    List<Trigger> triggers = new ArrayList<>();
    if (top.containsKey("on")) {
      Blocks.triggers(yaml, top.get("on").value(), triggers, parameters);
    }
    Optional<Matrix> matrix = matrix(top);
    List<Stage> stages = new ArrayList<>();
    Entry stagesEntry = top.get("stages");
    if (stagesEntry == null) {
      yaml.problem(root, "workflow", "has no stages", "add stages: with at least one stage");
    } else {
      int index = 1;
      for (Node node : yaml.sequence(stagesEntry.value(), "stages")) {
        stage(node, index++).ifPresent(stages::add);
      }
    }
    PostActions post = post(top.get("post"));
    List<ArtifactSpec> artifacts = new ArrayList<>();
    if (top.containsKey("artifacts")) {
      Node node = top.get("artifacts").value();
      List<String> globs = yaml.strings(node, "artifacts");
      if (!globs.isEmpty()) {
        artifacts.add(new ArtifactSpec(globs, List.of(), true, yaml.at(node)));
      }
    }
    List<Notification> notifications = new ArrayList<>();
    if (top.containsKey("notify")) {
      int index = 1;
      for (Node node : yaml.sequence(top.get("notify").value(), "notify")) {
        notification(node, "notify item " + index++).ifPresent(notifications::add);
      }
    }
    Optional<SourceSpec> source =
        Optional.ofNullable(top.get("source")).flatMap(entry -> source(entry.value()));
    CrashPolicy onCrash = onCrash(top.get("on-crash"));
    yaml.throwIfProblems(name);
    return new Pipeline(
        name,
        description,
        parameters,
        env,
        source,
        container,
        matrix,
        stages,
        post,
        artifacts,
        List.of(),
        notifications,
        triggers,
        Optional.empty(),
        Optional.empty(),
        Set.of(),
        yaml.at(root),
        StageOrder.DECLARATION,
        onCrash);
  }

  /** {@code on-crash: fail} (the default) or {@code requeue} (at most three runs in all). */
  private CrashPolicy onCrash(@Nullable Entry entry) {
    if (entry == null) {
      return CrashPolicy.fail();
    }
    Optional<String> value = yaml.text(entry.value(), "on-crash");
    if (value.isEmpty() || value.get().equals("fail")) {
      return CrashPolicy.fail();
    }
    if (value.get().equals("requeue")) {
      return CrashPolicy.requeue(QueueEntry.DEFAULT_MAX_ATTEMPTS);
    }
    yaml.problem(
        entry.value(), "on-crash", "is not fail or requeue", value.get(), "write fail or requeue");
    return CrashPolicy.fail();
  }

  /** The {@code source:} mapping, as the Chengisfile's {@code :source} plus monorepo filters. */
  private Optional<SourceSpec> source(Node node) {
    String subject = "source";
    Map<String, Entry> keys = yaml.mapping(node, subject, SOURCE);
    if (keys.containsKey("type")) {
      yaml.text(keys.get("type").value(), subject + ".type")
          .filter(type -> !type.equals("git"))
          .ifPresent(
              type ->
                  yaml.problem(
                      keys.get("type").value(),
                      subject + ".type",
                      "is not supported",
                      type,
                      "write type: git"));
    }
    Optional<String> ref =
        Optional.ofNullable(keys.get("branch"))
            .flatMap(b -> yaml.text(b.value(), subject + ".branch"));
    int depth = 0;
    Entry depthEntry = keys.get("depth");
    if (depthEntry != null) {
      String text =
          depthEntry.value() instanceof ScalarNode scalar ? scalar.getValue().strip() : "";
      if (text.matches("[0-9]{1,9}")) {
        depth = Integer.parseInt(text);
      } else {
        yaml.problem(
            depthEntry.value(),
            subject + ".depth",
            "must be a whole number of commits",
            YamlFile.describe(depthEntry.value()),
            "write depth: 1 for a shallow clone, or 0 for the full history");
      }
    }
    boolean submodules =
        Optional.ofNullable(keys.get("submodules"))
            .flatMap(b -> yaml.bool(b.value(), subject + ".submodules"))
            .orElse(false);
    Optional<SecretRef> credentials = Optional.empty();
    Entry credentialsEntry = keys.get("credentials");
    if (credentialsEntry != null) {
      Optional<String> secret =
          credentialsEntry.value() instanceof ScalarNode
              ? yaml.text(credentialsEntry.value(), subject + ".credentials")
              : Optional.empty();
      if (secret.isPresent() && secret.get().matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
        credentials = secret.map(SecretRef::of);
      } else {
        // The original accepted {token: ...}: a secret in a file that lives in the repository.
        yaml.problem(
            credentialsEntry.value(),
            subject + ".credentials",
            "must name a secret, not hold one",
            credentialsEntry.value() instanceof ScalarNode
                ? "a value that is not a secret name, not shown"
                : YamlFile.describe(credentialsEntry.value()),
            "store the token or SSH key as a secret and write credentials: GIT_TOKEN");
      }
    }
    List<String> paths =
        Optional.ofNullable(keys.get("paths"))
            .map(p -> yaml.strings(p.value(), subject + ".paths"))
            .orElse(List.of());
    List<String> pathsIgnore =
        Optional.ofNullable(keys.get("paths-ignore"))
            .map(p -> yaml.strings(p.value(), subject + ".paths-ignore"))
            .orElse(List.of());
    Optional<Duration> timeout = minutes(keys.get("timeout"), subject);
    Entry url = keys.get("url");
    if (url == null) {
      if (node instanceof MappingNode) {
        yaml.problem(node, subject, "has no url", "add url: https://github.com/acme/api.git");
      }
      return Optional.empty();
    }
    Optional<SecretRef> finalCredentials = credentials;
    int finalDepth = depth;
    return yaml.text(url.value(), subject + ".url")
        .map(
            u ->
                new SourceSpec(
                    u,
                    ref,
                    finalDepth,
                    submodules,
                    finalCredentials,
                    yaml.at(node),
                    paths,
                    pathsIgnore,
                    timeout));
  }

  private Optional<Matrix> matrix(Map<String, Entry> top) {
    Entry direct = top.get("matrix");
    Entry strategy = top.get("strategy");
    Optional<Entry> nested =
        Optional.ofNullable(strategy)
            .map(s -> yaml.mapping(s.value(), "strategy", STRATEGY).get("matrix"));
    if (direct != null && nested.isPresent()) {
      yaml.problem(
          nested.get().keyNode(),
          "strategy.matrix",
          "repeats the matrix (first at " + yaml.at(direct.keyNode()) + ")",
          "keep one of matrix: and strategy.matrix:");
      return Optional.empty();
    }
    return Optional.ofNullable(direct)
        .or(() -> nested)
        .flatMap(entry -> Blocks.matrix(yaml, entry.value(), "matrix"));
  }

  private Optional<Stage> stage(Node node, int index) {
    String subject =
        YamlFile.peek(node, "name").map(n -> "stage \"" + n + "\"").orElse("stage " + index);
    Map<String, Entry> keys = yaml.mapping(node, subject, STAGE);
    Entry nameEntry = keys.get("name");
    if (nameEntry == null) {
      if (!keys.isEmpty() || !YamlFile.isNull(node)) {
        yaml.problem(node, subject, "has no name", "add name: build");
      }
      return Optional.empty();
    }
    Optional<String> name = yaml.text(nameEntry.value(), subject + " name");
    boolean parallel = Blocks.optionalBool(yaml, keys, "parallel", subject).orElse(false);
    List<String> dependsOn =
        keys.containsKey("depends-on")
            ? yaml.strings(keys.get("depends-on").value(), subject + " depends-on")
            : List.of();
    Condition condition = condition(keys, subject);
    Map<String, String> env = Blocks.optionalMap(yaml, keys, "env", subject);
    String containerSubject = subject + " container";
    Optional<ContainerSpec> container =
        Optional.ofNullable(keys.get("container"))
            .flatMap(c -> Blocks.container(yaml, c.value(), containerSubject, CONTAINER, env));
    List<ServiceSpec> services = services(keys.get("services"), subject);
    Optional<Duration> timeout = minutes(keys.get("timeout"), subject);
    List<String> labels =
        keys.containsKey("labels")
            ? yaml.strings(keys.get("labels").value(), subject + " labels")
            : List.of();
    List<CacheSpec> caches = caches(keys.get("cache"), subject);
    Optional<ResultCacheSpec> resultCache =
        Optional.ofNullable(keys.get("cache-result")).map(r -> resultCache(r, subject));
    Optional<ApprovalGate> approval =
        Optional.ofNullable(keys.get("approval")).flatMap(a -> approval(a, subject));
    List<Step> steps = steps(keys.get("steps"), subject);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Stage(
            name.get(),
            dependsOn,
            parallel,
            false,
            condition,
            container,
            services,
            env,
            steps,
            approval,
            caches,
            timeout,
            new LinkedHashSet<>(labels),
            ResourceLimits.none(),
            yaml.at(node),
            Optional.empty(),
            Map.of(),
            resultCache,
            Optional.empty()));
  }

  /**
   * A stage's {@code services:}: name to container ({@code image}, {@code env}, {@code volumes},
   * {@code workdir}, {@code user}, {@code options}) plus an optional {@code command} list.
   */
  private List<ServiceSpec> services(Entry entry, String subject) {
    List<ServiceSpec> services = new ArrayList<>();
    if (entry == null) {
      return services;
    }
    for (Entry service : yaml.mapping(entry.value(), subject + " services", List.of()).values()) {
      String serviceSubject = subject + " service \"" + service.key() + "\"";
      Map<String, String> env = new LinkedHashMap<>();
      List<String> command = List.of();
      if (service.value() instanceof org.snakeyaml.engine.v2.nodes.MappingNode mapping) {
        for (var tuple : mapping.getValue()) {
          if (tuple.getKeyNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode key
              && key.getValue().equals("command")) {
            command = yaml.strings(tuple.getValueNode(), serviceSubject + " command");
          }
        }
      }
      List<String> args = command;
      Blocks.container(yaml, service.value(), serviceSubject, SERVICE, env)
          .ifPresent(
              spec ->
                  services.add(
                      new ServiceSpec(
                          service.key(),
                          new ContainerSpec(
                              spec.image(),
                              env,
                              spec.volumes(),
                              spec.cacheVolumes(),
                              spec.workdir(),
                              spec.network(),
                              spec.pullPolicy(),
                              spec.extraArgs(),
                              spec.user(),
                              spec.resources(),
                              spec.location()),
                          args,
                          yaml.at(service.keyNode()))));
    }
    return services;
  }

  private List<CacheSpec> caches(Entry entry, String subject) {
    List<CacheSpec> caches = new ArrayList<>();
    if (entry == null) {
      return caches;
    }
    int index = 1;
    for (Node node : yaml.sequence(entry.value(), subject + " cache")) {
      String item = subject + " cache " + index++;
      Map<String, Entry> keys = yaml.mapping(node, item, CACHE);
      Optional<String> key = Optional.empty();
      if (keys.containsKey("key")) {
        key = yaml.text(keys.get("key").value(), item + " key");
      } else {
        yaml.problem(node, item, "has no key", "add key: m2-${{ hashFiles('pom.xml') }}");
      }
      List<String> paths =
          keys.containsKey("paths")
              ? yaml.strings(keys.get("paths").value(), item + " paths")
              : List.of();
      List<String> restoreKeys =
          keys.containsKey("restore-keys")
              ? yaml.strings(keys.get("restore-keys").value(), item + " restore-keys")
              : List.of();
      key.ifPresent(k -> caches.add(new CacheSpec(k, paths, restoreKeys, yaml.at(node))));
    }
    return caches;
  }

  /** A stage's {@code cache-result:} mapping of {@code inputs} globs and {@code outputs} paths. */
  private ResultCacheSpec resultCache(Entry entry, String subject) {
    String item = subject + " cache-result";
    Map<String, Entry> keys = yaml.mapping(entry.value(), item, CACHE_RESULT);
    return new ResultCacheSpec(
        Blocks.optionalList(yaml, keys, "inputs", item),
        Blocks.optionalList(yaml, keys, "outputs", item),
        yaml.at(entry.value()));
  }

  private Optional<ApprovalGate> approval(Entry entry, String subject) {
    String item = subject + " approval";
    Map<String, Entry> keys = yaml.mapping(entry.value(), item, APPROVAL);
    String message = Blocks.optionalString(yaml, keys, "message", item).orElse("Approve?");
    List<String> approvers =
        keys.containsKey("approvers")
            ? yaml.strings(keys.get("approvers").value(), item + " approvers")
            : List.of();
    List<String> roles =
        keys.containsKey("roles")
            ? yaml.strings(keys.get("roles").value(), item + " roles")
            : List.of();
    int minApprovals =
        Optional.ofNullable(keys.get("min-approvals"))
            .flatMap(m -> yaml.positiveInt(m.value(), item + " min-approvals", "approvals"))
            .orElse(1);
    Optional<Duration> timeout = minutes(keys.get("timeout"), item);
    return Optional.of(
        new ApprovalGate(message, approvers, roles, minApprovals, timeout, yaml.at(entry.value())));
  }

  private Condition condition(Map<String, Entry> keys, String subject) {
    Entry expression = keys.get("if");
    Entry when = keys.get("when");
    if (expression != null && when != null) {
      yaml.problem(
          when.keyNode(),
          subject,
          "has both if and when",
          "keep one: if: takes an expression, when: a branch or parameter");
      return Condition.ALWAYS;
    }
    if (expression != null) {
      return yaml.string(expression.value(), subject + " if")
          .<Condition>map(Condition.Expression::new)
          .orElse(Condition.ALWAYS);
    }
    if (when == null) {
      return Condition.ALWAYS;
    }
    Map<String, Entry> rule = yaml.mapping(when.value(), subject + " when", WHEN);
    if (rule.containsKey("branch") && !rule.containsKey("param") && !rule.containsKey("value")) {
      return yaml.text(rule.get("branch").value(), subject + " when.branch")
          .<Condition>map(Condition.OnBranch::new)
          .orElse(Condition.ALWAYS);
    }
    if (rule.containsKey("param") && rule.containsKey("value") && !rule.containsKey("branch")) {
      Optional<String> param = yaml.text(rule.get("param").value(), subject + " when.param");
      Optional<String> value = yaml.string(rule.get("value").value(), subject + " when.value");
      if (param.isPresent() && value.isPresent()) {
        return new Condition.ParamEquals(param.get(), value.get());
      }
      return Condition.ALWAYS;
    }
    yaml.problem(
        when.value(),
        subject + " when",
        "must name a branch or a param and a value",
        "write when: {branch: main} or when: {param: env, value: prod}");
    return Condition.ALWAYS;
  }

  private Optional<Duration> minutes(Entry entry, String subject) {
    return entry == null
        ? Optional.empty()
        : yaml.positiveInt(entry.value(), subject + " " + entry.key(), "minutes")
            .map(Duration::ofMinutes);
  }

  private List<Step> steps(Entry entry, String subject) {
    List<Step> steps = new ArrayList<>();
    if (entry == null) {
      return steps;
    }
    int index = 1;
    for (Node node : yaml.sequence(entry.value(), subject + " steps")) {
      step(node, subject + " step " + index++).ifPresent(steps::add);
    }
    return steps;
  }

  private Optional<Step> step(Node node, String subject) {
    Map<String, Entry> keys = yaml.mapping(node, subject, STEP);
    Optional<String> name = Optional.empty();
    if (keys.containsKey("name")) {
      name = yaml.text(keys.get("name").value(), subject + " name");
    } else {
      yaml.problem(node, subject, "has no name", "add name: test");
    }
    Optional<String> run = Optional.empty();
    if (keys.containsKey("run")) {
      run = yaml.string(keys.get("run").value(), subject + " run");
    } else if (!keys.isEmpty() || !YamlFile.isNull(node)) {
      yaml.problem(node, subject, "has no run", "add run: ./mvnw -B verify");
    }
    Optional<String> shell = Blocks.optionalString(yaml, keys, "shell", subject);
    Map<String, String> env = Blocks.optionalMap(yaml, keys, "env", subject);
    Entry dir = keys.get("dir");
    Entry workingDirectory = keys.get("working-directory");
    if (dir != null && workingDirectory != null) {
      yaml.problem(
          workingDirectory.keyNode(),
          subject,
          "has both dir and working-directory",
          "keep one of them");
    }
    Optional<String> workingDir =
        Optional.ofNullable(dir != null ? dir : workingDirectory)
            .flatMap(d -> yaml.text(d.value(), subject + " " + d.key()));
    Optional<Duration> timeout = minutes(keys.get("timeout"), subject);
    boolean continueOnError =
        Blocks.optionalBool(yaml, keys, "continue-on-error", subject).orElse(false);
    Condition condition =
        Optional.ofNullable(keys.get("if"))
            .flatMap(c -> yaml.string(c.value(), subject + " if"))
            .<Condition>map(Condition.Expression::new)
            .orElse(Condition.ALWAYS);
    Optional<String> image = Blocks.optionalString(yaml, keys, "image", subject);
    if (name.isEmpty() || run.isEmpty()) {
      return Optional.empty();
    }
    StepAction action =
        image.isPresent()
            ? new StepAction.Container(
                new ContainerSpec(
                    image.get(),
                    List.of(),
                    Map.of(),
                    Optional.empty(),
                    Optional.empty(),
                    io.chengis.api.PullPolicy.IF_NOT_PRESENT,
                    List.of(),
                    Optional.empty(),
                    ResourceLimits.none(),
                    yaml.at(keys.get("image").value())),
                run.get())
            : new StepAction.Shell(run.get(), shell);
    return Optional.of(
        new Step(
            name.get(),
            action,
            env,
            workingDir,
            timeout,
            condition,
            RetryPolicy.none(),
            continueOnError,
            List.of(),
            yaml.at(node)));
  }

  private PostActions post(Entry entry) {
    if (entry == null) {
      return PostActions.none();
    }
    Map<String, Entry> keys = yaml.mapping(entry.value(), "post", POST);
    return new PostActions(
        steps(keys.get("always"), "post always"),
        steps(either(keys, "on-success", "on_success"), "post on-success"),
        steps(either(keys, "on-failure", "on_failure"), "post on-failure"),
        List.of());
  }

  private Entry either(Map<String, Entry> keys, String first, String second) {
    Entry a = keys.get(first);
    Entry b = keys.get(second);
    if (a != null && b != null) {
      yaml.problem(b.keyNode(), "post", "has both " + first + " and " + second, "keep " + first);
    }
    return a != null ? a : b;
  }

  private Optional<Notification> notification(Node node, String subject) {
    Map<String, Entry> keys = yaml.mapping(node, subject, List.of());
    Map<String, String> config = new LinkedHashMap<>();
    Optional<String> type = Optional.empty();
    NotifyWhen when = NotifyWhen.ALWAYS;
    for (Entry entry : keys.values()) {
      switch (entry.key()) {
        case "type" -> type = yaml.text(entry.value(), subject + " type");
        case "when" -> {
          Optional<String> text = yaml.string(entry.value(), subject + " when");
          if (text.isPresent()) {
            switch (text.get()) {
              case "always" -> when = NotifyWhen.ALWAYS;
              case "on-success" -> when = NotifyWhen.ON_SUCCESS;
              case "on-failure" -> when = NotifyWhen.ON_FAILURE;
              case "on-change" -> when = NotifyWhen.ON_CHANGE;
              default ->
                  yaml.problem(
                      entry.value(),
                      subject + " when",
                      "is not supported",
                      text.get(),
                      "use one of: always, on-success, on-failure, on-change");
            }
          }
        }
        default ->
            yaml.string(entry.value(), subject + " " + entry.key())
                .ifPresent(value -> config.put(entry.key(), value));
      }
    }
    if (type.isEmpty()) {
      if (!keys.containsKey("type") && node instanceof org.snakeyaml.engine.v2.nodes.MappingNode) {
        yaml.problem(node, subject, "has no type", "add type: slack");
      }
      return Optional.empty();
    }
    return Optional.of(new Notification(type.get(), config, when, yaml.at(node)));
  }
}
