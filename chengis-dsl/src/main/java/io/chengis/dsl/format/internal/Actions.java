package io.chengis.dsl.format.internal;

import io.chengis.api.ArtifactSpec;
import io.chengis.api.CacheSpec;
import io.chengis.api.StepAction;
import io.chengis.api.spi.ActionMapper;
import io.chengis.api.spi.ActionProvider;
import io.chengis.api.spi.ActionUse;
import io.chengis.api.spi.ProviderContext;
import io.chengis.dsl.format.internal.YamlFile.Entry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
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

  private final List<ActionMapper> registered;
  private final List<Discovered> discovered;
  private final List<ActionMapper> mappers;

  /** A mapper the service loader found, with the provider class that made it. */
  private record Discovered(String provider, ActionMapper mapper) {}

  private Actions(List<ActionMapper> registered, List<Discovered> discovered) {
    this.registered = List.copyOf(registered);
    this.discovered = List.copyOf(discovered);
    List<ActionMapper> all = new ArrayList<>(registered);
    discovered.forEach(found -> all.add(found.mapper()));
    this.mappers = List.copyOf(all);
  }

  /**
   * The built-in mappings, then the given mappers, then those the service loader finds. Mappers
   * given in code win over discovered ones; two discovered mappers of one action are a problem
   * where a workflow uses it.
   */
  public static Actions with(List<ActionMapper> registered) {
    return new Actions(registered, discovered());
  }

  private static List<Discovered> discovered() {
    List<Discovered> found = new ArrayList<>();
    try {
      for (ActionProvider provider : ServiceLoader.load(ActionProvider.class)) {
        found.add(
            new Discovered(
                provider.getClass().getName(), provider.create(ProviderContext.empty())));
      }
    } catch (ServiceConfigurationError broken) {
      // A broken plugin jar must not make every workflow unreadable; its actions stay unmapped.
      return found;
    }
    return found;
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
    for (ActionMapper mapper : mappers) {
      for (String action : safeActions(mapper)) {
        if (!names.contains(action)) {
          names.add(action);
        }
      }
    }
    return names;
  }

  private static List<String> safeActions(ActionMapper mapper) {
    try {
      return mapper.actions().stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
    } catch (RuntimeException broken) {
      return List.of();
    }
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
    List<ActionMapper> candidates =
        registered.stream().filter(m -> safeActions(m).contains(action)).limit(1).toList();
    List<Discovered> plugins =
        discovered.stream().filter(d -> safeActions(d.mapper()).contains(action)).toList();
    if (candidates.isEmpty()) {
      candidates = plugins.stream().map(Discovered::mapper).toList();
    }
    if (candidates.size() > 1) {
      yaml.problem(
          usesNode,
          subject,
          "uses "
              + uses
              + ", which several plugins map: "
              + String.join(" and ", plugins.stream().map(Discovered::provider).toList()),
          "remove one of the plugins, or register the mapper to use in code with"
              + " PipelineFormats.githubActions(List.of(mapper))");
      return Mapped.none();
    }
    for (ActionMapper mapper : candidates) {
      try {
        StepAction mapped = mapper.map(new ActionUse(action, ref, with));
        if (mapped == null) {
          throw new IllegalStateException("returned null");
        }
        return Mapped.step(mapped);
      } catch (IllegalArgumentException refused) {
        yaml.problem(
            withNode,
            subject,
            "cannot use " + uses + ": " + refused.getMessage(),
            "fix the step's with: inputs");
      } catch (RuntimeException broken) {
        yaml.problem(
            usesNode,
            subject,
            "cannot use "
                + uses
                + ": the mapper "
                + mapper.getClass().getName()
                + " failed ("
                + broken
                + ")",
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
            + action);
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
