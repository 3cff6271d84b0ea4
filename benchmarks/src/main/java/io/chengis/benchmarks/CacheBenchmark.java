package io.chengis.benchmarks;

import static io.chengis.dsl.Steps.shell;

import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.TriggerRequest;
import io.chengis.engine.caches.LocalCacheStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dependency and result caches against doing the work: a dependency tree of {@code -DcacheFiles}
 * files of 4 KiB (default 2,000) that a step "fetches" by extracting a local tarball with the
 * system's {@code tar} (the cheapest possible download). Each round runs a build without a cache
 * (the baseline), a build whose cache key misses (work plus save), a build whose key hits (restore,
 * no work) and a build whose stage result is cached (restore of the outputs, the stage not run);
 * plus a raw {@code tar -xzf} of the same tarball outside the engine.
 */
final class CacheBenchmark {
  private static final String NONE = "cache: build without a cache (step extracts the tree)";
  private static final String MISS = "cache: key misses (step extracts, engine saves)";
  private static final String HIT = "cache: key hits (engine restores, step does nothing)";
  private static final String RESULT = "cache: stage result hit (outputs restored, not run)";
  private static final String RAW = "cache: raw tar -xzf of the same tree";

  private final Settings settings;
  private final Path scratch;

  CacheBenchmark(Settings settings, Path scratch) {
    this.settings = settings;
    this.scratch = scratch;
  }

  List<Row> run() throws Exception {
    int files = Integer.getInteger("cacheFiles", 2000);
    Path seed = Files.createDirectories(scratch.resolve("seed"));
    Random random = new Random(42);
    for (int f = 0; f < files; f++) {
      Path file = seed.resolve("deps/dir" + (f % 50) + "/lib" + f + ".jar");
      Files.createDirectories(file.getParent());
      byte[] bytes = new byte[4096];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) ('a' + random.nextInt(26));
      }
      Files.write(file, bytes);
    }
    Path tarball = scratch.resolve("deps.tar.gz");
    exec(List.of("tar", "-czf", tarball.toString(), "-C", seed.toString(), "deps"));
    String fetch = "[ -d deps ] || tar -xzf '" + tarball + "'";
    AtomicInteger fresh = new AtomicInteger();
    try (ChengisEngine engine =
        ChengisEngine.builder()
            .workspaceRoot(scratch.resolve("workspaces"))
            .caches(LocalCacheStore.in(scratch.resolve("caches"), 8L << 30))
            .environment(Map.of("PATH", System.getenv("PATH")))
            .build()) {
      Pipeline none =
          Chengis.pipeline("none", p -> p.stage("fetch", s -> s.step("get", shell(fetch))));
      Pipeline hit =
          Chengis.pipeline(
              "hit",
              p -> p.stage("fetch", s -> s.cache("deps-warm", "deps").step("get", shell(fetch))));
      Pipeline result =
          Chengis.pipeline(
              "result",
              p ->
                  p.stage(
                      "fetch",
                      s -> s.cacheResult(r -> r.outputs("deps")).step("get", shell(fetch))));
      build(engine, hit); // primes the warm key
      build(engine, result); // primes the stage result
      Map<String, List<Long>> nanos =
          new Rounds()
              .add(NONE, () -> build(engine, none))
              .add(
                  MISS,
                  () ->
                      build(
                          engine,
                          Chengis.pipeline(
                              "miss",
                              p ->
                                  p.stage(
                                      "fetch",
                                      s ->
                                          s.cache("deps-cold-" + fresh.incrementAndGet(), "deps")
                                              .step("get", shell(fetch))))))
              .add(HIT, () -> build(engine, hit))
              .add(RESULT, () -> build(engine, result))
              .add(
                  RAW,
                  () -> {
                    Path target =
                        Files.createDirectories(scratch.resolve("raw" + fresh.incrementAndGet()));
                    long start = System.nanoTime();
                    exec(List.of("tar", "-xzf", tarball.toString(), "-C", target.toString()));
                    return System.nanoTime() - start;
                  })
              .run("caches", settings.warmup(), settings.rounds());
      long baseline = Rounds.median(nanos.get(NONE));
      return List.of(
          row(NONE, baseline, baseline, ""),
          row(MISS, Rounds.median(nanos.get(MISS)), baseline, ""),
          row(HIT, Rounds.median(nanos.get(HIT)), baseline, ""),
          row(RESULT, Rounds.median(nanos.get(RESULT)), baseline, ""),
          row(RAW, Rounds.median(nanos.get(RAW)), baseline, ""));
    }
  }

  private static Row row(String variant, long nanos, long baseline, String target) {
    double ratio = (double) nanos / baseline;
    return new Row(
        "caches",
        variant,
        String.format(Locale.ROOT, "%.1f ms", nanos / 1e6),
        String.format(Locale.ROOT, "%.2f", ratio),
        target.isEmpty() ? "" : target + ": " + (ratio < 1 ? "met" : "MISSED"));
  }

  private static long build(ChengisEngine engine, Pipeline pipeline) throws Exception {
    long start = System.nanoTime();
    BuildResult result =
        engine
            .trigger(pipeline, TriggerRequest.manual())
            .await(Duration.ofMinutes(5))
            .orElseThrow();
    long elapsed = System.nanoTime() - start;
    if (result.conclusion() != Conclusion.SUCCESS || !result.warnings().isEmpty()) {
      throw new AssertionError("cache benchmark build " + pipeline.name() + " failed: " + result);
    }
    return elapsed;
  }

  private static void exec(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).inheritIO().start();
    if (process.waitFor() != 0) {
      throw new AssertionError(command + " exited with " + process.exitValue());
    }
  }
}
