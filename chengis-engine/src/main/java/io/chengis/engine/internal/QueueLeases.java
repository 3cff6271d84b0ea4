package io.chengis.engine.internal;

import io.chengis.api.AgentId;
import io.chengis.api.BuildId;
import io.chengis.api.CrashPolicy;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.ClaimRequest;
import io.chengis.api.spi.Lease;
import io.chengis.api.spi.LeaseRenewal;
import io.chengis.api.spi.QueueEntry;
import io.chengis.api.spi.QueueStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The engine's use of the {@link QueueStore}: a build whose pipeline requeues on crash is queued
 * with a label naming it ({@code chengis-build=<id>}) and claimed by this engine right away, so
 * that its lease (renewed every third of its duration while the build runs or waits, completed when
 * it finishes) tells other engines that it runs; when the process dies the lease expires and the
 * next engine to resume the build claims it again, with a higher fencing token and one more
 * attempt.
 *
 * <p>Thread-safe.
 */
public final class QueueLeases {
  private final QueueStore queue;
  private final OrgId org;
  private final AgentId worker;
  private final Duration lease;
  private final InstantSource clock;
  private final Timers timers;

  /**
   * Leases of one engine.
   *
   * @param queue the queue
   * @param org the engine's organization
   * @param worker the engine's name as a worker
   * @param lease how long a lease lasts unless renewed
   * @param clock the engine's clock
   * @param timers where renewals are scheduled
   */
  public QueueLeases(
      QueueStore queue,
      OrgId org,
      AgentId worker,
      Duration lease,
      InstantSource clock,
      Timers timers) {
    this.queue = queue;
    this.org = org;
    this.worker = worker;
    this.lease = lease;
    this.clock = clock;
    this.timers = timers;
  }

  /** The label of the queue entry of a build. */
  public static String label(BuildId build) {
    return "chengis-build=" + build;
  }

  /** Queues a new build whose pipeline requeues on crash. */
  public void enqueue(BuildId build, JobId job, CrashPolicy policy) {
    queue.enqueue(
        new QueueEntry(new BuildRef(org, build), job, Set.of(label(build)), clock.instant())
            .withMaxAttempts(policy.maxAttempts()));
  }

  /**
   * Claims the queue entry of a build, if it has one that is claimable.
   *
   * @return the lease, or empty when the build is not in the queue or another worker holds it
   */
  public Optional<Lease> claim(BuildId build) {
    Optional<Lease> claimed =
        queue.claim(new ClaimRequest(org, worker, Set.of(label(build)), lease, clock.instant()));
    if (claimed.isPresent() && !claimed.get().entry().build().buildId().equals(build)) {
      // An unlabelled entry of the host's: not ours to run; its lease expires untouched.
      return Optional.empty();
    }
    return claimed;
  }

  /**
   * Keeps a lease while a build runs: renews it every third of its duration; tells {@code lost}
   * when another worker took it over (the build must stop).
   *
   * @return call to stop renewing and complete the entry, when the build has finished
   */
  public Runnable hold(Lease first, Consumer<String> lost) {
    AtomicReference<Lease> current = new AtomicReference<>(first);
    AtomicReference<Timers.Scheduled> next = new AtomicReference<>();
    AtomicBoolean stopped = new AtomicBoolean();
    Duration every = lease.dividedBy(3);
    Runnable renew =
        new Runnable() {
          @Override
          public void run() {
            timers.start(
                "chengis-queue-lease",
                () -> {
                  if (stopped.get()) {
                    return;
                  }
                  Optional<Lease> renewed;
                  try {
                    renewed = queue.renew(new LeaseRenewal(current.get(), lease, clock.instant()));
                  } catch (RuntimeException storeTrouble) {
                    renewed = Optional.of(current.get()); // try again next time
                  }
                  if (renewed.isEmpty()) {
                    lost.accept(
                        "the build's queue lease (token "
                            + current.get().token()
                            + ") was taken over by another worker");
                    return;
                  }
                  current.set(renewed.get());
                  if (!stopped.get()) {
                    next.set(timers.after(every, this));
                  }
                });
          }
        };
    next.set(timers.after(every, renew));
    return () -> {
      stopped.set(true);
      Timers.Scheduled scheduled = next.get();
      if (scheduled != null) {
        scheduled.cancel();
      }
      queue.complete(current.get());
    };
  }
}
