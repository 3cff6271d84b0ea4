package io.chengis.store;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.OrgId;
import io.chengis.api.Pipeline;
import io.chengis.api.spi.ArtifactRecord;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.CheckoutRequest;
import io.chengis.api.spi.SourceRevision;
import io.chengis.dsl.Chengis;
import io.chengis.engine.BuildHandle;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.TriggerRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What the engine reads back from a SQLite file after a restart: the last successful commit (the
 * base of "changed files"), the builds a duplicate trigger is answered with, and artifact metadata.
 */
class EngineHistoryOnSqliteTest {
  /** Every checkout's base commit, answering with the commit the trigger asked for. */
  final List<Optional<String>> bases = new CopyOnWriteArrayList<>();

  SourceRevision checkout(CheckoutRequest request) {
    bases.add(request.baseCommit());
    return new SourceRevision(
        request.source().ref().orElseThrow(), Optional.of("main"), "Ada", "ada@example.com", "m");
  }

  ChengisEngine engine(SqlStores stores, Path workspaces) {
    return ChengisEngine.builder()
        .buildStore(stores.builds())
        .logStore(stores.logs())
        .eventStore(stores.events())
        .artifactCatalog(stores.artifactCatalog())
        .scm(this::checkout)
        .deduplicateWithin(Duration.ofHours(1))
        .workspaceRoot(workspaces)
        .build();
  }

  static final Pipeline PIPELINE =
      Chengis.pipeline(
          "history",
          p ->
              p.source("https://example.com/acme/history.git")
                  .stage(
                      "build",
                      s ->
                          s.step(
                              "make",
                              shell(
                                  "echo \"$GIT_COMMIT\" > commit.txt; test \"$GIT_COMMIT\" != bad")))
                  .artifacts("commit.txt"));

  static BuildResult run(ChengisEngine engine, String commit) throws InterruptedException {
    return engine.trigger(PIPELINE, TriggerRequest.manual().withCommit(commit)).await();
  }

  @Test
  void restartedEngine_readsTheLastSuccessfulCommitDuplicatesAndArtifactsFromTheFile()
      throws Exception {
    Path file = TestDatabases.sqliteFile();
    Path workspaces = Files.createTempDirectory("chengis-history");
    BuildResult good;
    try (SqlStores stores = SqlStores.sqlite(file);
        ChengisEngine engine = engine(stores, workspaces)) {
      good = run(engine, "good1");
      assertThat(run(engine, "bad").conclusion()).isEqualTo(Conclusion.FAILURE);
    }

    try (SqlStores stores = SqlStores.sqlite(file);
        ChengisEngine engine = engine(stores, workspaces)) {
      BuildHandle duplicate = engine.trigger(PIPELINE, TriggerRequest.manual().withCommit("good1"));
      BuildResult next = run(engine, "good2");

      assertThat(good.conclusion()).isEqualTo(Conclusion.SUCCESS);
      assertThat(duplicate.id()).isEqualTo(good.buildId());
      assertThat(next.conclusion()).isEqualTo(Conclusion.SUCCESS);
      // first build: no base; the failed build and the restarted engine both see good1.
      assertThat(bases)
          .containsExactly(Optional.empty(), Optional.of("good1"), Optional.of("good1"));
      assertThat(stores.artifactCatalog().list(new BuildRef(OrgId.DEFAULT, good.buildId())))
          .extracting(ArtifactRecord::path, ArtifactRecord::size)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("commit.txt", 6L));
      assertThat(engine.events(next.buildId()))
          .filteredOn(BuildEvent.ArtifactStored.class::isInstance)
          .hasSize(1);
    }
  }
}
