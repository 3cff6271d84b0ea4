package io.chengis.testkit;

import static io.chengis.dsl.Steps.shell;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.AgentId;
import io.chengis.api.CrashPolicy;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Pipeline;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.ClaimRequest;
import io.chengis.api.spi.Lease;
import io.chengis.api.spi.QueueEntry;
import io.chengis.dsl.Chengis;
import io.chengis.engine.memory.InMemoryQueueStore;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A build whose pipeline requeues on crash goes through the queue: the engine claims it when it is
 * triggered, renews the lease while it runs (virtual time) and completes it when it ends.
 */
class QueuedBuildLeaseTest {
  private final InMemoryQueueStore queue = new InMemoryQueueStore();

  private Pipeline pipeline(CrashPolicy policy) {
    return Chengis.pipeline(
        "long", p -> p.onCrash(policy).stage("soak", s -> s.step("load", shell("./soak.sh"))));
  }

  private Optional<Lease> claim(TestEngine engine, TestBuild build) {
    return queue.claim(
        new ClaimRequest(
            OrgId.DEFAULT,
            AgentId.of("another-engine"),
            Set.of("chengis-build=" + build.id()),
            ofMinutes(1),
            engine.now()));
  }

  private boolean claimableByAnother(TestEngine engine, TestBuild build) {
    return claim(engine, build).isPresent();
  }

  private static QueueEntry entry(TestEngine engine, TestBuild build) {
    return new QueueEntry(
        new BuildRef(OrgId.DEFAULT, build.id()),
        JobId.of("long"),
        Set.of("chengis-build=" + build.id()),
        engine.now());
  }

  @Test
  void requeuePolicy_longBuild_holdsItsRenewedLeaseWhileRunningAndCompletesItAtTheEnd() {
    try (TestEngine engine =
        TestEngine.builder().engine(e -> e.queueStore(queue).queueLease(ofMinutes(1))).build()) {
      engine.fakes().step("load").takes(ofMinutes(30));

      TestBuild build = engine.start(pipeline(CrashPolicy.requeue(2)));
      engine.advance(ofMinutes(20)); // twenty times the lease: only renewals keep it

      assertThat(claimableByAnother(engine, build)).isFalse();
      build.await();
      assertThat(build).conclusion().isSuccess();
      assertThat(claimableByAnother(engine, build)).isFalse(); // completed, not expired
      assertThat(queue.deadLetters(OrgId.DEFAULT)).isEmpty();
      // Queued anew after completion, its tokens continue above the engine's one claim.
      queue.enqueue(entry(engine, build));
      assertThat(claim(engine, build).orElseThrow().token()).isEqualTo(2);
    }
  }

  @Test
  void failPolicy_build_neverEntersTheQueue() {
    try (TestEngine engine = TestEngine.builder().engine(e -> e.queueStore(queue)).build()) {
      engine.fakes().step("load").succeeds();

      TestBuild build = engine.run(pipeline(CrashPolicy.fail()));

      assertThat(build).conclusion().isSuccess();
      queue.enqueue(entry(engine, build));
      // Queuing it now gives a first claim: the engine had never queued nor claimed it.
      assertThat(claim(engine, build).orElseThrow().token()).isEqualTo(1);
    }
  }
}
