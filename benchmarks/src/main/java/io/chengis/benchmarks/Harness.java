package io.chengis.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures the engine end to end against raw {@link ProcessBuilder} baselines taken in the same
 * process and run: the overhead of spawning a step, and the throughput of captured output. Prints
 * one table and exits 0, or exits 1 when any build or check fails.
 *
 * <p>Sizes come from system properties: {@code -Dsteps=200} (spawns per round), {@code
 * -Dlines=1000000} (output lines of 100 bytes), {@code -Drounds=3} (measured rounds, the median is
 * reported), {@code -Dwarmup=2} (unmeasured spawn rounds; output gets one) and {@code
 * -DcontainerSteps=10} (container steps per round; skipped when no container engine answers).
 * {@code -Dbench=spawn,output,containers,checkout,store,caches} picks benchmarks (all by default);
 * the checkout benchmark's repository has {@code -DrepoFiles=2000} files over {@code
 * -DrepoCommits=20} commits.
 */
public final class Harness {
  private Harness() {}

  /**
   * Runs every benchmark and prints the table.
   *
   * @param args ignored; use system properties
   */
  public static void main(String[] args) {
    int exit = 0;
    Path scratch = null;
    try {
      Settings settings = Settings.fromSystemProperties();
      scratch = Files.createTempDirectory("chengis-bench");
      System.out.printf(
          Locale.ROOT,
          "Chengis benchmarks: %s; Java %s (%s), %d cores, max heap %d MiB, GC %s%n",
          settings,
          Runtime.version(),
          System.getProperty("java.vm.name"),
          Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20,
          ManagementFactory.getGarbageCollectorMXBeans().stream().map(gc -> gc.getName()).toList());
      List<Row> rows = new ArrayList<>();
      List<String> only =
          List.of(
              System.getProperty("bench", "spawn,output,containers,checkout,store,caches")
                  .split(","));
      if (only.contains("spawn")) {
        rows.addAll(new SpawnBenchmark(settings, scratch.resolve("spawn")).run());
      }
      if (only.contains("output")) {
        rows.addAll(new ThroughputBenchmark(settings, scratch.resolve("output")).run());
      }
      if (only.contains("containers")) {
        rows.addAll(new ContainerBenchmark(settings, scratch.resolve("containers")).run());
      }
      if (only.contains("store")) {
        rows.addAll(new StoreBenchmark(settings, scratch.resolve("store")).run());
      }
      if (only.contains("checkout")) {
        rows.addAll(new CheckoutBenchmark(settings, scratch.resolve("checkout")).run());
      }
      if (only.contains("caches")) {
        rows.addAll(new CacheBenchmark(settings, scratch.resolve("caches")).run());
      }
      System.out.println();
      System.out.print(Row.table(rows));
    } catch (Exception | AssertionError failed) {
      System.out.flush();
      System.err.println("BENCHMARK FAILED: " + failed);
      failed.printStackTrace();
      exit = 1;
    } finally {
      if (scratch != null) {
        delete(scratch);
      }
    }
    System.exit(exit);
  }

  private static void delete(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException leftOver) {
      System.err.println("could not delete " + root + ": " + leftOver);
    }
  }
}
