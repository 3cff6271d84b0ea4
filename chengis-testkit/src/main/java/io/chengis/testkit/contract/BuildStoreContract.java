package io.chengis.testkit.contract;

import static io.chengis.testkit.contract.StoreFixtures.ACME;
import static io.chengis.testkit.contract.StoreFixtures.API;
import static io.chengis.testkit.contract.StoreFixtures.GLOBEX;
import static io.chengis.testkit.contract.StoreFixtures.WEB;
import static io.chengis.testkit.contract.StoreFixtures.concurrently;
import static io.chengis.testkit.contract.StoreFixtures.finished;
import static io.chengis.testkit.contract.StoreFixtures.job;
import static io.chengis.testkit.contract.StoreFixtures.queuedBuild;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildState;
import io.chengis.api.spi.BuildLookup;
import io.chengis.api.spi.BuildQuery;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildStore;
import io.chengis.api.spi.JobRef;
import io.chengis.api.spi.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol of {@link BuildStore}, for every implementation. */
public abstract class BuildStoreContract {
  /** For subclasses, which supply the implementation under test. */
  protected BuildStoreContract() {}

  private BuildStore store;

  /** A new, empty store. */
  protected abstract BuildStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @Test
  void nextNumber_successiveCalls_countFromOnePerJob() {
    JobRef api = job(ACME, API);
    JobRef web = job(ACME, WEB);

    assertThat(List.of(store.nextNumber(api), store.nextNumber(api), store.nextNumber(web)))
        .containsExactly(1L, 2L, 1L);
  }

  @Test
  void nextNumber_sameJobInOtherOrganization_countsSeparately() {
    store.nextNumber(job(ACME, API));
    store.nextNumber(job(ACME, API));

    assertThat(store.nextNumber(job(GLOBEX, API))).isEqualTo(1L);
  }

  @Test
  void nextNumber_concurrentCallers_neverShareANumber() throws Exception {
    JobRef api = job(ACME, API);
    List<Callable<Long>> calls =
        Collections.nCopies(200, (Callable<Long>) () -> store.nextNumber(api));

    assertThat(concurrently(calls))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
  }

  @Test
  void find_savedBuild_isFoundByIdAndByNumber() {
    BuildRecord build = queuedBuild(job(ACME, API), 1);
    store.save(build);

    assertThat(store.find(BuildLookup.byId(ACME, build.buildId()))).contains(build);
    assertThat(store.find(BuildLookup.byNumber(ACME, API, 1))).contains(build);
  }

  @Test
  void save_buildWithItsTrigger_keepsCommitBranchAndTriggeredByThroughItsStates() {
    BuildRecord queued = queuedBuild(job(ACME, API), 1);
    BuildRecord triggered =
        new BuildRecord(
            queued.org(),
            queued.buildId(),
            queued.jobId(),
            queued.number(),
            queued.attempt(),
            queued.rootBuildId(),
            queued.state(),
            queued.parameters(),
            queued.queuedAt(),
            queued.result(),
            Optional.of("4f2a9c1e"),
            Optional.of("release/2026-été \"rc\""),
            Optional.of("github push by alice"));
    store.save(triggered);
    BuildRecord running = triggered.withState(BuildState.RUNNING, Optional.empty());
    store.save(running);
    BuildRecord done = finished(running);
    store.save(done);

    assertThat(store.find(BuildLookup.byId(ACME, triggered.buildId())))
        .hasValueSatisfying(
            found -> {
              assertThat(found).isEqualTo(done);
              assertThat(found.branch()).contains("release/2026-été \"rc\"");
              assertThat(found.commit()).contains("4f2a9c1e");
              assertThat(found.triggeredBy()).contains("github push by alice");
            });
    assertThat(store.list(new BuildQuery(job(ACME, API), Optional.empty(), 10)).items())
        .containsExactly(done);
  }

  @Test
  void save_buildWithoutTrigger_readsBackWithoutBranchOrTriggeredBy() {
    BuildRecord build = queuedBuild(job(ACME, API), 1);
    store.save(build);

    assertThat(store.find(BuildLookup.byId(ACME, build.buildId())))
        .hasValueSatisfying(
            found -> {
              assertThat(found.branch()).isEmpty();
              assertThat(found.triggeredBy()).isEmpty();
            });
  }

  @Test
  void find_unknownBuild_isEmpty() {
    store.save(queuedBuild(job(ACME, API), 1));

    assertThat(store.find(BuildLookup.byId(ACME, StoreFixtures.buildId()))).isEmpty();
    assertThat(store.find(BuildLookup.byNumber(ACME, API, 2))).isEmpty();
    assertThat(store.find(BuildLookup.byNumber(ACME, WEB, 1))).isEmpty();
  }

  @Test
  void find_buildOfOtherOrganization_isEmpty() {
    BuildRecord build = queuedBuild(job(ACME, API), 1);
    store.save(build);

    assertThat(store.find(BuildLookup.byId(GLOBEX, build.buildId()))).isEmpty();
    assertThat(store.find(BuildLookup.byNumber(GLOBEX, API, 1))).isEmpty();
    assertThat(store.list(new BuildQuery(job(GLOBEX, API), Optional.empty(), 10)).items())
        .isEmpty();
  }

  @Test
  void save_sameBuildAgain_replacesTheRecord() {
    BuildRecord queued = queuedBuild(job(ACME, API), 1);
    store.save(queued);
    BuildRecord running = queued.withState(BuildState.RUNNING, Optional.empty());
    store.save(running);
    BuildRecord done = finished(running);
    store.save(done);

    assertThat(store.find(BuildLookup.byId(ACME, queued.buildId()))).contains(done);
    assertThat(store.find(BuildLookup.byNumber(ACME, API, 1))).contains(done);
    assertThat(store.list(new BuildQuery(job(ACME, API), Optional.empty(), 10)).items())
        .containsExactly(done);
  }

  @Test
  void list_jobWithBuilds_pagesNewestFirstUntilNoCursor() {
    List<BuildRecord> saved = saveBuilds(job(ACME, API), 7);

    List<List<BuildRecord>> pages = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      Page<BuildRecord> page = store.list(new BuildQuery(job(ACME, API), cursor, 3));
      pages.add(page.items());
      cursor = page.next();
    } while (cursor.isPresent());

    assertThat(pages)
        .containsExactly(
            List.of(saved.get(6), saved.get(5), saved.get(4)),
            List.of(saved.get(3), saved.get(2), saved.get(1)),
            List.of(saved.get(0)));
  }

  @Test
  void list_lastPageExactlyFull_hasNoCursor() {
    saveBuilds(job(ACME, API), 4);

    Page<BuildRecord> first = store.list(new BuildQuery(job(ACME, API), Optional.empty(), 2));
    Page<BuildRecord> second = store.list(new BuildQuery(job(ACME, API), first.next(), 2));

    assertThat(first.next()).isPresent();
    assertThat(second.items()).hasSize(2);
    assertThat(second.next()).isEmpty();
  }

  @Test
  void list_buildsSavedWhilePaging_doNotShiftLaterPages() {
    List<BuildRecord> saved = saveBuilds(job(ACME, API), 4);
    Page<BuildRecord> first = store.list(new BuildQuery(job(ACME, API), Optional.empty(), 2));

    saveBuilds(job(ACME, API), 3);
    Page<BuildRecord> second = store.list(new BuildQuery(job(ACME, API), first.next(), 2));

    assertThat(first.items()).containsExactly(saved.get(3), saved.get(2));
    assertThat(second.items()).containsExactly(saved.get(1), saved.get(0));
    assertThat(second.next()).isEmpty();
  }

  @Test
  void list_otherJobs_areLeftOut() {
    List<BuildRecord> api = saveBuilds(job(ACME, API), 2);
    saveBuilds(job(ACME, WEB), 2);

    assertThat(store.list(new BuildQuery(job(ACME, API), Optional.empty(), 10)).items())
        .containsExactly(api.get(1), api.get(0));
  }

  @Test
  void list_jobWithoutBuilds_isEmptyLastPage() {
    Page<BuildRecord> page = store.list(new BuildQuery(job(ACME, API), Optional.empty(), 10));

    assertThat(page.items()).isEmpty();
    assertThat(page.next()).isEmpty();
  }

  private List<BuildRecord> saveBuilds(JobRef job, int count) {
    List<BuildRecord> saved = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      BuildRecord build = queuedBuild(job, store.nextNumber(job));
      store.save(build);
      saved.add(build);
    }
    return saved;
  }
}
