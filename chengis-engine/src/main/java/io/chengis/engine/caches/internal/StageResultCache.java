package io.chengis.engine.caches.internal;

import io.chengis.api.BuildId;
import io.chengis.api.Conclusion;
import io.chengis.api.Outcome;
import io.chengis.api.ResultCacheSpec;
import io.chengis.api.Stage;
import io.chengis.api.StageResult;
import io.chengis.api.StepResult;
import io.chengis.api.spi.CacheEntry;
import io.chengis.api.spi.CacheQuery;
import io.chengis.api.spi.CacheStore;
import io.chengis.api.spi.CacheUpload;
import io.chengis.engine.internal.PathGlob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The stage-result cache: a stage's fingerprint, and its results and output files kept under it (as
 * one cache archive whose manifest holds the producing build and the step results).
 */
public final class StageResultCache {
  private static final String MANIFEST = "stage-result.properties";

  private final CacheStore store;
  private final String scope;
  private final Path workspace;
  private final Consumer<String> log;
  private final Consumer<String> warn;
  private final BiFunction<BuildId, Long, Optional<String>> links;

  /**
   * The result cache of one job.
   *
   * @param store where results are kept
   * @param job the job's name; results of different jobs never mix
   * @param workspace the build's workspace
   * @param log writes a line to the stage's log
   * @param warn records a warning on the build
   * @param links the link to a build (id, number) that a cached result's reason carries, if any
   */
  public StageResultCache(
      CacheStore store,
      String job,
      Path workspace,
      Consumer<String> log,
      Consumer<String> warn,
      BiFunction<BuildId, Long, Optional<String>> links) {
    this.store = store;
    this.scope = job + "#stage-results";
    this.workspace = workspace;
    this.log = log;
    this.warn = warn;
    this.links = links;
  }

  /** A result found in the cache: the build that produced it and its result as restored. */
  public record Hit(BuildId build, long number, StageResult result) {}

  /**
   * The SHA-256 fingerprint of a stage run: the commit, the stage's definition without its source
   * locations, its matrix combination, its environment as declared (so secret values, which only
   * ever appear as {@code ${{ secrets.NAME }}} references, never enter) and the paths and contents
   * of the files its input globs match, in path order.
   *
   * @param commit the checked-out commit, empty when unknown
   * @param stage the stage
   * @param combination its matrix combination
   * @param env its layered environment before rendering
   * @param spec the result cache's inputs
   * @param workspace the workspace the inputs are read from
   * @return the fingerprint in lower-case hex
   * @throws IOException when an input cannot be read
   */
  public static String fingerprint(
      Optional<String> commit,
      Stage stage,
      Map<String, String> combination,
      Map<String, String> env,
      ResultCacheSpec spec,
      Path workspace)
      throws IOException {
    MessageDigest sha = sha256();
    field(sha, "commit", commit.orElse(""));
    field(sha, "stage", canonical(stage));
    field(sha, "matrix", combination.toString());
    field(sha, "env", new java.util.TreeMap<>(env).toString());
    for (String path : inputs(spec.inputs(), workspace)) {
      field(sha, "input", path);
      MessageDigest content = sha256();
      try (InputStream in =
          new DigestInputStream(Files.newInputStream(workspace.resolve(path)), content)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      field(sha, "content", HexFormat.of().formatHex(content.digest()));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * The stage's definition as text without source locations, so moving a stage in its file keeps
   * its fingerprint.
   */
  static String canonical(Stage stage) {
    return stage.toString().replaceAll("location=[^,\\])]*", "location=");
  }

  /** The regular files under the workspace that an input glob matches, sorted. */
  static List<String> inputs(List<String> globs, Path workspace) throws IOException {
    if (globs.isEmpty()) {
      return List.of();
    }
    List<PathGlob> patterns = globs.stream().map(PathGlob::of).toList();
    Path root = workspace.toRealPath();
    TreeSet<String> matched = new TreeSet<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              String relative = root.relativize(file).toString().replace('\\', '/');
              if (patterns.stream().anyMatch(glob -> glob.matches(relative))) {
                matched.add(relative);
              }
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return List.copyOf(matched);
  }

  /**
   * Looks the fingerprint up and, on a hit, restores the output files into the workspace.
   *
   * @param instance the stage instance's name
   * @param combination its matrix combination
   * @param fingerprint its fingerprint
   * @param now the time the cached result is reported at
   * @return the hit, or empty when the stage must run
   */
  public Optional<Hit> restore(
      String instance, Map<String, String> combination, String fingerprint, Instant now) {
    String key = key(instance, fingerprint);
    try {
      Optional<CacheEntry> found = store.find(new CacheQuery(scope, key, List.of()));
      if (found.isEmpty()) {
        log.accept("result cache: miss (fingerprint " + fingerprint + ")");
        return Optional.empty();
      }
      Optional<InputStream> archive = store.open(found.get());
      if (archive.isEmpty()) {
        log.accept("result cache: miss, the entry was evicted (fingerprint " + fingerprint + ")");
        return Optional.empty();
      }
      Map<String, byte[]> extras;
      try (InputStream in = archive.get()) {
        extras = CacheArchive.extract(in, workspace);
      }
      byte[] manifest = extras.get(MANIFEST);
      if (manifest == null) {
        warn.accept("result cache: entry " + fingerprint + " has no manifest; the stage runs");
        return Optional.empty();
      }
      Hit hit = read(manifest, instance, combination, now, links);
      log.accept(
          "result cache: hit (fingerprint "
              + fingerprint
              + "), results and outputs restored from build "
              + hit.build()
              + " (#"
              + hit.number()
              + ")");
      return Optional.of(hit);
    } catch (IOException | RuntimeException failed) {
      warn.accept(
          "result cache of stage \""
              + instance
              + "\": restoring failed ("
              + failed.getMessage()
              + "); the stage runs");
      return Optional.empty();
    }
  }

  /**
   * Keeps a successful stage's results and output files under its fingerprint.
   *
   * @param spec the declared outputs
   * @param fingerprint the stage's fingerprint
   * @param result the stage's result
   * @param build the build that produced it
   * @param number that build's number
   */
  public void save(
      ResultCacheSpec spec, String fingerprint, StageResult result, BuildId build, long number) {
    Path archive;
    try {
      archive = Files.createTempFile("chengis-result-", ".tar.gz");
    } catch (IOException failed) {
      warn.accept("result cache: saving failed (" + failed.getMessage() + ")");
      return;
    }
    try {
      CacheArchive.Written written =
          CacheArchive.write(
              workspace,
              spec.outputs(),
              Map.of(MANIFEST, manifest(result, build, number)),
              archive);
      CacheEntry saved =
          store.save(new CacheUpload(scope, key(result.name(), fingerprint), archive));
      log.accept(
          "result cache: saved (fingerprint "
              + fingerprint
              + ", "
              + written.files()
              + " output files, "
              + saved.size()
              + " bytes)"
              + (written.missing().isEmpty() ? "" : "; missing outputs " + written.missing()));
    } catch (IOException | RuntimeException failed) {
      warn.accept(
          "result cache of stage \""
              + result.name()
              + "\": saving failed ("
              + failed.getMessage()
              + ")");
    } finally {
      DependencyCaches.deleteQuietly(archive);
    }
  }

  private static String key(String instance, String fingerprint) {
    return instance + "@" + fingerprint;
  }

  static byte[] manifest(StageResult result, BuildId build, long number) throws IOException {
    Properties p = new Properties();
    p.setProperty("build", build.toString());
    p.setProperty("number", Long.toString(number));
    putMap(p, "output", result.outputs());
    p.setProperty("steps", Integer.toString(result.steps().size()));
    for (int i = 0; i < result.steps().size(); i++) {
      StepResult step = result.steps().get(i);
      String prefix = "step." + i;
      p.setProperty(prefix + ".name", step.name());
      p.setProperty(prefix + ".outcome", step.outcome().name());
      p.setProperty(prefix + ".conclusion", step.conclusion().name());
      step.exitCode().ifPresent(code -> p.setProperty(prefix + ".exit", code.toString()));
      step.reason().ifPresent(reason -> p.setProperty(prefix + ".reason", reason));
      putMap(p, prefix + ".output", step.outputs());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.store(out, null);
    return out.toByteArray();
  }

  static Hit read(
      byte[] manifest,
      String instance,
      Map<String, String> combination,
      Instant now,
      BiFunction<BuildId, Long, Optional<String>> links)
      throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(new String(manifest, StandardCharsets.ISO_8859_1)));
    BuildId build = BuildId.of(required(p, "build"));
    long number = Long.parseLong(required(p, "number"));
    String reason =
        "cached from build "
            + build
            + " (#"
            + number
            + ")"
            + links.apply(build, number).map(link -> ", " + link).orElse("");
    List<StepResult> steps = new ArrayList<>();
    int count = Integer.parseInt(required(p, "steps"));
    for (int i = 0; i < count; i++) {
      String prefix = "step." + i;
      Outcome outcome = Outcome.valueOf(required(p, prefix + ".outcome"));
      Conclusion conclusion = Conclusion.valueOf(required(p, prefix + ".conclusion"));
      boolean ran = outcome != Outcome.SKIPPED;
      steps.add(
          new StepResult(
              required(p, prefix + ".name"),
              outcome,
              conclusion,
              ran ? Optional.of(now) : Optional.empty(),
              ran ? Optional.of(now) : Optional.empty(),
              Optional.ofNullable(p.getProperty(prefix + ".exit")).map(Integer::valueOf),
              0,
              Optional.of(
                  Optional.ofNullable(p.getProperty(prefix + ".reason"))
                      .map(original -> reason + "; " + original)
                      .orElse(reason)),
              getMap(p, prefix + ".output")));
    }
    StageResult result =
        new StageResult(
            instance,
            combination,
            Outcome.SUCCESS,
            Conclusion.SUCCESS,
            Optional.of(now),
            Optional.of(now),
            Optional.of(reason),
            steps,
            getMap(p, "output"));
    return new Hit(build, number, result);
  }

  private static void putMap(Properties p, String prefix, Map<String, String> map) {
    p.setProperty(prefix + ".count", Integer.toString(map.size()));
    int i = 0;
    for (Map.Entry<String, String> entry : map.entrySet()) {
      p.setProperty(prefix + "." + i + ".key", entry.getKey());
      p.setProperty(prefix + "." + i + ".value", entry.getValue());
      i++;
    }
  }

  private static Map<String, String> getMap(Properties p, String prefix) throws IOException {
    Map<String, String> map = new LinkedHashMap<>();
    int count = Integer.parseInt(p.getProperty(prefix + ".count", "0"));
    for (int i = 0; i < count; i++) {
      map.put(required(p, prefix + "." + i + ".key"), required(p, prefix + "." + i + ".value"));
    }
    return map;
  }

  private static String required(Properties p, String name) throws IOException {
    String value = p.getProperty(name);
    if (value == null) {
      throw new IOException("the cached result's manifest has no " + name);
    }
    return value;
  }

  private static void field(MessageDigest sha, String name, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    sha.update(name.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(Long.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("the JDK has no SHA-256", impossible);
    }
  }
}
