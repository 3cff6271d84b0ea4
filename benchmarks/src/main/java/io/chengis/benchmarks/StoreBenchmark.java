package io.chengis.benchmarks;

import static io.chengis.dsl.Steps.shell;

import io.chengis.api.AgentId;
import io.chengis.api.BuildId;
import io.chengis.api.BuildResult;
import io.chengis.api.BuildState;
import io.chengis.api.Conclusion;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Outcome;
import io.chengis.api.Pipeline;
import io.chengis.api.Secret;
import io.chengis.api.TimeOrderedIds;
import io.chengis.api.spi.BuildQuery;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.ClaimRequest;
import io.chengis.api.spi.JobRef;
import io.chengis.api.spi.Lease;
import io.chengis.api.spi.QueueEntry;
import io.chengis.dsl.Chengis;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.TriggerRequest;
import io.chengis.store.SqlStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The persistence benchmarks, each side by side in one run:
 *
 * <ul>
 *   <li>one build of N {@code true} steps on an engine whose stores are a SQLite file, and on one
 *       with the in-memory stores, against N raw spawns (target: SQLite at most 1.30 x raw);
 *   <li>listing a page of 50 builds at a random place among {@code -Dstore.builds} (default
 *       100,000) stored builds of one job: p50 and p99 over 1,000 pages, SQLite and PostgreSQL;
 *   <li>queue claims per second on PostgreSQL with 4 concurrent claimers (claim then complete).
 * </ul>
 *
 * <p>PostgreSQL: {@code CHENGIS_BENCH_POSTGRES_URL} (default {@code
 * jdbc:postgresql://127.0.0.1:5432/test}) as {@code postgres}, in a schema of its own that is
 * dropped afterwards; the rows say "skipped" when no server answers.
 */
final class StoreBenchmark {
  private static final String ENGINE = "engine, SQLite stores";
  private static final String MEMORY = "engine, in-memory stores";
  private static final String RAW = "raw ProcessBuilder(true)";
  private static final JobRef JOB = new JobRef(OrgId.DEFAULT, JobId.of("listing"));
  private static final int PAGE = 50;
  private static final int PAGES = 1_000;
  private static final int CLAIMERS = 4;

  private final Settings settings;
  private final Path scratch;
  private final int builds = Integer.getInteger("store.builds", 100_000);
  private final int entries = Integer.getInteger("store.queue", 20_000);
  private final String postgres =
      Optional.ofNullable(System.getenv("CHENGIS_BENCH_POSTGRES_URL"))
          .orElse("jdbc:postgresql://127.0.0.1:5432/test");

  StoreBenchmark(Settings settings, Path scratch) {
    this.settings = settings;
    this.scratch = scratch;
  }

  List<Row> run() throws Exception {
    Files.createDirectories(scratch);
    List<Row> rows = new ArrayList<>(spawn());
    try (SqlStores sqlite = SqlStores.sqlite(scratch.resolve("listing.db"))) {
      rows.add(listing("SQLite", sqlite));
    }
    Optional<String> schema = schema();
    if (schema.isEmpty()) {
      rows.add(new Row("build list", "PostgreSQL", "skipped: no server at " + postgres, "", ""));
      rows.add(new Row("queue claims", "PostgreSQL", "skipped: no server", "", ""));
      return rows;
    }
    String url = postgres + "?currentSchema=" + schema.get();
    try (SqlStores pg = SqlStores.postgresql(url, "postgres", Secret.of(""))) {
      rows.add(listing("PostgreSQL", pg));
      rows.add(claims(pg));
    } finally {
      execute("drop schema if exists " + schema.get() + " cascade");
    }
    return rows;
  }

  private List<Row> spawn() throws Exception {
    int steps = settings.steps();
    Pipeline pipeline =
        Chengis.pipeline(
            "store-spawn",
            p ->
                p.stage(
                    "steps",
                    s -> {
                      for (int i = 1; i <= steps; i++) {
                        s.step("true-" + i, shell("true"));
                      }
                    }));
    Map<String, List<Long>> nanos;
    try (SqlStores stores = SqlStores.sqlite(scratch.resolve("spawn.db"));
        ChengisEngine engine =
            ChengisEngine.builder()
                .buildStore(stores.builds())
                .logStore(stores.logs())
                .eventStore(stores.events())
                .workspaceRoot(scratch.resolve("work"))
                .build();
        ChengisEngine memory =
            ChengisEngine.builder().workspaceRoot(scratch.resolve("memory-work")).build()) {
      nanos =
          new Rounds()
              .add(ENGINE, () -> SpawnBenchmark.timed(() -> succeed(engine, pipeline)))
              .add(MEMORY, () -> SpawnBenchmark.timed(() -> succeed(memory, pipeline)))
              .add(RAW, () -> SpawnBenchmark.timed(() -> SpawnBenchmark.spawn(steps, "true")))
              .run("store spawn", settings.spawnWarmup(), settings.rounds());
    }
    long raw = Rounds.median(nanos.get(RAW));
    List<Row> rows = new ArrayList<>();
    nanos.forEach(
        (variant, figures) -> {
          long total = Rounds.median(figures);
          double ratio = (double) total / raw;
          rows.add(
              new Row(
                  "store spawn x" + steps,
                  variant,
                  String.format(
                      Locale.ROOT, "%.1f ms total, %.3f ms/step", total / 1e6, total / 1e6 / steps),
                  String.format(Locale.ROOT, "%.2f", ratio),
                  variant.equals(ENGINE)
                      ? "<= 1.30 x raw: " + (ratio <= 1.30 ? "met" : "MISSED")
                      : ""));
        });
    return rows;
  }

  private static void succeed(ChengisEngine engine, Pipeline pipeline) throws InterruptedException {
    BuildResult result = engine.trigger(pipeline, TriggerRequest.manual()).await();
    if (result.conclusion() != Conclusion.SUCCESS || !result.warnings().isEmpty()) {
      throw new AssertionError("the build did not succeed: " + result);
    }
  }

  /** Stores the builds from 16 virtual threads (so the SQLite writer batches), then pages. */
  private Row listing(String database, SqlStores stores) throws Exception {
    long loadStart = System.nanoTime();
    TimeOrderedIds<BuildId> ids = BuildId.generator(InstantSource.system());
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    AtomicLong next = new AtomicLong();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> loaders = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        loaders.add(
            threads.submit(
                () -> {
                  while (next.incrementAndGet() <= builds) {
                    stores.builds().save(finished(ids.next(), stores.builds().nextNumber(JOB), at));
                  }
                  return null;
                }));
      }
      for (Future<?> loader : loaders) {
        loader.get();
      }
    }
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 100; i++) {
      page(stores, random);
    }
    long[] nanos = new long[PAGES];
    for (int i = 0; i < PAGES; i++) {
      long start = System.nanoTime();
      page(stores, random);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return new Row(
        "build list, " + builds + " builds",
        database,
        String.format(
            Locale.ROOT,
            "page of %d: p50 %.2f ms, p99 %.2f ms (stored at %.0f builds/s)",
            PAGE,
            nanos[PAGES / 2] / 1e6,
            nanos[PAGES * 99 / 100] / 1e6,
            builds / loadSeconds),
        "",
        "");
  }

  private void page(SqlStores stores, SplittableRandom random) {
    long before = 1 + random.nextLong(builds);
    int got =
        stores
            .builds()
            .list(new BuildQuery(JOB, Optional.of(Long.toString(before)), PAGE))
            .items()
            .size();
    if (got != Math.min(PAGE, before - 1)) {
      throw new AssertionError("a page before build " + before + " held " + got + " builds");
    }
  }

  private static BuildRecord finished(BuildId id, long number, Instant at) {
    BuildResult result =
        new BuildResult(
            id,
            JOB.jobId(),
            number,
            1,
            Optional.empty(),
            Outcome.SUCCESS,
            Conclusion.SUCCESS,
            Optional.of(at),
            Optional.of(at.plusSeconds(30)),
            Optional.empty(),
            List.of(),
            List.of(),
            List.of());
    return new BuildRecord(
        JOB.org(),
        id,
        JOB.jobId(),
        number,
        1,
        Optional.empty(),
        BuildState.FINISHED,
        Map.of(),
        at,
        Optional.of(result));
  }

  private Row claims(SqlStores stores) throws Exception {
    TimeOrderedIds<BuildId> ids = BuildId.generator(InstantSource.system());
    Instant now = Instant.now();
    for (int i = 0; i < entries; i++) {
      stores
          .queue()
          .enqueue(
              new QueueEntry(
                  new BuildRef(OrgId.DEFAULT, ids.next()), JobId.of("queued"), Set.of(), now));
    }
    AtomicLong claimed = new AtomicLong();
    long start = System.nanoTime();
    try (ExecutorService threads = Executors.newFixedThreadPool(CLAIMERS)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < CLAIMERS; w++) {
        AgentId worker = AgentId.of("worker-" + w);
        workers.add(
            threads.submit(
                () -> {
                  while (true) {
                    Optional<Lease> lease =
                        stores
                            .queue()
                            .claim(
                                new ClaimRequest(
                                    OrgId.DEFAULT,
                                    worker,
                                    Set.of(),
                                    Duration.ofMinutes(5),
                                    Instant.now()));
                    if (lease.isEmpty()) {
                      return null;
                    }
                    if (!stores.queue().complete(lease.get())) {
                      throw new AssertionError("a fresh lease was not completed: " + lease.get());
                    }
                    claimed.incrementAndGet();
                  }
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (claimed.get() != entries) {
      throw new AssertionError("claimed " + claimed.get() + " of " + entries + " entries");
    }
    return new Row(
        "queue claims, " + CLAIMERS + " claimers",
        "PostgreSQL, SKIP LOCKED",
        String.format(
            Locale.ROOT, "%.0f claims/s (%d claimed and completed)", entries / seconds, entries),
        "",
        "");
  }

  private Optional<String> schema() {
    String schema = "chengis_bench_" + ProcessHandle.current().pid();
    try {
      execute("drop schema if exists " + schema + " cascade");
      execute("create schema " + schema);
      return Optional.of(schema);
    } catch (SQLException unreachable) {
      return Optional.empty();
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(postgres, "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
