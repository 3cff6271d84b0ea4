package io.chengis.engine.memory;

import io.chengis.api.AgentId;
import io.chengis.api.OrgId;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.ClaimRequest;
import io.chengis.api.spi.Lease;
import io.chengis.api.spi.LeaseRenewal;
import io.chengis.api.spi.QueueEntry;
import io.chengis.api.spi.QueueStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A {@link QueueStore} on the heap, for tests and ephemeral hosts.
 *
 * <p>Entries wait per organization, oldest {@link QueueEntry#enqueuedAt()} first (ties in the order
 * they were queued); a worker claims only from the organization it names and only entries whose
 * labels it all offers. Time is only ever the {@code now} of the request: a lease is held up to and
 * including its {@link Lease#expiresAt()} and is expired, so the entry claimable again, at any
 * later instant. Fencing tokens count claims of an entry from 1, so a re-claim always has a higher
 * token than every earlier lease. A lease renews only with the entry's current token and holder
 * while unexpired; it completes with the current token even after expiry as long as no other worker
 * claimed the entry since. A completed entry remembers its token so that completing again answers
 * {@code true}; queuing the same build after completion queues it anew, its tokens continuing above
 * the completed one.
 *
 * <p>Thread-safe: every method may be called from any thread, by many workers at once; claims are
 * serialized by a short store-wide lock, so two claims never get the same entry, and none waits for
 * work.
 *
 * @since 0.1.0
 */
public final class InMemoryQueueStore implements QueueStore {
  private static final Comparator<Slot> OLDEST_FIRST =
      Comparator.comparingInt((Slot slot) -> -slot.entry.priority())
          .thenComparing(slot -> slot.entry.enqueuedAt())
          .thenComparingLong(s -> s.order);

  private final Guard guard = new Guard();
  private final Map<BuildRef, Slot> queued = new HashMap<>();
  private final Map<OrgId, NavigableSet<Slot>> waiting = new HashMap<>();
  private final Map<BuildRef, Lease> completed = new HashMap<>();
  private final Map<OrgId, List<QueueEntry>> dead = new HashMap<>();
  private long queuedCount;

  /**
   * Creates an empty queue.
   *
   * @since 0.1.0
   */
  public InMemoryQueueStore() {}

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public void enqueue(QueueEntry entry) {
    Objects.requireNonNull(entry, "entry");
    guard.run(
        () -> {
          if (queued.containsKey(entry.build())) {
            return;
          }
          Slot slot =
              new Slot(
                  entry,
                  queuedCount++,
                  Optional.ofNullable(completed.get(entry.build())).map(Lease::token).orElse(0L));
          queued.put(entry.build(), slot);
          waiting.computeIfAbsent(entry.build().org(), o -> new TreeSet<>(OLDEST_FIRST)).add(slot);
        });
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public Optional<Lease> claim(ClaimRequest request) {
    Objects.requireNonNull(request, "request");
    return guard.call(
        () -> {
          NavigableSet<Slot> slots = waiting.getOrDefault(request.org(), new TreeSet<>());
          for (Iterator<Slot> it = slots.iterator(); it.hasNext(); ) {
            Slot slot = it.next();
            if (slot.exhaustedAt(request.now())) {
              it.remove();
              queued.remove(slot.entry.build());
              dead.computeIfAbsent(request.org(), o -> new ArrayList<>()).add(slot.entry);
              continue;
            }
            if (slot.claimableAt(request.now())
                && request.labels().containsAll(slot.entry.labels())) {
              slot.token++;
              slot.attempts++;
              slot.holder = Optional.of(request.worker());
              slot.expiresAt = request.now().plus(request.leaseFor());
              return Optional.of(slot.lease());
            }
          }
          return Optional.empty();
        });
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public Optional<Lease> renew(LeaseRenewal renewal) {
    Objects.requireNonNull(renewal, "renewal");
    Lease lease = renewal.lease();
    return guard.call(
        () -> {
          Slot slot = queued.get(lease.entry().build());
          if (slot == null || !slot.heldUnder(lease) || renewal.now().isAfter(slot.expiresAt)) {
            return Optional.empty();
          }
          slot.expiresAt = renewal.now().plus(renewal.extendBy());
          return Optional.of(slot.lease());
        });
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public boolean complete(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    BuildRef build = lease.entry().build();
    return guard.call(
        () -> {
          Slot slot = queued.get(build);
          if (slot != null && slot.heldUnder(lease)) {
            queued.remove(build);
            waiting.get(build.org()).remove(slot);
            completed.put(build, slot.lease());
            return true;
          }
          Lease last = completed.get(build);
          return last != null
              && last.token() == lease.token()
              && last.holder().equals(lease.holder());
        });
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public List<QueueEntry> deadLetters(OrgId org) {
    Objects.requireNonNull(org, "org");
    return guard.call(() -> List.copyOf(dead.getOrDefault(org, List.of())));
  }

  /** A queued entry and its current claim; guarded by the store's lock. */
  private static final class Slot {
    final QueueEntry entry;
    final long order;
    long token;
    int attempts;
    Optional<AgentId> holder = Optional.empty();
    Instant expiresAt = Instant.MIN;

    Slot(QueueEntry entry, long order, long token) {
      this.entry = entry;
      this.order = order;
      this.token = token;
    }

    boolean claimableAt(Instant now) {
      return !entry.notBefore().isAfter(now) && (holder.isEmpty() || expiresAt.isBefore(now));
    }

    boolean exhaustedAt(Instant now) {
      return holder.isPresent() && expiresAt.isBefore(now) && attempts >= entry.maxAttempts();
    }

    boolean heldUnder(Lease lease) {
      return holder.isPresent() && token == lease.token() && holder.get().equals(lease.holder());
    }

    Lease lease() {
      return new Lease(entry, holder.orElseThrow(), token, expiresAt);
    }
  }
}
