package io.chengis.engine.internal;

import io.chengis.api.Concurrency;
import io.chengis.api.Pipeline;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Per-key concurrency groups: at most one build of a key runs at a time. With {@link
 * Concurrency.OnConflict#QUEUE} a new build waits (state QUEUED) for the running one; with {@link
 * Concurrency.OnConflict#CANCEL_RUNNING} it cancels the running one first. Thread-safe.
 */
public final class ConcurrencyGroups {
  private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
  private final Map<String, BuildRun> holders = new ConcurrentHashMap<>();

  /**
   * Runs the build on the calling thread, inside its pipeline's group when it has one.
   *
   * @param pipeline the build's pipeline
   * @param run the build
   */
  public void run(Pipeline pipeline, BuildRun run) {
    if (pipeline.concurrency().isEmpty()) {
      run.run();
      return;
    }
    Concurrency group = pipeline.concurrency().get();
    Semaphore permit = permits.computeIfAbsent(group.key(), key -> new Semaphore(1, true));
    if (group.onConflict() == Concurrency.OnConflict.CANCEL_RUNNING) {
      BuildRun holder = holders.get(group.key());
      if (holder != null) {
        holder.cancel("superseded by build #" + run.number() + " of group " + group.key());
      }
    }
    CancellableWait wait = new CancellableWait();
    run.onCancel(wait::interrupt);
    try {
      permit.acquire();
    } catch (InterruptedException cancelledWhileWaiting) {
      // Cancelled while waiting for its group: the build ends without running.
      wait.done();
      run.run();
      return;
    }
    wait.done();
    holders.put(group.key(), run);
    try {
      run.run();
    } finally {
      holders.remove(group.key(), run);
      permit.release();
    }
  }
}
