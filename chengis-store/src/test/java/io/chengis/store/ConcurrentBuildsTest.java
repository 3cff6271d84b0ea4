package io.chengis.store;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Pipeline;
import io.chengis.api.spi.BuildQuery;
import io.chengis.api.spi.EventReplay;
import io.chengis.api.spi.JobRef;
import io.chengis.dsl.Chengis;
import io.chengis.engine.BuildHandle;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.TriggerRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Fifty builds at once on one SQLite file through the real engine: every write goes through the
 * single batching writer, so no store write fails ({@code SQLITE_BUSY} would surface as a store
 * warning on the build) and every build, event and log line is kept; the events, which the store
 * group-commits, are all in the file once the builds are over.
 */
class ConcurrentBuildsTest {
  private static final int BUILDS = 50;

  @Test
  void fiftyConcurrentBuilds_onSqlite_allStoredWithoutAStoreWarning() throws Exception {
    Path file = TestDatabases.sqliteFile();
    Pipeline pipeline =
        Chengis.pipeline(
            "busy",
            p ->
                p.stage(
                        "Build",
                        s ->
                            s.parallel()
                                .step("a", shell("for i in 1 2 3 4 5; do echo a-$i; done"))
                                .step("b", shell("echo b >&2")))
                    .stage("Test", s -> s.step("t", shell("echo tested"))));
    List<BuildResult> results = new ArrayList<>();
    try (SqlStores stores = SqlStores.sqlite(file);
        ChengisEngine engine =
            ChengisEngine.builder()
                .buildStore(stores.builds())
                .logStore(stores.logs())
                .eventStore(stores.events())
                .workspaceRoot(Files.createTempDirectory("chengis-busy"))
                .maxConcurrentBuilds(BUILDS)
                .maxConcurrentSteps(2 * BUILDS)
                .build()) {
      List<BuildHandle> handles = new ArrayList<>();
      for (int i = 0; i < BUILDS; i++) {
        handles.add(engine.trigger(pipeline, TriggerRequest.manual()));
      }
      for (BuildHandle handle : handles) {
        results.add(handle.await());
      }
      assertThat(results)
          .allSatisfy(
              result -> {
                assertThat(result.conclusion()).isEqualTo(Conclusion.SUCCESS);
                assertThat(result.warnings()).isEmpty();
              });
      assertThat(
              stores
                  .builds()
                  .list(
                      new BuildQuery(
                          new JobRef(OrgId.of("default"), JobId.of("busy")),
                          Optional.empty(),
                          1000))
                  .items())
          .hasSize(BUILDS)
          .allSatisfy(build -> assertThat(build.result()).isPresent());
    }
    // Opened again: every build's events were committed, its BuildFinished last.
    try (SqlStores reopened = SqlStores.sqlite(file)) {
      for (BuildResult result : results) {
        List<BuildEvent> events =
            reopened
                .events()
                .replay(
                    new EventReplay(
                        OrgId.of("default"),
                        Optional.of(result.buildId()),
                        Optional.empty(),
                        1000));
        assertThat(events.getFirst()).isInstanceOf(BuildEvent.BuildQueued.class);
        assertThat(events.getLast()).isInstanceOf(BuildEvent.BuildFinished.class);
        assertThat(events).filteredOn(BuildEvent.StepFinished.class::isInstance).hasSize(3);
      }
    }
  }
}
