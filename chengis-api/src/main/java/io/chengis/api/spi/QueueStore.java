package io.chengis.api.spi;

import io.chengis.api.OrgId;
import java.util.List;
import java.util.Optional;

/**
 * The queue of builds waiting for a worker. Work is claimed with a lease, never pushed: a worker
 * claims an entry, renews the lease while it runs and completes it when done; an expired lease
 * makes the entry claimable again with a higher fencing token.
 *
 * <p>Protocol: the engine calls {@link #enqueue} when a build is queued; workers call {@link
 * #claim} in a loop (on their own virtual threads, many at once, across engine nodes), {@link
 * #renew} every fraction of the lease, and {@link #complete} once. All may block on I/O; claim must
 * not block waiting for work (return empty instead). Two concurrent claims never get the same
 * entry. An exception ({@link io.chengis.api.StoreException}) means nothing changed.
 * Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface QueueStore {
  /**
   * Queues a build. Queuing a build that is already queued is a no-op.
   *
   * @param entry the build and its requirements
   * @since 0.1.0
   */
  void enqueue(QueueEntry entry);

  /**
   * Claims the first claimable entry the worker can run, by {@linkplain QueueEntry priority} then
   * age: one never claimed, or whose lease expired before {@code request.now()}, and whose {@code
   * notBefore} has come. An entry whose lease expired for the {@code maxAttempts}-th time is moved
   * to the dead letters instead.
   *
   * @param request the worker, its labels and the lease duration
   * @return the lease, or empty when there is nothing to claim
   * @since 0.1.0
   */
  Optional<Lease> claim(ClaimRequest request);

  /**
   * Extends a lease, if the worker still holds it.
   *
   * @param renewal the lease and the extension
   * @return the extended lease, or empty when the token is stale or the lease has expired (the
   *     worker must stop)
   * @since 0.1.0
   */
  Optional<Lease> renew(LeaseRenewal renewal);

  /**
   * Removes a finished entry from the queue, checked against the fencing token. Idempotent:
   * completing again with the same token returns {@code true} again.
   *
   * @param lease the lease to end, as the worker last got it
   * @return {@code true} when the entry is completed under this token; {@code false} when another
   *     claim superseded it (the caller's result must be discarded)
   * @since 0.1.0
   */
  boolean complete(Lease lease);

  /**
   * The entries of an organization that were dead-lettered: their lease expired {@code maxAttempts}
   * times. They are never claimed again; an operator re-enqueues or concludes them.
   *
   * @param org the organization
   * @return the dead-lettered entries, oldest first
   * @since 0.1.0
   */
  List<QueueEntry> deadLetters(OrgId org);
}
