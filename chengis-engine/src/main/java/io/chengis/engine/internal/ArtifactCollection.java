package io.chengis.engine.internal;

import io.chengis.api.ArtifactSpec;
import io.chengis.api.BuildId;
import io.chengis.api.Conclusion;
import io.chengis.api.JobId;
import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.OrgId;
import io.chengis.api.StepAction;
import io.chengis.api.spi.ArtifactInfo;
import io.chengis.api.spi.ArtifactRecord;
import io.chengis.api.spi.ArtifactRef;
import io.chengis.api.spi.ArtifactUpload;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.JobRef;
import io.chengis.api.spi.StepContext;
import io.chengis.api.spi.StepExecutor;
import io.chengis.api.spi.StepExit;
import io.chengis.engine.artifacts.LocalArtifactStore;
import io.chengis.engine.artifacts.WorkspaceFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The artifacts of one build: collects the pipeline's {@link ArtifactSpec}s after the stages, and
 * runs the {@code upload-artifact} and {@code download-artifact} plugin steps (GitHub Actions'
 * {@code actions/upload-artifact} and {@code actions/download-artifact}). Each stored file goes to
 * the {@link io.chengis.api.spi.ArtifactStore} (as a delta against the job's previous version of
 * the same path when the store is a {@link LocalArtifactStore}), then to the {@link
 * io.chengis.api.spi.ArtifactCatalog}, then to the listener (which publishes the event).
 * Thread-safe: steps of parallel stages may upload at the same time.
 */
public final class ArtifactCollection {
  /** The plugin step type that stores files under a name. */
  public static final String UPLOAD = "upload-artifact";

  /** The plugin step type that restores the files of a name into the workspace. */
  public static final String DOWNLOAD = "download-artifact";

  private final ArtifactSettings settings;
  private final OrgId org;
  private final JobId job;
  private final BuildId build;
  private final InstantSource clock;
  private final Consumer<ArtifactRecord> stored;

  ArtifactCollection(
      ArtifactSettings settings,
      OrgId org,
      JobId job,
      BuildId build,
      InstantSource clock,
      Consumer<ArtifactRecord> stored) {
    this.settings = settings;
    this.org = org;
    this.job = job;
    this.build = build;
    this.clock = clock;
    this.stored = stored;
  }

  /**
   * Collects the declared artifacts from the workspace after the stages.
   *
   * @return warnings, one per declaration that was refused or failed; empty when all went well
   */
  List<String> collect(Path workspace, List<ArtifactSpec> specs, Conclusion conclusion) {
    List<String> warnings = new ArrayList<>();
    for (ArtifactSpec spec : specs) {
      if (conclusion != Conclusion.SUCCESS
          && !(spec.collectOnFailure() && settings.collectOnFailure())) {
        continue;
      }
      String where = spec.location() + ": artifacts " + spec.globs();
      try {
        for (String path : WorkspaceFiles.select(workspace, spec.globs(), spec.excludes())) {
          store(workspace.resolve(path), path);
        }
      } catch (IllegalArgumentException | UncheckedIOException refused) {
        warnings.add(where + " were not collected: " + refused.getMessage());
      } catch (RuntimeException failed) {
        warnings.add(where + " were not stored: " + failed.getMessage());
      }
    }
    return List.copyOf(warnings);
  }

  /** Whether the engine runs steps of this type itself (and renders their inputs). */
  static boolean isArtifactStep(String type) {
    return type.equals(UPLOAD) || type.equals(DOWNLOAD);
  }

  /** The executor of an artifact step type, if it is one. */
  Optional<StepExecutor> executor(String type) {
    return switch (type) {
      case UPLOAD -> Optional.of(this::upload);
      case DOWNLOAD -> Optional.of(this::download);
      default -> Optional.empty();
    };
  }

  private ArtifactRecord store(Path file, String path) {
    Optional<ArtifactRecord> previous = settings.catalog().latest(new JobRef(org, job), path);
    ArtifactUpload upload = new ArtifactUpload(new ArtifactRef(org, build, path), file);
    ArtifactInfo info =
        settings.store() instanceof LocalArtifactStore local && previous.isPresent()
            ? local.putRevision(upload, previous.get().ref())
            : settings.store().put(upload);
    ArtifactRecord record =
        new ArtifactRecord(org, build, job, path, info.size(), info.sha256(), clock.instant());
    settings.catalog().record(record);
    stored.accept(record);
    return record;
  }

  private StepExit upload(StepContext context) {
    Map<String, String> config = config(context);
    String name = config.getOrDefault("name", "artifact").strip();
    if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals("..")) {
      return fail(
          context,
          "upload-artifact: name \""
              + name
              + "\" is not a plain name; use letters, digits, '-', '_' or '.', e.g. name: reports");
    }
    List<String> globs = new ArrayList<>();
    List<String> excludes = new ArrayList<>();
    for (String line : config.getOrDefault("path", "").split("\n")) {
      String glob = line.strip();
      if (glob.startsWith("./")) {
        glob = glob.substring(2);
      }
      if (glob.isEmpty()) {
        continue;
      }
      if (glob.startsWith("!")) {
        excludes.add(directoryGlob(context.workspace(), glob.substring(1)));
      } else {
        globs.add(directoryGlob(context.workspace(), glob));
      }
    }
    List<String> files;
    try {
      files = WorkspaceFiles.select(context.workspace(), globs, excludes);
    } catch (IllegalArgumentException | UncheckedIOException refused) {
      return fail(context, "upload-artifact " + name + ": " + refused.getMessage());
    }
    if (files.isEmpty()) {
      String ifNone = config.getOrDefault("if-no-files-found", "warn").strip();
      String message =
          "upload-artifact "
              + name
              + ": no files match "
              + globs
              + (excludes.isEmpty() ? "" : " minus " + excludes);
      if (ifNone.equals("error")) {
        return fail(context, message + "; produce them in an earlier step or fix the path");
      }
      if (!ifNone.equals("ignore")) {
        log(context, "warning: " + message + ", so nothing was uploaded");
      }
      return StepExit.exited(0);
    }
    String common = commonDirectory(files);
    for (String file : files) {
      store(context.workspace().resolve(file), name + "/" + file.substring(common.length()));
    }
    log(
        context,
        "uploaded "
            + files.size()
            + (files.size() == 1 ? " file" : " files")
            + " as artifact "
            + name);
    return StepExit.exited(0);
  }

  private StepExit download(StepContext context) {
    Map<String, String> config = config(context);
    Optional<String> name =
        Optional.ofNullable(config.get("name")).map(String::strip).filter(n -> !n.isEmpty());
    String into = config.getOrDefault("path", "").strip();
    Path workspace = context.workspace().toAbsolutePath().normalize();
    Path target = workspace.resolve(into).normalize();
    if (Path.of(into).isAbsolute() || !target.startsWith(workspace)) {
      return fail(
          context,
          "download-artifact: path \""
              + into
              + "\" leaves the workspace; use a path relative to the workspace without \"..\"");
    }
    List<ArtifactRecord> all = settings.catalog().list(new BuildRef(org, build));
    List<ArtifactRecord> chosen =
        all.stream()
            .filter(r -> r.path().contains("/"))
            .filter(r -> name.isEmpty() || r.path().startsWith(name.get() + "/"))
            .toList();
    if (chosen.isEmpty()) {
      List<String> names =
          all.stream()
              .filter(r -> r.path().contains("/"))
              .map(r -> r.path().substring(0, r.path().indexOf('/')))
              .distinct()
              .toList();
      return fail(
          context,
          "download-artifact: this build has no artifact"
              + name.map(n -> " named " + n).orElse("")
              + " (uploaded so far: "
              + names
              + "); upload it with actions/upload-artifact in a stage that runs before this one");
    }
    try {
      for (ArtifactRecord record : chosen) {
        // With a name, the files land in the path itself; without one, each artifact in its own
        // directory, as GitHub does.
        String relative =
            name.isPresent() ? record.path().substring(name.get().length() + 1) : record.path();
        Path file = target.resolve(relative).normalize();
        if (!file.startsWith(workspace)) {
          return fail(
              context, "download-artifact: artifact " + record.path() + " leaves the workspace");
        }
        Files.createDirectories(file.getParent());
        try (InputStream in =
            settings
                .store()
                .open(record.ref())
                .orElseThrow(
                    () ->
                        new IOException(
                            "the artifact store lost "
                                + record.path()
                                + " (the catalog still lists it)"))) {
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException | RuntimeException failed) {
      return fail(context, "download-artifact: cannot restore the files (" + failed + ")");
    }
    log(
        context,
        "downloaded "
            + chosen.size()
            + (chosen.size() == 1 ? " file" : " files")
            + name.map(n -> " of artifact " + n).orElse("")
            + " into "
            + (into.isEmpty() ? "the workspace" : into));
    return StepExit.exited(0);
  }

  private static Map<String, String> config(StepContext context) {
    return context.definition().action() instanceof StepAction.PluginStep plugin
        ? plugin.config()
        : Map.of();
  }

  /** A path naming a directory means everything below it, as in GitHub. */
  private static String directoryGlob(Path workspace, String glob) {
    String trimmed = glob.endsWith("/") ? glob.substring(0, glob.length() - 1) : glob;
    boolean wildcard = trimmed.chars().anyMatch(c -> "*?{[".indexOf(c) >= 0);
    if (!wildcard
        && !trimmed.isEmpty()
        && !Path.of(trimmed).isAbsolute()
        && !trimmed.contains("..")
        && Files.isDirectory(workspace.resolve(trimmed))) {
      return trimmed + "/**";
    }
    return glob;
  }

  /** The longest directory prefix (with its trailing slash) that all paths share. */
  static String commonDirectory(List<String> paths) {
    String first = paths.getFirst();
    int end = first.lastIndexOf('/') + 1;
    String common = first.substring(0, end);
    for (String path : paths) {
      while (!path.startsWith(common)) {
        int cut = common.lastIndexOf('/', common.length() - 2);
        common = cut < 0 ? "" : common.substring(0, cut + 1);
      }
    }
    return common;
  }

  private StepExit fail(StepContext context, String message) {
    log(context, message);
    return StepExit.exited(1);
  }

  private void log(StepContext context, String text) {
    context.log().accept(new LogLine(clock.instant(), LogStream.STDOUT, text));
  }
}
