package io.chengis.benchmarks;

/**
 * The sizes of one harness run.
 *
 * @param steps spawns per variant and round
 * @param lines output lines of {@link ThroughputBenchmark#LINE_BYTES} bytes
 * @param rounds measured rounds per variant; the median is reported
 * @param warmup unmeasured rounds before the measured ones
 * @param spawnWarmup unmeasured rounds of the spawn benchmark and of the store benchmark's spawn
 *     rows: more than the others by default, because the engine runs its per-step code once per
 *     step and the JIT compiler reaches it only after thousands of steps (see {@link
 *     #SPAWN_WARMUP})
 */
record Settings(int steps, int lines, int rounds, int warmup, int spawnWarmup) {
  /**
   * The spawn benchmark's default warm-up: ten rounds, about 6,000 engine steps and 2,000 one-step
   * builds, after which the C2 compiler has compiled the per-step path. With two, the measured
   * rounds still run much of it as profiled C1 code while C2 compiles it on the other core, and the
   * ratio shows that start-up transient rather than the cost of a step (decision 62).
   */
  static final int SPAWN_WARMUP = 10;

  Settings {
    if (steps < 1 || lines < 1 || rounds < 1 || warmup < 0 || spawnWarmup < 0) {
      throw new IllegalArgumentException(
          "benchmark sizes must be positive (was steps="
              + steps
              + ", lines="
              + lines
              + ", rounds="
              + rounds
              + ", warmup="
              + warmup
              + ", spawn.warmup="
              + spawnWarmup
              + "); e.g. -Dsteps=20 -Dlines=100000 -Drounds=1 -Dwarmup=1 for a quick run");
    }
  }

  /**
   * The sizes the system properties give: {@code -Dwarmup} sets every benchmark's warm-up, the
   * spawn benchmark's too unless {@code -Dspawn.warmup} sets that one.
   */
  static Settings fromSystemProperties() {
    Integer warmup = Integer.getInteger("warmup");
    return new Settings(
        Integer.getInteger("steps", 200),
        Integer.getInteger("lines", 1_000_000),
        Integer.getInteger("rounds", 3),
        warmup == null ? 2 : warmup,
        Integer.getInteger("spawn.warmup", warmup == null ? SPAWN_WARMUP : warmup));
  }

  @Override
  public String toString() {
    return "steps="
        + steps
        + " lines="
        + lines
        + " rounds="
        + rounds
        + " warmup="
        + warmup
        + " spawn.warmup="
        + spawnWarmup;
  }
}
