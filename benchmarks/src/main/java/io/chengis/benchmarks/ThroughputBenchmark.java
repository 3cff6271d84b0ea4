package io.chengis.benchmarks;

import static io.chengis.dsl.Steps.shell;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.LogLine;
import io.chengis.api.Pipeline;
import io.chengis.api.Secret;
import io.chengis.api.spi.SecretScope;
import io.chengis.dsl.Chengis;
import io.chengis.engine.BuildHandle;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.TriggerRequest;
import io.chengis.engine.internal.LocalProcess;
import io.chengis.engine.internal.SecretMasker;
import io.chengis.engine.memory.InMemoryAuditLog;
import io.chengis.engine.secrets.InMemorySecretVault;
import io.chengis.engine.secrets.LocalSecretBackend;
import io.chengis.engine.secrets.SecretCipher;
import io.chengis.engine.secrets.SecretResolver;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Output throughput: one step {@code cat}s a generated file of 100-byte lines. The raw baseline
 * drains the same command's pipe into a byte buffer. The engine is measured through its public API,
 * without and with a secret (resolved from a secret backend through {@code ${{ secrets.NAME }}}, so
 * the full path runs: capture, decoding, masking, line splitting, batching into {@code LogBatch}
 * events, the journal, the log and event stores) with the engine's default in-memory stores, which
 * keep every line on the heap (packed). Each such build runs on an engine of its own, closed once
 * the build is measured: one engine for all rounds would keep every earlier build's 100 MB on the
 * heap, and the collector's work on that growing heap (a cost of the test store, not of capturing
 * output) would fall on whichever later build it happened in. One more variant uses stores that
 * keep lines on disk ({@link DiskLogStore}, {@link DiskEventStore}), as a host with a database
 * does, so that what its finished build still holds on the heap is the engine's own: that figure
 * has a target. Its speed is mostly that of these simple stores, so it has none. {@link
 * LocalProcess} with a masker and a sink that only counts shows the capture path alone. Beside the
 * wall clock, each variant's processor time (this JVM's, all threads, collector included) is
 * reported: on a busy machine it moves far less than the wall clock.
 *
 * <p>Every thousandth line carries the secret; each engine variant checks the number of lines and
 * of characters it received, so a lost line or an unmasked secret fails the run.
 */
final class ThroughputBenchmark {
  static final int LINE_BYTES = 100;
  private static final String SECRET = "hunter2-bench-token-9f3c";
  private static final int SECRET_EVERY = 1000;
  private static final String FILLER =
      "a line of build output, about one hundred bytes long, like a compiler or test runner"
          + " prints it ......";

  private static final String RAW = "raw: pipe drain";
  private static final String LOCAL_PROCESS = "LocalProcess + masker (1 secret)";
  private static final String ENGINE = "engine: public API (no secret)";
  private static final String ENGINE_MASKED = "engine: public API (1 secret)";
  private static final String ENGINE_DISK = "engine: stores on disk (1 secret)";

  /** The most heap a finished build may keep reachable, as a share of its output. */
  private static final double RETAINED_TARGET = 0.10;

  private final Settings settings;
  private final Path root;
  private final Map<String, List<Long>> peaks = new LinkedHashMap<>();
  private final Map<String, List<Long>> retained = new LinkedHashMap<>();
  private final Map<String, List<Long>> collecting = new LinkedHashMap<>();

  /** The processor time this JVM spent on each run of each variant, warm-up runs included. */
  private final Map<String, List<Long>> processor = new LinkedHashMap<>();

  private long buildNumber;

  ThroughputBenchmark(Settings settings, Path root) {
    this.settings = settings;
    this.root = root;
  }

  List<Row> run() throws Exception {
    Files.createDirectories(root);
    Path file = root.resolve("output.txt");
    int secretLines = generate(file, settings.lines());
    long bytes = Files.size(file);
    String command = "cat '" + file + "'";
    long plainChars = (long) settings.lines() * (LINE_BYTES - 1);
    long maskedChars =
        plainChars - (long) secretLines * (SECRET.length() - SecretMasker.MASK.length());
    Pipeline pipeline =
        Chengis.pipeline("output", p -> p.stage("print", s -> s.step("cat", shell(command))));
    Pipeline masked =
        Chengis.pipeline(
            "output-masked",
            p ->
                p.stage(
                    "print",
                    s ->
                        s.step(
                            "cat",
                            shell(command),
                            st -> st.env("TOKEN", "${{ secrets.BENCH_TOKEN }}"))));
    Map<String, List<Long>> nanos;
    Files.createDirectories(root.resolve("stores"));
    try (DiskLogStore logs = new DiskLogStore(root.resolve("stores"));
        DiskEventStore events = new DiskEventStore(root.resolve("stores").resolve("events"));
        ChengisEngine onDisk =
            ChengisEngine.builder()
                .workspaceRoot(root.resolve("disk"))
                .secrets(secrets())
                .logStore(logs)
                .eventStore(events)
                .build()) {
      nanos =
          new Rounds()
              .add(RAW, () -> drain(command, bytes))
              .add(LOCAL_PROCESS, () -> localProcess(command, maskedChars))
              .add(ENGINE, () -> measured(ENGINE, () -> viaOwnEngine(ENGINE, pipeline, plainChars)))
              .add(
                  ENGINE_MASKED,
                  () ->
                      measured(
                          ENGINE_MASKED, () -> viaOwnEngine(ENGINE_MASKED, masked, maskedChars)))
              .add(
                  ENGINE_DISK,
                  () ->
                      measured(
                          ENGINE_DISK, () -> viaEngine(ENGINE_DISK, onDisk, masked, maskedChars)))
              .run("output", 1, settings.rounds());
    }
    long raw = Rounds.median(nanos.get(RAW));
    double rawRate = rate(bytes, raw);
    List<Row> rows = new ArrayList<>();
    String benchmark = String.format(Locale.ROOT, "output %.0f MB", bytes / 1e6);
    nanos.forEach(
        (variant, figures) -> {
          long time = Rounds.median(figures);
          double mbPerSecond = rate(bytes, time);
          double ratio = mbPerSecond / rawRate;
          String target =
              variant.equals(RAW) || variant.equals(ENGINE_DISK)
                  ? ""
                  : ">= 0.5 x raw and >= 100 MB/s: "
                      + (ratio >= 0.5 && mbPerSecond >= 100 ? "met" : "MISSED");
          rows.add(
              new Row(
                  benchmark,
                  variant,
                  String.format(Locale.ROOT, "%.0f MB/s (%.0f ms)", mbPerSecond, time / 1e6),
                  String.format(Locale.ROOT, "%.2f", ratio),
                  target));
        });
    long rawProcessor = processorMedian(RAW);
    processor
        .keySet()
        .forEach(
            variant ->
                rows.add(
                    new Row(
                        "processor time",
                        variant,
                        String.format(Locale.ROOT, "%.0f ms", processorMedian(variant) / 1e6),
                        String.format(
                            Locale.ROOT, "%.2f", (double) processorMedian(variant) / rawProcessor),
                        "(this JVM's, all its threads)")));
    peaks.forEach(
        (variant, figures) -> {
          long kept = Rounds.median(retained.get(variant));
          double share = (double) kept / bytes;
          String target =
              !variant.equals(ENGINE_DISK)
                  ? "(the in-memory stores keep the log)"
                  : String.format(
                      Locale.ROOT,
                      "< %.0f%% of output: %s",
                      RETAINED_TARGET * 100,
                      share < RETAINED_TARGET ? "met" : "MISSED");
          rows.add(
              new Row(
                  "heap " + variant.substring("engine: ".length()),
                  "peak used / retained by the build / GC time",
                  String.format(
                      Locale.ROOT,
                      "%d MiB / %d MiB (%.0f B/line) / %d ms",
                      Rounds.median(figures) >> 20,
                      kept >> 20,
                      (double) kept / settings.lines(),
                      Rounds.median(collecting.get(variant))),
                  String.format(Locale.ROOT, "%.3f x output", share),
                  target));
        });
    return rows;
  }

  /** The median processor time of a variant's measured runs (its last {@code rounds} runs). */
  private long processorMedian(String variant) {
    List<Long> all = processor.get(variant);
    return Rounds.median(all.subList(Math.max(0, all.size() - settings.rounds()), all.size()));
  }

  /** The processor time this JVM has used so far, all threads. */
  private static long processorNanos() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
  }

  private void recordProcessor(String variant, long since) {
    processor.computeIfAbsent(variant, key -> new ArrayList<>()).add(processorNanos() - since);
  }

  private static double rate(long bytes, long nanos) {
    return bytes / (nanos / 1e9) / 1e6;
  }

  /** Writes the lines, every thousandth with the secret in it; returns how many have it. */
  private static int generate(Path file, int lines) throws IOException {
    byte[] plain = line("").getBytes(StandardCharsets.US_ASCII);
    byte[] secret = line("token=" + SECRET + " ").getBytes(StandardCharsets.US_ASCII);
    int secretLines = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (int i = 0; i < lines; i++) {
        boolean withSecret = i % SECRET_EVERY == SECRET_EVERY - 1;
        byte[] line = withSecret ? secret : plain;
        secretLines += withSecret ? 1 : 0;
        int number = i;
        for (int digit = 8; digit >= 0; digit--) {
          line[digit] = (byte) ('0' + number % 10);
          number /= 10;
        }
        out.write(line);
      }
    }
    return secretLines;
  }

  private static String line(String inner) {
    String text = "000000000 " + inner + FILLER;
    return text.substring(0, LINE_BYTES - 1) + "\n";
  }

  private long drain(String command, long expectedBytes) throws Exception {
    long cpu = processorNanos();
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder("sh", "-c", command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try (InputStream in = process.getInputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        total += read;
      }
    }
    int exit = process.waitFor();
    long elapsed = System.nanoTime() - start;
    recordProcessor(RAW, cpu);
    check("raw drain", exit == 0 && total == expectedBytes, total + " bytes, exit " + exit);
    return elapsed;
  }

  private long localProcess(String command, long expectedChars) throws Exception {
    SecretMasker masker = new SecretMasker();
    masker.register(SECRET);
    AtomicLong lines = new AtomicLong();
    AtomicLong chars = new AtomicLong();
    long cpu = processorNanos();
    long start = System.nanoTime();
    LocalProcess process =
        LocalProcess.start(
            "sh",
            command,
            Path.of("."),
            System.getenv(),
            masker,
            InstantSource.system(),
            LocalProcess.OutputCapture.lines(
                (stderr, at, text) -> {
                  lines.incrementAndGet();
                  chars.addAndGet(text.length());
                }));
    int exit = process.waitFor();
    long elapsed = System.nanoTime() - start;
    recordProcessor(LOCAL_PROCESS, cpu);
    check(
        "LocalProcess",
        exit == 0 && chars.get() == expectedChars,
        lines + " lines, " + chars + " chars (expected " + expectedChars + "), exit " + exit);
    return elapsed;
  }

  @FunctionalInterface
  private interface EngineRun {
    /** Runs a build and returns its time and what keeps its events reachable. */
    Timed<?> run() throws Exception;
  }

  /**
   * A build's time, what keeps its events reachable, and what to close once the heap it keeps is
   * measured.
   */
  private record Timed<T>(long nanos, T keepsEvents, AutoCloseable then) {}

  /** Runs a build with the heap sampled, and measures what the finished build keeps reachable. */
  private long measured(String variant, EngineRun build) throws Exception {
    long before = HeapSampler.usedAfterCollection();
    long collectedBefore = HeapSampler.collectionMillis();
    HeapSampler sampler = new HeapSampler();
    Timed<?> timed;
    long peak;
    try {
      timed = build.run();
    } finally {
      peak = sampler.stop();
    }
    long collected = HeapSampler.collectionMillis() - collectedBefore;
    long after = HeapSampler.usedAfterCollection();
    Reference.reachabilityFence(timed.keepsEvents());
    timed.then().close();
    peaks.computeIfAbsent(variant, key -> new ArrayList<>()).add(peak);
    retained.computeIfAbsent(variant, key -> new ArrayList<>()).add(after - before);
    collecting.computeIfAbsent(variant, key -> new ArrayList<>()).add(collected);
    return timed.nanos();
  }

  private Timed<BuildHandle> viaEngine(
      String variant, ChengisEngine engine, Pipeline pipeline, long expectedChars)
      throws Exception {
    long cpu = processorNanos();
    long start = System.nanoTime();
    BuildHandle handle = engine.trigger(pipeline, TriggerRequest.manual());
    BuildResult result = handle.await();
    long elapsed = System.nanoTime() - start;
    recordProcessor(variant, cpu);
    checkBuild(result);
    checkLog("engine", engine.events(handle.id()), expectedChars);
    return new Timed<>(elapsed, handle, () -> {});
  }

  /** Runs a build on an engine of its own with the default in-memory stores. */
  private Timed<BuildHandle> viaOwnEngine(String variant, Pipeline pipeline, long expectedChars)
      throws Exception {
    ChengisEngine engine =
        ChengisEngine.builder().workspaceRoot(root.resolve("public")).secrets(secrets()).build();
    try {
      Timed<BuildHandle> timed = viaEngine(variant, engine, pipeline, expectedChars);
      return new Timed<>(timed.nanos(), timed.keepsEvents(), engine);
    } catch (Exception | Error failed) {
      engine.close();
      throw failed;
    }
  }

  /** A resolver whose local backend holds the secret the masked variant's step refers to. */
  private static SecretResolver secrets() {
    LocalSecretBackend local =
        LocalSecretBackend.of(
            SecretCipher.of("bench", Secret.of(Base64.getEncoder().encodeToString(new byte[32]))),
            new InMemorySecretVault());
    local.put(new SecretScope.Global(), "BENCH_TOKEN", Secret.of(SECRET));
    return SecretResolver.builder()
        .backend("local", local)
        .auditLog(new InMemoryAuditLog())
        .clock(InstantSource.system())
        .build();
  }

  private static void checkBuild(BuildResult result) {
    check("build", result.conclusion() == Conclusion.SUCCESS, result.toString());
  }

  private void checkLog(String what, List<BuildEvent> events, long expectedChars) {
    long lines = 0;
    long chars = 0;
    for (BuildEvent event : events) {
      if (event instanceof BuildEvent.LogBatch batch) {
        for (LogLine line : batch.lines()) {
          lines++;
          chars += line.text().length();
        }
      }
    }
    check(
        what + " log",
        lines == settings.lines() && chars == expectedChars,
        lines
            + " lines of "
            + settings.lines()
            + ", "
            + chars
            + " chars (expected "
            + expectedChars
            + ")");
  }

  private static void check(String what, boolean holds, String detail) {
    if (!holds) {
      throw new AssertionError(what + " failed its check: " + detail);
    }
  }
}
