package io.chengis.dsl.format.internal;

import io.chengis.api.ApprovalGate;
import io.chengis.api.ArtifactSpec;
import io.chengis.api.CacheSpec;
import io.chengis.api.Condition;
import io.chengis.api.ContainerSpec;
import io.chengis.api.Matrix;
import io.chengis.api.Notification;
import io.chengis.api.NotifyWhen;
import io.chengis.api.Parameter;
import io.chengis.api.ParameterType;
import io.chengis.api.Pipeline;
import io.chengis.api.PostActions;
import io.chengis.api.PullPolicy;
import io.chengis.api.ResourceLimits;
import io.chengis.api.ResultCacheSpec;
import io.chengis.api.RetryPolicy;
import io.chengis.api.SecretRef;
import io.chengis.api.SourceSpec;
import io.chengis.api.Stage;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import io.chengis.api.spi.PipelineSource;
import io.chengis.dsl.format.internal.EdnFile.Entry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Chengisfile: the original Chengis's EDN pipeline map ({@code dsl/chengisfile.clj}) with
 * the keys its DSL knew ({@code :depends-on}, {@code :cache}, step {@code :when}) and the model's
 * extras ({@code :name}, {@code :env}, {@code :parameters}, {@code :source}).
 */
final class Chengisfile {
  static final List<String> TOP =
      List.of(
          "name",
          "description",
          "parameters",
          "env",
          "source",
          "container",
          "matrix",
          "stages",
          "post",
          "artifacts",
          "notify");
  static final List<String> STAGE =
      List.of(
          "name",
          "parallel",
          "when",
          "depends-on",
          "container",
          "env",
          "cache",
          "cache-result",
          "approval",
          "steps");
  static final List<String> STEP =
      List.of(
          "name",
          "run",
          "env",
          "dir",
          "timeout",
          "when",
          "continue-on-error",
          "image",
          "volumes",
          "workdir",
          "network");
  static final List<String> CONTAINER =
      List.of(
          "image",
          "volumes",
          "workdir",
          "network",
          "pull-policy",
          "docker-args",
          "cache-volumes",
          "user");
  static final List<String> WHEN = List.of("branch", "param", "value");
  static final List<String> APPROVAL =
      List.of("message", "role", "roles", "approver-group", "min-approvals", "timeout-minutes");
  static final List<String> CACHE = List.of("key", "paths", "restore-keys");
  static final List<String> CACHE_RESULT = List.of("inputs", "outputs");
  static final List<String> POST = List.of("always", "on-success", "on-failure", "on-cancel");
  static final List<String> PARAMETER =
      List.of("name", "type", "description", "default", "choices");
  static final List<String> PARAMETER_TYPES = List.of("text", "choice", "boolean", "number");
  static final List<String> SOURCE =
      List.of("type", "url", "branch", "depth", "submodules", "credentials", "timeout");

  private final EdnFile edn;

  private Chengisfile(EdnFile edn) {
    this.edn = edn;
  }

  static Pipeline parse(PipelineSource source) {
    String fallbackName = defaultName(source.fileName());
    Edn root = EdnReader.read(source.fileName(), fallbackName, source.text());
    return new Chengisfile(new EdnFile(source.fileName())).pipeline(root, fallbackName);
  }

  /**
   * A Chengisfile names no pipeline (the original took the job's name): the directory holding it
   * does, as a repository's name usually is its job's.
   */
  static String defaultName(String fileName) {
    String path = fileName.replace('\\', '/');
    int slash = path.lastIndexOf('/');
    String name = path.substring(slash + 1);
    if (name.equals("Chengisfile") || name.equals("Chengisfile.edn")) {
      String directory = slash < 0 ? "" : path.substring(0, slash);
      String parent = directory.substring(directory.lastIndexOf('/') + 1);
      String stem = parent.equals(".") || parent.equals("..") ? "" : Blocks.stem(parent);
      return stem.isEmpty() || stem.equals("pipeline") ? "chengisfile" : stem;
    }
    return Blocks.stem(name);
  }

  private Pipeline pipeline(Edn root, String fallbackName) {
    Map<String, Entry> top = edn.map(root, "Chengisfile", TOP);
    String name = fallbackName;
    if (top.containsKey("name")) {
      Optional<String> given = edn.text(top.get("name").value(), "pipeline name");
      if (given.isPresent() && !Blocks.PIPELINE_NAME.matcher(given.get()).matches()) {
        edn.problem(
            top.get("name").value(),
            "pipeline name",
            "is invalid",
            given.get(),
            "use 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
      } else if (given.isPresent()) {
        name = given.get();
      }
    }
    String description =
        Optional.ofNullable(top.get("description"))
            .flatMap(d -> edn.string(d.value(), "description"))
            .orElse("");
    Map<String, String> env =
        Optional.ofNullable(top.get("env"))
            .map(e -> edn.stringMap(e.value(), "env"))
            .orElseGet(LinkedHashMap::new);
    List<Parameter> parameters = new ArrayList<>();
    if (top.containsKey("parameters")) {
      int index = 1;
      for (Edn node : edn.vector(top.get("parameters").value(), ":parameters")) {
        parameter(node, "parameter " + index++).ifPresent(parameters::add);
      }
    }
    Optional<SourceSpec> source =
        Optional.ofNullable(top.get("source")).flatMap(s -> source(s.value()));
    Optional<ContainerSpec> container =
        Optional.ofNullable(top.get("container"))
            .flatMap(c -> container(c.value(), "pipeline :container"));
    Optional<Matrix> matrix = Optional.ofNullable(top.get("matrix")).flatMap(this::matrix);
    List<Stage> stages = new ArrayList<>();
    Entry stagesEntry = top.get("stages");
    if (stagesEntry == null) {
      if (root instanceof Edn.EMap) {
        edn.problem(
            root,
            "Chengisfile",
            "has no :stages",
            "add :stages [{:name \"Build\" :steps [{:name \"compile\" :run \"make\"}]}]");
      }
    } else {
      List<Edn> nodes = edn.vector(stagesEntry.value(), ":stages");
      if (nodes.isEmpty() && stagesEntry.value() instanceof Edn.Vector) {
        edn.problem(stagesEntry.value(), ":stages", "must not be empty", "add at least one stage");
      }
      int index = 1;
      for (Edn node : nodes) {
        stage(node, index++).ifPresent(stages::add);
      }
    }
    PostActions post =
        Optional.ofNullable(top.get("post")).map(this::post).orElse(PostActions.none());
    List<ArtifactSpec> artifacts = new ArrayList<>();
    if (top.containsKey("artifacts")) {
      Edn node = top.get("artifacts").value();
      List<String> globs = edn.strings(node, ":artifacts");
      if (!globs.isEmpty()) {
        artifacts.add(new ArtifactSpec(globs, List.of(), true, edn.at(node)));
      }
    }
    List<Notification> notifications = new ArrayList<>();
    if (top.containsKey("notify")) {
      int index = 1;
      for (Edn node : edn.vector(top.get("notify").value(), ":notify")) {
        notification(node, ":notify item " + index++).ifPresent(notifications::add);
      }
    }
    edn.throwIfProblems(name);
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
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Set.of(),
        edn.at(root));
  }

  private Optional<Parameter> parameter(Edn node, String subject) {
    Map<String, Entry> keys = edn.map(node, subject, PARAMETER);
    Entry nameEntry = keys.get("name");
    if (nameEntry == null) {
      if (node instanceof Edn.EMap) {
        edn.problem(node, subject, "has no :name", "add :name \"target\"");
      }
      return Optional.empty();
    }
    Optional<String> name = edn.name(nameEntry.value(), subject + " :name");
    String typeName =
        Optional.ofNullable(keys.get("type"))
            .flatMap(t -> edn.name(t.value(), subject + " :type"))
            .orElse("text");
    ParameterType type =
        switch (typeName) {
          case "text", "string" -> ParameterType.TEXT;
          case "choice" -> ParameterType.CHOICE;
          case "boolean" -> ParameterType.BOOLEAN;
          case "number" -> ParameterType.NUMBER;
          default -> null;
        };
    if (type == null) {
      edn.problem(
          keys.get("type").value(),
          subject + " :type",
          "is not supported",
          typeName,
          "use one of: :" + String.join(", :", PARAMETER_TYPES));
      return Optional.empty();
    }
    String description =
        Optional.ofNullable(keys.get("description"))
            .flatMap(d -> edn.string(d.value(), subject + " :description"))
            .orElse("");
    List<String> choices =
        Optional.ofNullable(keys.get("choices"))
            .map(c -> edn.strings(c.value(), subject + " :choices"))
            .orElse(List.of());
    Optional<String> defaultValue =
        Optional.ofNullable(keys.get("default"))
            .flatMap(d -> edn.scalar(d.value(), subject + " :default"));
    if (defaultValue.isEmpty() && type == ParameterType.CHOICE) {
      defaultValue = choices.stream().findFirst();
    }
    if (defaultValue.isEmpty() && type == ParameterType.BOOLEAN) {
      defaultValue = Optional.of("false");
    }
    Optional<String> finalDefault = defaultValue;
    return name.map(
        n ->
            new Parameter(
                n, type, description, finalDefault, choices, edn.at(nameEntry.keyNode())));
  }

  private Optional<SourceSpec> source(Edn node) {
    String subject = ":source";
    Map<String, Entry> keys = edn.map(node, subject, SOURCE);
    if (keys.containsKey("type")) {
      edn.name(keys.get("type").value(), subject + " :type")
          .filter(type -> !type.equals("git"))
          .ifPresent(
              type ->
                  edn.problem(
                      keys.get("type").value(),
                      subject + " :type",
                      "is not supported",
                      type,
                      "write :type :git"));
    }
    Entry url = keys.get("url");
    if (url == null) {
      if (node instanceof Edn.EMap) {
        edn.problem(node, subject, "has no :url", "add :url \"https://github.com/acme/api.git\"");
      }
      return Optional.empty();
    }
    Optional<String> ref =
        Optional.ofNullable(keys.get("branch"))
            .flatMap(b -> edn.text(b.value(), subject + " :branch"));
    int depth =
        Optional.ofNullable(keys.get("depth"))
            .flatMap(d -> edn.naturalInt(d.value(), subject + " :depth", "commits"))
            .orElse(0);
    boolean submodules =
        Optional.ofNullable(keys.get("submodules"))
            .flatMap(s -> edn.bool(s.value(), subject + " :submodules"))
            .orElse(false);
    Optional<SecretRef> credentials = Optional.empty();
    Entry credentialsEntry = keys.get("credentials");
    if (credentialsEntry != null) {
      if (credentialsEntry.value() instanceof Edn.EMap) {
        // The original accepted {:token "..."}: a secret in a file that lives in the repository.
        edn.problem(
            credentialsEntry.value(),
            subject + " :credentials",
            "must name a secret, not hold one",
            credentialsEntry.value().describe(),
            "store the token or SSH key as a secret and write :credentials \"GIT_TOKEN\"");
      } else {
        credentials =
            edn.name(credentialsEntry.value(), subject + " :credentials").map(SecretRef::of);
      }
    }
    // Milliseconds, like a step's :timeout: a Chengisfile keeps one unit for timeouts.
    Optional<Duration> timeout =
        Optional.ofNullable(keys.get("timeout"))
            .flatMap(t -> edn.positiveInt(t.value(), subject + " :timeout", "milliseconds"))
            .map(Duration::ofMillis);
    Optional<String> location = edn.text(url.value(), subject + " :url");
    Optional<SecretRef> finalCredentials = credentials;
    return location.map(
        u ->
            new SourceSpec(
                u,
                ref,
                depth,
                submodules,
                finalCredentials,
                edn.at(node),
                List.of(),
                List.of(),
                timeout));
  }

  private Optional<ContainerSpec> container(Edn node, String subject) {
    Map<String, Entry> keys = edn.map(node, subject, CONTAINER);
    Entry image = keys.get("image");
    if (image == null) {
      if (node instanceof Edn.EMap) {
        edn.problem(node, subject, "has no :image", "add :image \"eclipse-temurin:21\"");
      }
      return Optional.empty();
    }
    List<String> volumes =
        Optional.ofNullable(keys.get("volumes"))
            .map(v -> edn.strings(v.value(), subject + " :volumes"))
            .orElse(List.of());
    Map<String, String> cacheVolumes =
        Optional.ofNullable(keys.get("cache-volumes"))
            .map(v -> edn.stringMap(v.value(), subject + " :cache-volumes"))
            .orElse(Map.of());
    Optional<String> workdir =
        Optional.ofNullable(keys.get("workdir"))
            .flatMap(w -> edn.text(w.value(), subject + " :workdir"));
    Optional<String> network =
        Optional.ofNullable(keys.get("network"))
            .flatMap(w -> edn.text(w.value(), subject + " :network"));
    Optional<String> user =
        Optional.ofNullable(keys.get("user")).flatMap(w -> edn.text(w.value(), subject + " :user"));
    PullPolicy pullPolicy = PullPolicy.IF_NOT_PRESENT;
    Entry pull = keys.get("pull-policy");
    if (pull != null) {
      Optional<String> policy = edn.name(pull.value(), subject + " :pull-policy");
      if (policy.isPresent()) {
        switch (policy.get()) {
          case "always" -> pullPolicy = PullPolicy.ALWAYS;
          case "if-not-present" -> pullPolicy = PullPolicy.IF_NOT_PRESENT;
          case "never" -> pullPolicy = PullPolicy.NEVER;
          default ->
              edn.problem(
                  pull.value(),
                  subject + " :pull-policy",
                  "is not supported",
                  policy.get(),
                  "use one of: :always, :if-not-present, :never");
        }
      }
    }
    List<String> extraArgs =
        Optional.ofNullable(keys.get("docker-args"))
            .map(a -> edn.strings(a.value(), subject + " :docker-args"))
            .orElse(List.of());
    Optional<String> imageName = edn.text(image.value(), subject + " :image");
    PullPolicy finalPull = pullPolicy;
    return imageName.map(
        i ->
            new ContainerSpec(
                i,
                volumes,
                cacheVolumes,
                workdir,
                network,
                finalPull,
                extraArgs,
                user,
                ResourceLimits.none(),
                edn.at(node)));
  }

  private Optional<Matrix> matrix(Entry entry) {
    String subject = ":matrix";
    Map<String, List<String>> axes = new LinkedHashMap<>();
    List<Map<String, String>> include = new ArrayList<>();
    List<Map<String, String>> exclude = new ArrayList<>();
    Edn node = entry.value();
    if (!(node instanceof Edn.EMap map)) {
      edn.problem(node, subject, "must be a map", node.describe(), "write {:jdk [\"17\" \"21\"]}");
      return Optional.empty();
    }
    for (Edn.Entry item : map.entries()) {
      Optional<String> key = edn.name(item.key(), subject + " axis");
      if (key.isEmpty()) {
        continue;
      }
      switch (key.get()) {
        case "include" -> combinations(item.value(), subject + " :include", include);
        case "exclude" -> combinations(item.value(), subject + " :exclude", exclude);
        default -> axes.put(key.get(), edn.strings(item.value(), subject + " axis :" + key.get()));
      }
    }
    return Optional.of(
        new Matrix(axes, include, exclude, Matrix.DEFAULT_MAX_COMBINATIONS, edn.at(node)));
  }

  private void combinations(Edn node, String subject, List<Map<String, String>> into) {
    int index = 1;
    for (Edn item : edn.vector(node, subject)) {
      into.add(edn.stringMap(item, subject + " item " + index++));
    }
  }

  private Optional<Stage> stage(Edn node, int index) {
    String named = "stage " + index;
    if (node instanceof Edn.EMap map) {
      for (Edn.Entry e : map.entries()) {
        if (e.key() instanceof Edn.Keyword k
            && k.name().equals("name")
            && e.value() instanceof Edn.Str s) {
          named = "stage " + index + " (" + s.value() + ")";
        }
      }
    }
    String subject = named;
    Map<String, Entry> keys = edn.map(node, subject, STAGE);
    Entry nameEntry = keys.get("name");
    Optional<String> name = Optional.empty();
    if (nameEntry == null) {
      if (node instanceof Edn.EMap) {
        edn.problem(node, subject, "has no :name", "add :name \"Build\"");
      }
    } else {
      name = edn.text(nameEntry.value(), subject + " :name");
    }
    boolean parallel =
        Optional.ofNullable(keys.get("parallel"))
            .flatMap(p -> edn.bool(p.value(), subject + " :parallel"))
            .orElse(false);
    Condition condition =
        Optional.ofNullable(keys.get("when"))
            .map(w -> when(w.value(), subject + " :when"))
            .orElse(Condition.ALWAYS);
    List<String> dependsOn =
        Optional.ofNullable(keys.get("depends-on"))
            .map(d -> edn.strings(d.value(), subject + " :depends-on"))
            .orElse(List.of());
    Optional<ContainerSpec> container =
        Optional.ofNullable(keys.get("container"))
            .flatMap(c -> container(c.value(), subject + " :container"));
    Map<String, String> env =
        Optional.ofNullable(keys.get("env"))
            .map(e -> edn.stringMap(e.value(), subject + " :env"))
            .orElseGet(LinkedHashMap::new);
    List<CacheSpec> caches = new ArrayList<>();
    if (keys.containsKey("cache")) {
      int cacheIndex = 1;
      for (Edn item : edn.vector(keys.get("cache").value(), subject + " :cache")) {
        cache(item, subject + " cache " + cacheIndex++).ifPresent(caches::add);
      }
    }
    Optional<ResultCacheSpec> resultCache =
        Optional.ofNullable(keys.get("cache-result"))
            .map(r -> resultCache(r.value(), subject + " :cache-result"));
    Optional<ApprovalGate> approval =
        Optional.ofNullable(keys.get("approval"))
            .flatMap(a -> approval(a.value(), subject + " :approval"));
    List<Step> steps = new ArrayList<>();
    Entry stepsEntry = keys.get("steps");
    if (stepsEntry == null) {
      if (node instanceof Edn.EMap) {
        edn.problem(
            node, subject, "has no :steps", "add :steps [{:name \"compile\" :run \"make\"}]");
      }
    } else {
      List<Edn> nodes = edn.vector(stepsEntry.value(), subject + " :steps");
      if (nodes.isEmpty() && stepsEntry.value() instanceof Edn.Vector) {
        edn.problem(
            stepsEntry.value(), subject + " :steps", "must not be empty", "add at least one step");
      }
      int stepIndex = 1;
      for (Edn item : nodes) {
        step(item, subject + " step " + stepIndex++).ifPresent(steps::add);
      }
    }
    return name.map(
        n ->
            new Stage(
                n,
                dependsOn,
                parallel,
                false,
                condition,
                container,
                List.of(),
                env,
                steps,
                approval,
                caches,
                Optional.empty(),
                Set.of(),
                ResourceLimits.none(),
                edn.at(node),
                Optional.empty(),
                Map.of(),
                resultCache,
                Optional.empty()));
  }

  /** {@code {:inputs ["src/**"] :outputs ["target/app.jar"]}}. */
  private ResultCacheSpec resultCache(Edn node, String subject) {
    Map<String, Entry> keys = edn.map(node, subject, CACHE_RESULT);
    List<List<String>> lists = new ArrayList<>();
    for (String name : CACHE_RESULT) {
      lists.add(
          Optional.ofNullable(keys.get(name))
              .map(list -> edn.strings(list.value(), subject + " :" + name))
              .orElse(List.of()));
    }
    return new ResultCacheSpec(lists.get(0), lists.get(1), edn.at(node));
  }

  /** {@code {:branch "main"}} or {@code {:param "env" :value "prod"}}. */
  private Condition when(Edn node, String subject) {
    Map<String, Entry> rule = edn.map(node, subject, WHEN);
    if (!(node instanceof Edn.EMap)) {
      return Condition.ALWAYS;
    }
    if (rule.containsKey("branch") && !rule.containsKey("param") && !rule.containsKey("value")) {
      return edn.text(rule.get("branch").value(), subject + " :branch")
          .<Condition>map(Condition.OnBranch::new)
          .orElse(Condition.ALWAYS);
    }
    if (rule.containsKey("param") && rule.containsKey("value") && !rule.containsKey("branch")) {
      Optional<String> param = edn.name(rule.get("param").value(), subject + " :param");
      Optional<String> value = edn.scalar(rule.get("value").value(), subject + " :value");
      if (param.isPresent() && value.isPresent()) {
        return new Condition.ParamEquals(param.get(), value.get());
      }
      return Condition.ALWAYS;
    }
    edn.problem(
        node,
        subject,
        "must name a :branch, or a :param and a :value",
        "write {:branch \"main\"} or {:param :env :value \"prod\"}");
    return Condition.ALWAYS;
  }

  private Optional<CacheSpec> cache(Edn node, String subject) {
    Map<String, Entry> keys = edn.map(node, subject, CACHE);
    Optional<String> key = Optional.empty();
    if (keys.containsKey("key")) {
      key = edn.text(keys.get("key").value(), subject + " :key");
    } else if (node instanceof Edn.EMap) {
      edn.problem(node, subject, "has no :key", "add :key \"m2-${{ hashFiles('pom.xml') }}\"");
    }
    List<String> paths =
        Optional.ofNullable(keys.get("paths"))
            .map(p -> edn.strings(p.value(), subject + " :paths"))
            .orElse(List.of());
    List<String> restoreKeys =
        Optional.ofNullable(keys.get("restore-keys"))
            .map(p -> edn.strings(p.value(), subject + " :restore-keys"))
            .orElse(List.of());
    return key.map(k -> new CacheSpec(k, paths, restoreKeys, edn.at(node)));
  }

  private Optional<ApprovalGate> approval(Edn node, String subject) {
    Map<String, Entry> keys = edn.map(node, subject, APPROVAL);
    if (!(node instanceof Edn.EMap)) {
      return Optional.empty();
    }
    String message =
        Optional.ofNullable(keys.get("message"))
            .flatMap(m -> edn.string(m.value(), subject + " :message"))
            .orElse("Approve this stage?");
    List<String> approvers =
        Optional.ofNullable(keys.get("approver-group"))
            .map(a -> edn.strings(a.value(), subject + " :approver-group"))
            .orElse(List.of());
    List<String> roles = new ArrayList<>();
    Optional.ofNullable(keys.get("role"))
        .flatMap(r -> edn.name(r.value(), subject + " :role"))
        .ifPresent(roles::add);
    Optional.ofNullable(keys.get("roles"))
        .map(r -> edn.strings(r.value(), subject + " :roles"))
        .ifPresent(roles::addAll);
    int minApprovals =
        Optional.ofNullable(keys.get("min-approvals"))
            .flatMap(m -> edn.positiveInt(m.value(), subject + " :min-approvals", "approvals"))
            .orElse(1);
    Optional<Duration> timeout =
        Optional.ofNullable(keys.get("timeout-minutes"))
            .flatMap(t -> edn.positiveInt(t.value(), subject + " :timeout-minutes", "minutes"))
            .map(Duration::ofMinutes);
    return Optional.of(
        new ApprovalGate(message, approvers, roles, minApprovals, timeout, edn.at(node)));
  }

  private Optional<Step> step(Edn node, String position) {
    Map<String, Entry> keys = edn.map(node, position, STEP);
    Optional<String> name = Optional.empty();
    if (keys.containsKey("name")) {
      name = edn.text(keys.get("name").value(), position + " :name");
    } else if (node instanceof Edn.EMap) {
      edn.problem(node, position, "has no :name", "add :name \"test\"");
    }
    String subject = name.map(n -> position + " (" + n + ")").orElse(position);
    Optional<String> run = Optional.empty();
    if (keys.containsKey("run")) {
      run = edn.string(keys.get("run").value(), subject + " :run");
    } else if (node instanceof Edn.EMap) {
      edn.problem(node, subject, "has no :run", "add :run \"./mvnw -B verify\"");
    }
    Map<String, String> env =
        Optional.ofNullable(keys.get("env"))
            .map(e -> edn.stringMap(e.value(), subject + " :env"))
            .orElseGet(LinkedHashMap::new);
    Optional<String> dir =
        Optional.ofNullable(keys.get("dir")).flatMap(d -> edn.text(d.value(), "step :dir"));
    String timeoutSubject = subject + " :timeout";
    // The original's step timeouts are milliseconds; Chengisfiles keep that unit.
    Optional<Duration> timeout =
        Optional.ofNullable(keys.get("timeout"))
            .flatMap(t -> edn.positiveInt(t.value(), timeoutSubject, "milliseconds"))
            .map(Duration::ofMillis);
    String whenSubject = subject + " :when";
    Condition condition =
        Optional.ofNullable(keys.get("when"))
            .map(w -> when(w.value(), whenSubject))
            .orElse(Condition.ALWAYS);
    String continueSubject = subject + " :continue-on-error";
    boolean continueOnError =
        Optional.ofNullable(keys.get("continue-on-error"))
            .flatMap(c -> edn.bool(c.value(), continueSubject))
            .orElse(false);
    StepAction action = null;
    if (run.isPresent()) {
      Entry image = keys.get("image");
      if (image == null) {
        for (String dockerOnly : List.of("volumes", "workdir", "network")) {
          if (keys.containsKey(dockerOnly)) {
            edn.problem(
                keys.get(dockerOnly).keyNode(),
                subject,
                "sets :" + dockerOnly + " without :image",
                "add :image \"alpine:3\", or remove :" + dockerOnly);
          }
        }
        action = new StepAction.Shell(run.get(), Optional.empty());
      } else {
        Map<String, Entry> containerKeys = new LinkedHashMap<>(keys);
        containerKeys.keySet().retainAll(List.of("image", "volumes", "workdir", "network"));
        String containerSubject = subject;
        Optional<ContainerSpec> container = stepContainer(node, containerKeys, containerSubject);
        if (container.isPresent()) {
          action = new StepAction.Container(container.get(), run.get());
        }
      }
    }
    if (name.isEmpty() || action == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Step(
            name.get(),
            action,
            env,
            dir,
            timeout,
            condition,
            RetryPolicy.none(),
            continueOnError,
            List.of(),
            edn.at(node)));
  }

  private Optional<ContainerSpec> stepContainer(Edn node, Map<String, Entry> keys, String subject) {
    Optional<String> image = edn.text(keys.get("image").value(), subject + " :image");
    List<String> volumes =
        Optional.ofNullable(keys.get("volumes"))
            .map(v -> edn.strings(v.value(), subject + " :volumes"))
            .orElse(List.of());
    Optional<String> workdir =
        Optional.ofNullable(keys.get("workdir"))
            .flatMap(w -> edn.text(w.value(), subject + " :workdir"));
    Optional<String> network =
        Optional.ofNullable(keys.get("network"))
            .flatMap(w -> edn.text(w.value(), subject + " :network"));
    return image.map(
        i ->
            new ContainerSpec(
                i,
                volumes,
                Map.of(),
                workdir,
                network,
                PullPolicy.IF_NOT_PRESENT,
                List.of(),
                Optional.empty(),
                ResourceLimits.none(),
                edn.at(keys.get("image").value())));
  }

  private PostActions post(Entry entry) {
    Map<String, Entry> keys = edn.map(entry.value(), ":post", POST);
    return new PostActions(
        postSteps(keys.get("always"), ":post :always"),
        postSteps(keys.get("on-success"), ":post :on-success"),
        postSteps(keys.get("on-failure"), ":post :on-failure"),
        postSteps(keys.get("on-cancel"), ":post :on-cancel"));
  }

  private List<Step> postSteps(Entry entry, String subject) {
    List<Step> steps = new ArrayList<>();
    if (entry == null) {
      return steps;
    }
    int index = 1;
    for (Edn node : edn.vector(entry.value(), subject)) {
      step(node, subject + " step " + index++).ifPresent(steps::add);
    }
    return steps;
  }

  private Optional<Notification> notification(Edn node, String subject) {
    Map<String, Entry> keys = edn.map(node, subject, List.of());
    Map<String, String> config = new LinkedHashMap<>();
    Optional<String> type = Optional.empty();
    NotifyWhen when = NotifyWhen.ALWAYS;
    for (Entry entry : keys.values()) {
      switch (entry.key()) {
        case "type" -> type = edn.name(entry.value(), subject + " :type");
        case "when" -> {
          Optional<String> text = edn.name(entry.value(), subject + " :when");
          if (text.isPresent()) {
            switch (text.get()) {
              case "always" -> when = NotifyWhen.ALWAYS;
              case "on-success" -> when = NotifyWhen.ON_SUCCESS;
              case "on-failure" -> when = NotifyWhen.ON_FAILURE;
              case "on-change" -> when = NotifyWhen.ON_CHANGE;
              default ->
                  edn.problem(
                      entry.value(),
                      subject + " :when",
                      "is not supported",
                      text.get(),
                      "use one of: :always, :on-success, :on-failure, :on-change");
            }
          }
        }
        default ->
            edn.scalar(entry.value(), subject + " :" + entry.key())
                .ifPresent(value -> config.put(entry.key(), value));
      }
    }
    if (type.isEmpty()) {
      if (!keys.containsKey("type") && node instanceof Edn.EMap) {
        edn.problem(node, subject, "has no :type", "add :type :slack");
      }
      return Optional.empty();
    }
    return Optional.of(new Notification(type.get(), config, when, edn.at(node)));
  }
}
