package io.chengis.engine.internal;

import io.chengis.api.Concurrency;
import io.chengis.api.Outcome;
import io.chengis.api.Pipeline;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Per-key concurrency groups: at most one build of a key runs at a time. With {@link
 * Concurrency.OnConflict#QUEUE} a new build waits (state QUEUED) for the running one; with {@link
 * Concurrency.OnConflict#CANCEL_RUNNING} it cancels the running one first. Stage groups work the
 * same way for single stages of any build, under keys of their own (a stage never waits for the
 * build it belongs to). Thread-safe.
 */
public final class ConcurrencyGroups {
  private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
  private final Map<String, BuildRun> holders = new ConcurrentHashMap<>();
  private final Map<String, Semaphore> stagePermits = new ConcurrentHashMap<>();
  private final Map<String, CancelToken> stageHolders = new ConcurrentHashMap<>();

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
    String key = run.groupKey(group);
    Semaphore permit = permits.computeIfAbsent(key, k -> new Semaphore(1, true));
    if (group.onConflict() == Concurrency.OnConflict.CANCEL_RUNNING) {
      BuildRun holder = holders.get(key);
      if (holder != null) {
        holder.cancel("superseded by build #" + run.number() + " of group " + key);
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
    holders.put(key, run);
    try {
      run.run();
    } finally {
      holders.remove(key, run);
      permit.release();
    }
  }

  /**
   * Enters a stage group on the calling thread: cancels the stage holding it first when the group
   * cancels in progress, then waits until the group is free or the stage is cancelled.
   *
   * @param key the rendered group key
   * @param onConflict what the group does with the stage that holds it
   * @param who the entering stage, for the reason given to a superseded stage
   * @param stage the entering stage's token
   * @return what leaves the group; call it once the stage has ended
   * @throws InterruptedException when the stage was cancelled while it waited
   */
  public Runnable enterStage(
      String key, Concurrency.OnConflict onConflict, String who, CancelToken stage)
      throws InterruptedException {
    Semaphore permit = stagePermits.computeIfAbsent(key, k -> new Semaphore(1, true));
    if (onConflict == Concurrency.OnConflict.CANCEL_RUNNING) {
      CancelToken holder = stageHolders.get(key);
      if (holder != null) {
        holder.cancel(Outcome.CANCELLED, "superseded by " + who + " of concurrency group " + key);
      }
    }
    CancellableWait wait = new CancellableWait();
    stage.onCancel(wait::interrupt);
    try {
      permit.acquire();
    } finally {
      wait.done();
    }
    stageHolders.put(key, stage);
    return () -> {
      stageHolders.remove(key, stage);
      permit.release();
    };
  }
}
