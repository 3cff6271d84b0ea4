package io.chengis.dsl.format.internal;

import io.chengis.api.ArtifactSpec;
import io.chengis.api.CacheSpec;
import io.chengis.api.StepAction;
import io.chengis.api.internal.guard.PluginGuard;
import io.chengis.api.spi.ActionMapper;
import io.chengis.api.spi.ActionProvider;
import io.chengis.api.spi.ActionUse;
import io.chengis.api.spi.ProviderContext;
import io.chengis.dsl.format.internal.YamlFile.Entry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * What a workflow's {@code uses:} steps become. Built in: {@code actions/checkout} (a {@code
 * checkout} plugin step), {@code actions/cache} (a cache of the stage), {@code
 * actions/upload-artifact} and {@code actions/download-artifact} ({@code upload-artifact} and
 * {@code download-artifact} plugin steps, which the engine runs itself: the files are stored under
 * the name and restored from the same build); then the {@link ActionMapper}s registered in code,
 * then those found by the service loader. Immutable and thread-safe.
 */
public final class Actions {
  static final List<String> BUILT_IN =
      List.of(
          "actions/checkout",
          "actions/cache",
          "actions/upload-artifact",
          "actions/download-artifact");
  static final List<String> CHECKOUT_INPUTS =
      List.of(
          "repository",
          "ref",
          "path",
          "fetch-depth",
          "submodules",
          "token",
          "ssh-key",
          "lfs",
          "clean",
          "fetch-tags",
          "persist-credentials",
          "show-progress",
          "set-safe-directory",
          "sparse-checkout",
          "sparse-checkout-cone-mode",
          "filter",
          "ssh-strict",
          "ssh-known-hosts",
          "ssh-user",
          "github-server-url");
  static final List<String> CHECKOUT_PASSED =
      List.of(
          "repository", "ref", "path", "fetch-depth", "submodules", "lfs", "clean", "fetch-tags");
  static final List<String> CACHE_INPUTS =
      List.of(
          "path",
          "key",
          "restore-keys",
          "enableCrossOsArchive",
          "fail-on-cache-miss",
          "lookup-only",
          "save-always",
          "upload-chunk-size");
  static final List<String> UPLOAD_INPUTS =
      List.of(
          "name",
          "path",
          "if-no-files-found",
          "retention-days",
          "compression-level",
          "overwrite",
          "include-hidden-files");
  static final List<String> DOWNLOAD_INPUTS =
      List.of("name", "path", "pattern", "merge-multiple", "github-token", "repository", "run-id");
  private static final Pattern SECRET =
      Pattern.compile("^\\$\\{\\{\\s*secrets\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}$");

  /** How long one call into an action plugin may take by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final List<Known> registered;
  private final List<Known> discovered;
  private final List<String> unavailable;
  private final Duration timeout;

  /**
   * A mapper with the class that made it (the provider for discovered ones) and the actions it said
   * it maps, asked once through the guard.
   */
  private record Known(String source, ActionMapper mapper, List<String> actions) {}

  private Actions(
      List<Known> registered, List<Known> discovered, List<String> unavailable, Duration timeout) {
    this.registered = List.copyOf(registered);
    this.discovered = List.copyOf(discovered);
    this.unavailable = List.copyOf(unavailable);
    this.timeout = timeout;
  }

  /**
   * The built-in mappings, then the given mappers, then those the service loader finds. Mappers
   * given in code win over discovered ones; two discovered mappers of one action are a problem
   * where a workflow uses it. Every call into a plugin (creating its mapper, asking its actions,
   * mapping a step) is guarded by {@link PluginGuard} with the timeout: a plugin that hangs or
   * throws becomes a located problem naming its class, never a stack trace or a stuck reader.
   */
  public static Actions with(List<ActionMapper> registered, Duration timeout) {
    List<String> unavailable = new ArrayList<>();
    List<Known> given = new ArrayList<>();
    for (ActionMapper mapper : registered) {
      known(mapper.getClass().getName(), mapper, timeout, unavailable).ifPresent(given::add);
    }
    List<Known> found = new ArrayList<>();
    try {
      for (ActionProvider provider : ServiceLoader.load(ActionProvider.class)) {
        String name = provider.getClass().getName();
        PluginGuard.Outcome<ActionMapper> created =
            guarded(timeout, () -> provider.create(ProviderContext.empty()));
        if (created instanceof PluginGuard.Returned<ActionMapper> mapper
            && mapper.value() != null) {
          known(name, mapper.value(), timeout, unavailable).ifPresent(found::add);
        } else {
          unavailable.add(
              PluginGuard.reason("the action plugin " + name, created, List.of())
                  + (created instanceof PluginGuard.Returned<?> ? " (it created no mapper)" : ""));
        }
      }
    } catch (ServiceConfigurationError broken) {
      // A broken plugin jar must not make every workflow unreadable; its actions stay unmapped.
      unavailable.add("an action plugin could not be loaded: " + broken.getMessage());
    }
    return new Actions(given, found, unavailable, timeout);
  }

  /** The built-in mappings and the given mappers, with the default timeout. */
  public static Actions with(List<ActionMapper> registered) {
    return with(registered, DEFAULT_TIMEOUT);
  }

  private static Optional<Known> known(
      String source, ActionMapper mapper, Duration timeout, List<String> unavailable) {
    PluginGuard.Outcome<List<String>> actions = guarded(timeout, mapper::actions);
    if (actions instanceof PluginGuard.Returned<List<String>> listed && listed.value() != null) {
      return Optional.of(
          new Known(
              source,
              mapper,
              listed.value().stream().map(a -> a.toLowerCase(Locale.ROOT)).toList()));
    }
    unavailable.add(
        PluginGuard.reason(
            "listing the actions of " + mapper.getClass().getName(), actions, List.of()));
    return Optional.empty();
  }

  private static <T> PluginGuard.Outcome<T> guarded(Duration timeout, Callable<T> call) {
    try {
      return PluginGuard.call("chengis-action-plugin", timeout, call);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return new PluginGuard.Threw<>(interrupted);
    }
  }

  /** What one {@code uses:} step maps to; an empty action with no declarations means it failed. */
  record Mapped(Optional<StepAction> action, List<CacheSpec> caches, List<ArtifactSpec> artifacts) {
    static Mapped step(StepAction action) {
      return new Mapped(Optional.of(action), List.of(), List.of());
    }

    static Mapped none() {
      return new Mapped(Optional.empty(), List.of(), List.of());
    }
  }

  /** Every action name that can be mapped, for messages. */
  List<String> mappable() {
    List<String> names = new ArrayList<>(BUILT_IN);
    for (Known known : registeredThenDiscovered()) {
      for (String action : known.actions()) {
        if (!names.contains(action)) {
          names.add(action);
        }
      }
    }
    return names;
  }

  private List<Known> registeredThenDiscovered() {
    List<Known> all = new ArrayList<>(registered);
    all.addAll(discovered);
    return all;
  }

  Mapped map(
      YamlFile yaml,
      Node usesNode,
      @Nullable Entry withEntry,
      String subject,
      String uses,
      Map<String, String> with) {
    if (uses.startsWith("./") || uses.startsWith("docker://")) {
      yaml.problem(
          usesNode,
          subject,
          "uses a "
              + (uses.startsWith("./") ? "local" : "Docker")
              + " action, which Chengis cannot run",
          uses,
          "replace it with run: steps, or with a container step");
      return Mapped.none();
    }
    int at = uses.lastIndexOf('@');
    if (at <= 0 || at == uses.length() - 1) {
      yaml.problem(
          usesNode,
          subject,
          "names an action without a version",
          uses,
          "write owner/repo@ref, e.g. actions/checkout@v4");
      return Mapped.none();
    }
    String action = uses.substring(0, at).toLowerCase(Locale.ROOT);
    String ref = uses.substring(at + 1);
    Node withNode = withEntry == null ? usesNode : withEntry.value();
    switch (action) {
      case "actions/checkout" -> {
        return checkout(yaml, withNode, subject, with);
      }
      case "actions/cache" -> {
        return cache(yaml, withNode, subject, with);
      }
      case "actions/upload-artifact" -> {
        return upload(yaml, withNode, subject, with);
      }
      case "actions/download-artifact" -> {
        unknownInputs(yaml, withNode, subject, with, DOWNLOAD_INPUTS);
        Map<String, String> config = new LinkedHashMap<>();
        for (String input : List.of("name", "path")) {
          if (with.containsKey(input)) {
            config.put(input, with.get(input));
          }
        }
        return Mapped.step(new StepAction.PluginStep("download-artifact", config));
      }
      default -> {
        // handled below
      }
    }
    List<Known> candidates =
        registered.stream().filter(m -> m.actions().contains(action)).limit(1).toList();
    List<Known> plugins = discovered.stream().filter(d -> d.actions().contains(action)).toList();
    if (candidates.isEmpty()) {
      candidates = plugins;
    }
    if (candidates.size() > 1) {
      yaml.problem(
          usesNode,
          subject,
          "uses "
              + uses
              + ", which several plugins map: "
              + String.join(" and ", plugins.stream().map(Known::source).toList()),
          "remove one of the plugins, or register the mapper to use in code with"
              + " PipelineFormats.githubActions(List.of(mapper))");
      return Mapped.none();
    }
    for (Known known : candidates) {
      ActionUse use = new ActionUse(action, ref, with);
      PluginGuard.Outcome<StepAction> outcome = guarded(timeout, () -> known.mapper().map(use));
      String mapper = known.mapper().getClass().getName();
      switch (outcome) {
        case PluginGuard.Returned<StepAction> mapped when mapped.value() != null -> {
          return Mapped.step(mapped.value());
        }
        case PluginGuard.Returned<StepAction> nothing ->
            yaml.problem(
                usesNode,
                subject,
                "cannot use " + uses + ": the mapper " + mapper + " returned no step",
                "report it to the plugin's authors, or replace the step with run: steps");
        case PluginGuard.Threw<StepAction> threw
            when threw.failure() instanceof IllegalArgumentException refused ->
            yaml.problem(
                withNode,
                subject,
                "cannot use " + uses + ": " + refused.getMessage(),
                "fix the step's with: inputs");
        default ->
            yaml.problem(
                usesNode,
                subject,
                "cannot use "
                    + uses
                    + ": "
                    + PluginGuard.reason("the mapper " + mapper, outcome, List.of()),
                "report it to the plugin's authors, or replace the step with run: steps");
      }
      return Mapped.none();
    }
    yaml.problem(
        usesNode,
        subject,
        "uses " + uses + ", which Chengis cannot map",
        "the mappable actions are: "
            + String.join(", ", mappable())
            + "; do the same with run: steps, or add a plugin whose ActionProvider maps "
            + action
            + (unavailable.isEmpty()
                ? ""
                : " (not available: " + String.join("; ", unavailable) + ")"));
    return Mapped.none();
  }

  private Mapped checkout(YamlFile yaml, Node withNode, String subject, Map<String, String> with) {
    unknownInputs(yaml, withNode, subject, with, CHECKOUT_INPUTS);
    Map<String, String> config = new LinkedHashMap<>();
    for (String input : CHECKOUT_PASSED) {
      if (with.containsKey(input)) {
        config.put(input, with.get(input));
      }
    }
    for (String credential : List.of("token", "ssh-key")) {
      String value = with.get(credential);
      if (value == null) {
        continue;
      }
      Matcher secret = SECRET.matcher(value.strip());
      if (secret.matches()) {
        config.put("credentials", secret.group(1));
      } else {
        yaml.problem(
            withNode,
            subject + " with." + credential,
            "must name a secret",
            "a literal value, not shown",
            "write " + credential + ": ${{ secrets.NAME }}; never put credentials in a file");
      }
    }
    return Mapped.step(new StepAction.PluginStep("checkout", config));
  }

  private Mapped cache(YamlFile yaml, Node withNode, String subject, Map<String, String> with) {
    unknownInputs(yaml, withNode, subject, with, CACHE_INPUTS);
    String key = with.get("key");
    List<String> paths = lines(with.get("path"));
    if (key == null || key.isBlank()) {
      yaml.problem(withNode, subject, "caches without a key", "add with: key: ...");
    }
    if (paths.isEmpty()) {
      yaml.problem(withNode, subject, "caches no path", "add with: path: .m2/repository");
    }
    if (key == null || key.isBlank() || paths.isEmpty()) {
      return Mapped.none();
    }
    return new Mapped(
        Optional.empty(),
        List.of(new CacheSpec(key, paths, lines(with.get("restore-keys")), yaml.at(withNode))),
        List.of());
  }

  private Mapped upload(YamlFile yaml, Node withNode, String subject, Map<String, String> with) {
    unknownInputs(yaml, withNode, subject, with, UPLOAD_INPUTS);
    List<String> globs = new ArrayList<>();
    List<String> excludes = new ArrayList<>();
    for (String line : lines(with.get("path"))) {
      if (line.startsWith("!")) {
        excludes.add(line.substring(1));
      } else {
        globs.add(line);
      }
    }
    if (globs.isEmpty()) {
      yaml.problem(withNode, subject, "uploads no path", "add with: path: target/*.jar");
      return Mapped.none();
    }
    String ifNone = with.getOrDefault("if-no-files-found", "warn");
    if (!List.of("warn", "error", "ignore").contains(ifNone)) {
      yaml.problem(
          withNode,
          subject + " with.if-no-files-found",
          "is not one of warn, error, ignore",
          ifNone,
          "write if-no-files-found: error to fail the step when nothing matches");
      return Mapped.none();
    }
    Map<String, String> config = new LinkedHashMap<>();
    config.put("name", with.getOrDefault("name", "artifact"));
    config.put("path", with.get("path"));
    config.put("if-no-files-found", ifNone);
    return Mapped.step(new StepAction.PluginStep("upload-artifact", config));
  }

  private static void unknownInputs(
      YamlFile yaml, Node withNode, String subject, Map<String, String> with, List<String> known) {
    for (String input : with.keySet()) {
      if (!known.contains(input)) {
        yaml.problem(
            withNode,
            subject + " with",
            "has unknown input \"" + input + "\"",
            YamlFile.suggestion(input, known).map(s -> "did you mean \"" + s + "\"? ").orElse("")
                + "the inputs are: "
                + String.join(", ", known));
      }
    }
  }

  private static List<String> lines(@Nullable String text) {
    if (text == null) {
      return List.of();
    }
    return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
  }
}
