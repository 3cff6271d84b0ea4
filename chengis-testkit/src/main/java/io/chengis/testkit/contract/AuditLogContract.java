package io.chengis.testkit.contract;

import static io.chengis.testkit.contract.StoreFixtures.ACME;
import static io.chengis.testkit.contract.StoreFixtures.GLOBEX;
import static io.chengis.testkit.contract.StoreFixtures.T0;
import static io.chengis.testkit.contract.StoreFixtures.concurrently;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.OrgId;
import io.chengis.api.spi.AuditChain;
import io.chengis.api.spi.AuditEntry;
import io.chengis.api.spi.AuditLog;
import io.chengis.api.spi.AuditQuery;
import io.chengis.api.spi.AuditRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol of {@link AuditLog}, for every implementation, including the canonical hash chain:
 * every store must produce the same hashes so that one verifier checks every export.
 */
public abstract class AuditLogContract {
  /** For subclasses, which supply the implementation under test. */
  protected AuditLogContract() {}

  private AuditLog log;

  /** A new, empty log. */
  protected abstract AuditLog newStore();

  @BeforeEach
  void createStore() {
    log = newStore();
  }

  private static AuditEntry entry(OrgId org, Instant at, String action) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("stage", "deploy");
    details.put("comment", "ship it");
    return new AuditEntry(org, at, "alice", action, "01ARZ3NDEKTSV4RRFFQ69G5FAV", details);
  }

  @Test
  void append_firstTwoEntries_matchTheCanonicalHashChain() {
    AuditRecord first = log.append(entry(ACME, T0, "build.approve"));
    AuditRecord second = log.append(entry(ACME, T0.plusMillis(1500), "secret.read"));

    assertThat(first.sequence()).isEqualTo(1);
    assertThat(first.hash())
        .isEqualTo("a22d0e6de78b664006c8eddddefa92d6dfda83f46cfab19d5a08b30f6097efc7");
    assertThat(second.sequence()).isEqualTo(2);
    assertThat(second.hash())
        .isEqualTo("123b096578d59fa86f78d4eb91380370634f0e49fa7f41c562dbd39548b2795f");
  }

  @Test
  void read_wholeChain_verifiesIntact() {
    for (int i = 0; i < 25; i++) {
      log.append(entry(ACME, T0.plusSeconds(i), "build.trigger"));
    }
    AuditChain.Verifier verifier = AuditChain.verifier();

    log.read(new AuditQuery(ACME, 0, 100)).forEach(verifier::accept);

    assertThat(verifier.firstBroken()).isEmpty();
    assertThat(verifier.checked()).isEqualTo(25);
  }

  @Test
  void verifier_recordWithChangedContent_isReportedAsFirstBroken() {
    AuditRecord first = log.append(entry(ACME, T0, "build.approve"));
    AuditRecord second = log.append(entry(ACME, T0.plusSeconds(1), "build.reject"));
    AuditRecord forged =
        new AuditRecord(
            second.sequence(), entry(ACME, T0.plusSeconds(1), "build.approve"), second.hash());
    AuditChain.Verifier verifier = AuditChain.verifier();

    verifier.accept(first);
    verifier.accept(forged);

    assertThat(verifier.firstBroken()).contains(forged);
    assertThat(verifier.problem()).hasValueSatisfying(p -> assertThat(p).contains("hash"));
  }

  @Test
  void append_anyEntry_hashIsLowerCaseHexSha256() {
    assertThat(log.append(entry(ACME, T0, "build.cancel")).hash()).matches("[0-9a-f]{64}");
  }

  @Test
  void append_sameEntryAfterADifferentPredecessor_getsADifferentHash() {
    AuditLog other = newStore();
    log.append(entry(ACME, T0, "build.approve"));
    other.append(entry(ACME, T0, "build.reject"));

    AuditRecord here = log.append(entry(ACME, T0.plusSeconds(1), "secret.read"));
    AuditRecord there = other.append(entry(ACME, T0.plusSeconds(1), "secret.read"));

    assertThat(here.hash()).isNotEqualTo(there.hash());
  }

  @Test
  void append_sameContentAtAnotherTime_getsADifferentHash() {
    AuditLog other = newStore();

    assertThat(log.append(entry(ACME, T0, "build.approve")).hash())
        .isNotEqualTo(other.append(entry(ACME, T0.plusNanos(1), "build.approve")).hash());
  }

  @Test
  void append_detailsInAnotherOrder_getsADifferentHash() {
    AuditLog other = newStore();
    AuditEntry entry = entry(ACME, T0, "build.approve");
    Map<String, String> reversed = new LinkedHashMap<>();
    reversed.put("comment", "ship it");
    reversed.put("stage", "deploy");

    assertThat(log.append(entry).hash())
        .isNotEqualTo(
            other
                .append(
                    new AuditEntry(
                        ACME, T0, entry.actor(), entry.action(), entry.target(), reversed))
                .hash());
  }

  @Test
  void append_twoOrganizations_keepSeparateChains() {
    log.append(entry(ACME, T0, "build.approve"));
    log.append(entry(ACME, T0, "build.approve"));

    AuditRecord globex = log.append(entry(GLOBEX, T0, "build.approve"));

    assertThat(globex.sequence()).isEqualTo(1);
    assertThat(log.read(new AuditQuery(GLOBEX, 0, 100))).containsExactly(globex);
    assertThat(log.read(new AuditQuery(ACME, 0, 100))).hasSize(2);
  }

  @Test
  void read_afterASequence_returnsTheLaterRecordsUpToTheLimit() {
    List<AuditRecord> appended = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      appended.add(log.append(entry(ACME, T0.plusSeconds(i), "secret.read")));
    }

    assertThat(log.read(new AuditQuery(ACME, 2, 3))).isEqualTo(appended.subList(2, 5));
    assertThat(log.read(new AuditQuery(ACME, 4, 100))).isEqualTo(appended.subList(4, 6));
    assertThat(log.read(new AuditQuery(ACME, 6, 100))).isEmpty();
    assertThat(log.read(new AuditQuery(ACME, 60, 100))).isEmpty();
  }

  @Test
  void read_unknownOrganization_isEmpty() {
    log.append(entry(ACME, T0, "build.approve"));

    assertThat(log.read(new AuditQuery(GLOBEX, 0, 100))).isEmpty();
  }

  @Test
  void append_fromManyVirtualThreads_chainsWithoutGapsOrForks() throws Exception {
    List<Callable<AuditRecord>> appends = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      AuditEntry entry = entry(ACME, T0.plusSeconds(i), "secret.read");
      appends.add(() -> log.append(entry));
    }

    List<AuditRecord> appended = concurrently(appends);
    List<AuditRecord> stored = log.read(new AuditQuery(ACME, 0, 10_000));

    assertThat(stored).containsExactlyInAnyOrderElementsOf(appended);
    assertThat(stored)
        .extracting(AuditRecord::sequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
    assertThat(stored).extracting(AuditRecord::hash).doesNotHaveDuplicates();
  }
}
