package io.chengis.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Samples the heap in use every few milliseconds on a platform thread of its own and keeps the
 * highest value. A sample can miss the very top between two collections; the retained figure
 * ({@link #usedAfterCollection()}) is the exact one.
 */
final class HeapSampler {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private final Thread thread;
  private volatile boolean stopped;
  private volatile long peak;

  HeapSampler() {
    peak = used();
    thread = Thread.ofPlatform().daemon().name("heap-sampler").start(this::sample);
  }

  /** Time the collectors have spent so far, in milliseconds (pauses, and G1's concurrent work). */
  static long collectionMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .filter(millis -> millis > 0)
        .sum();
  }

  /** The heap in use after a full collection: what is still reachable. */
  static long usedAfterCollection() {
    System.gc();
    System.gc();
    return used();
  }

  /** Stops sampling and returns the highest heap use seen. */
  long stop() throws InterruptedException {
    stopped = true;
    thread.join();
    return Math.max(peak, used());
  }

  private void sample() {
    while (!stopped) {
      peak = Math.max(peak, used());
      try {
        Thread.sleep(5);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static long used() {
    return MEMORY.getHeapMemoryUsage().getUsed();
  }
}
