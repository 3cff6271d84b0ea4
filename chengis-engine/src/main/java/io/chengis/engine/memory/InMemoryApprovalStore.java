package io.chengis.engine.memory;

import io.chengis.api.StoreException;
import io.chengis.api.spi.Approval;
import io.chengis.api.spi.ApprovalRequest;
import io.chengis.api.spi.ApprovalStore;
import io.chengis.api.spi.ApprovalVote;
import io.chengis.api.spi.BuildRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link ApprovalStore} on the heap, for tests and ephemeral hosts: its gates do not outlive the
 * process. Votes are listed by time, then voter, as the SQL stores list them.
 *
 * <p>Thread-safe: one short lock guards every call.
 *
 * @since 0.1.0
 */
public final class InMemoryApprovalStore implements ApprovalStore {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Key, Approval> gates = new HashMap<>();

  private record Key(BuildRef build, String stage) {}

  /**
   * Creates an empty store.
   *
   * @since 0.1.0
   */
  public InMemoryApprovalStore() {}

  @Override
  public void request(ApprovalRequest request) {
    Objects.requireNonNull(request, "request");
    lock.lock();
    try {
      gates.putIfAbsent(
          new Key(request.build(), request.stage()),
          new Approval(request, Approval.State.PENDING, Optional.empty(), List.of()));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void vote(ApprovalVote vote) {
    Objects.requireNonNull(vote, "vote");
    lock.lock();
    try {
      Key key = new Key(vote.build(), vote.stage());
      Approval gate = gates.get(key);
      if (gate == null) {
        throw new StoreException(
            "approval store: no gate of stage \""
                + vote.stage()
                + "\" is recorded for build "
                + vote.build().buildId()
                + "; record the gate with request(...) before its votes");
      }
      List<ApprovalVote> votes = new ArrayList<>(gate.votes());
      votes.removeIf(earlier -> earlier.voter().equals(vote.voter()));
      votes.add(vote);
      votes.sort(Comparator.comparing(ApprovalVote::at).thenComparing(ApprovalVote::voter));
      gates.put(key, new Approval(gate.request(), gate.state(), gate.decidedAt(), votes));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean decide(BuildRef build, String stage, Approval.State state, Instant at) {
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(at, "at");
    if (Objects.requireNonNull(state, "state") == Approval.State.PENDING) {
      throw new IllegalArgumentException(
          "approval store: a gate cannot be decided as PENDING; decide APPROVED, REJECTED,"
              + " TIMED_OUT or CANCELLED");
    }
    lock.lock();
    try {
      Key key = new Key(build, stage);
      Approval gate = gates.get(key);
      if (gate == null || gate.state() != Approval.State.PENDING) {
        return false;
      }
      gates.put(key, new Approval(gate.request(), state, Optional.of(at), gate.votes()));
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Approval> find(BuildRef build, String stage) {
    lock.lock();
    try {
      return Optional.ofNullable(
          gates.get(
              new Key(
                  Objects.requireNonNull(build, "build"), Objects.requireNonNull(stage, "stage"))));
    } finally {
      lock.unlock();
    }
  }
}
