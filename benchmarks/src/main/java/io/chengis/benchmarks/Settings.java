package io.chengis.benchmarks;

/**
 * The sizes of one harness run.
 *
 * @param steps spawns per variant and round
 * @param lines output lines of {@link ThroughputBenchmark#LINE_BYTES} bytes
 * @param rounds measured rounds per variant; the median is reported
 * @param warmup unmeasured spawn rounds before the measured ones
 */
record Settings(int steps, int lines, int rounds, int warmup) {
  Settings {
    if (steps < 1 || lines < 1 || rounds < 1 || warmup < 0) {
      throw new IllegalArgumentException(
          "benchmark sizes must be positive (was steps="
              + steps
              + ", lines="
              + lines
              + ", rounds="
              + rounds
              + ", warmup="
              + warmup
              + "); e.g. -Dsteps=20 -Dlines=100000 -Drounds=1 -Dwarmup=1 for a quick run");
    }
  }

  static Settings fromSystemProperties() {
    return new Settings(
        Integer.getInteger("steps", 200),
        Integer.getInteger("lines", 1_000_000),
        Integer.getInteger("rounds", 3),
        Integer.getInteger("warmup", 2));
  }

  @Override
  public String toString() {
    return "steps=" + steps + " lines=" + lines + " rounds=" + rounds + " warmup=" + warmup;
  }
}
