package io.chengis.testkit.contract;

import static io.chengis.testkit.contract.StoreFixtures.ACME;
import static io.chengis.testkit.contract.StoreFixtures.GLOBEX;
import static io.chengis.testkit.contract.StoreFixtures.T0;
import static io.chengis.testkit.contract.StoreFixtures.buildRef;
import static io.chengis.testkit.contract.StoreFixtures.concurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.StoreException;
import io.chengis.api.spi.Approval;
import io.chengis.api.spi.ApprovalRequest;
import io.chengis.api.spi.ApprovalStore;
import io.chengis.api.spi.ApprovalVote;
import io.chengis.api.spi.BuildRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol of {@link ApprovalStore}, for every implementation. */
public abstract class ApprovalStoreContract {
  /** For subclasses, which supply the implementation under test. */
  protected ApprovalStoreContract() {}

  private ApprovalStore store;
  private @Nullable ApprovalStore propertyStore;

  /** A new, empty store. */
  protected abstract ApprovalStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private static ApprovalRequest gate(BuildRef build, String stage, int required) {
    return new ApprovalRequest(
        build,
        stage,
        "Ship to production?",
        List.of("alice", "bob", "carol"),
        List.of("release-managers"),
        required,
        T0.plusNanos(123_456_789),
        T0.plus(Duration.ofHours(24)));
  }

  private static ApprovalVote vote(BuildRef build, String stage, String voter, boolean approve) {
    return new ApprovalVote(
        build, stage, voter, approve, approve ? "" : "not today", T0.plusSeconds(60));
  }

  @Test
  void find_unknownGate_isEmpty() {
    assertThat(store.find(buildRef(ACME), "deploy")).isEmpty();
  }

  @Test
  void request_newGate_isPendingWithoutVotesAndKeepsEveryField() {
    BuildRef build = buildRef(ACME);
    ApprovalRequest request = gate(build, "deploy", 2);

    store.request(request);

    assertThat(store.find(build, "deploy"))
        .contains(new Approval(request, Approval.State.PENDING, Optional.empty(), List.of()));
    assertThat(store.find(build, "deploy").orElseThrow().request().requestedAt())
        .isEqualTo(T0.plusMillis(123));
  }

  @Test
  void request_sameGateAgain_keepsTheFirstDeadline() {
    BuildRef build = buildRef(ACME);
    ApprovalRequest first = gate(build, "deploy", 1);
    store.request(first);

    store.request(
        new ApprovalRequest(
            build,
            "deploy",
            "again",
            List.of(),
            List.of(),
            3,
            T0.plusSeconds(900),
            T0.plusSeconds(999)));

    assertThat(store.find(build, "deploy").orElseThrow().request()).isEqualTo(first);
  }

  @Test
  void vote_recordsVotesOldestFirstAndTheSameVoterOnce() {
    BuildRef build = buildRef(ACME);
    store.request(gate(build, "deploy", 2));
    ApprovalVote alice = vote(build, "deploy", "alice", true);
    ApprovalVote bob = vote(build, "deploy", "bob", true);
    ApprovalVote aliceAgain =
        new ApprovalVote(build, "deploy", "alice", false, "changed my mind", T0.plusSeconds(120));

    store.vote(alice);
    store.vote(bob);
    store.vote(aliceAgain);

    assertThat(store.find(build, "deploy").orElseThrow().votes()).containsExactly(bob, aliceAgain);
  }

  @Test
  void vote_withoutRecordedGate_failsNamingTheStage() {
    BuildRef build = buildRef(ACME);

    assertThatThrownBy(() -> store.vote(vote(build, "deploy", "alice", true)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("deploy");
  }

  @Test
  void decide_pendingGate_concludesItOnce() {
    BuildRef build = buildRef(ACME);
    store.request(gate(build, "deploy", 1));
    store.vote(vote(build, "deploy", "alice", true));

    assertThat(store.decide(build, "deploy", Approval.State.APPROVED, T0.plusSeconds(61))).isTrue();
    assertThat(store.decide(build, "deploy", Approval.State.REJECTED, T0.plusSeconds(62)))
        .isFalse();

    Approval decided = store.find(build, "deploy").orElseThrow();
    assertThat(decided.state()).isEqualTo(Approval.State.APPROVED);
    assertThat(decided.decidedAt()).contains(T0.plusSeconds(61));
    assertThat(decided.votes()).hasSize(1);
  }

  @Test
  void decide_unknownGate_isFalse() {
    assertThat(store.decide(buildRef(ACME), "deploy", Approval.State.TIMED_OUT, T0)).isFalse();
  }

  @Test
  void gates_areKeptPerOrganizationBuildAndStage() {
    BuildRef acme = buildRef(ACME);
    BuildRef globex = new BuildRef(GLOBEX, acme.buildId());
    store.request(gate(acme, "deploy", 1));
    store.request(gate(acme, "verify", 1));
    store.vote(vote(acme, "deploy", "alice", false));

    assertThat(store.find(globex, "deploy")).isEmpty();
    assertThat(store.find(acme, "verify").orElseThrow().votes()).isEmpty();
    assertThat(store.find(acme, "deploy").orElseThrow().tally()).contains(Approval.State.REJECTED);
  }

  @Test
  void decide_concurrently_exactlyOneCallerConcludesTheGate() throws Exception {
    BuildRef build = buildRef(ACME);
    store.request(gate(build, "deploy", 1));
    List<Callable<Boolean>> deciders = new ArrayList<>();
    for (Approval.State state :
        List.of(
            Approval.State.APPROVED,
            Approval.State.REJECTED,
            Approval.State.TIMED_OUT,
            Approval.State.CANCELLED)) {
      deciders.add(() -> store.decide(build, "deploy", state, T0.plusSeconds(5)));
    }

    assertThat(concurrently(deciders)).containsOnlyOnce(true);
  }

  @Property(tries = 30)
  void tally_anyVotes_rejectedByAnyRejectionElseApprovedAtTheRequiredCount(
      @ForAll("votes") List<Tuple.Tuple2<String, Boolean>> votes,
      @ForAll("required") int required) {
    if (propertyStore == null) {
      propertyStore = newStore(); // one store for all tries: each try has its own build
    }
    ApprovalStore fresh = propertyStore;
    BuildRef build = buildRef(ACME);
    fresh.request(gate(build, "deploy", required));
    votes.forEach(v -> fresh.vote(vote(build, "deploy", v.get1(), v.get2())));

    Approval stored = fresh.find(build, "deploy").orElseThrow();

    List<ApprovalVote> last = stored.votes();
    long approvers = last.stream().filter(ApprovalVote::approve).count();
    Optional<Approval.State> expected =
        last.stream().anyMatch(v -> !v.approve())
            ? Optional.of(Approval.State.REJECTED)
            : approvers >= required ? Optional.of(Approval.State.APPROVED) : Optional.empty();
    assertThat(stored.tally()).isEqualTo(expected);
    assertThat(last.stream().map(ApprovalVote::voter).distinct().count()).isEqualTo(last.size());
  }

  @Provide
  Arbitrary<List<Tuple.Tuple2<String, Boolean>>> votes() {
    return Arbitraries.of("alice", "bob", "carol")
        .flatMap(voter -> Arbitraries.of(true, true, true, false).map(a -> Tuple.of(voter, a)))
        .list()
        .ofMaxSize(6);
  }

  @Provide
  Arbitrary<Integer> required() {
    return Arbitraries.integers().between(1, 3);
  }
}
