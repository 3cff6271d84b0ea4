package io.chengis.examples;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.Pipeline;
import io.chengis.api.StageResult;
import io.chengis.dsl.Chengis;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.TriggerRequest;
import io.chengis.engine.caches.LocalCacheStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Caches" snippet, run twice: the second build restores and skips. */
class CachesReadmeTest {
  @TempDir Path temp;

  @Test
  void readmeSnippet_secondBuild_restoresTheDependenciesAndReusesTheStageResult() throws Exception {
    Path workspaces = temp.resolve("work");
    Path cacheDirectory = temp.resolve("caches");
    // README-BEGIN
    ChengisEngine engine =
        ChengisEngine.builder()
            .workspaceRoot(workspaces)
            .caches(LocalCacheStore.in(cacheDirectory, 10L << 30)) // 10 GiB, LRU eviction
            .build();

    Pipeline pipeline =
        Chengis.pipeline(
            "app",
            p ->
                p.stage(
                        "deps",
                        s ->
                            s.cache(
                                    c ->
                                        c.key("deps-${{ hashFiles('lock.txt') }}")
                                            .paths("deps")
                                            .restoreKeys("deps-"))
                                .step(
                                    "fetch",
                                    shell(
                                        "[ -d deps ] || (mkdir deps && echo lib > deps/lib.jar)")))
                    .stage(
                        "compile",
                        s ->
                            s.cacheResult(r -> r.inputs("src/**").outputs("out"))
                                .step("javac", shell("mkdir -p out && echo app > out/app.jar"))));
    // README-END
    try (engine) {
      BuildResult first = run(engine, pipeline);
      BuildResult second = run(engine, pipeline);

      assertThat(first.conclusion()).isEqualTo(Conclusion.SUCCESS);
      assertThat(stage(first, "compile").reason()).isEmpty();
      assertThat(stage(second, "compile").reason())
          .contains("cached from build " + first.buildId() + " (#1)");
      assertThat(workspaces.resolve("app/2/deps/lib.jar")).hasContent("lib");
      assertThat(workspaces.resolve("app/2/out/app.jar")).hasContent("app");
    }
  }

  private static BuildResult run(ChengisEngine engine, Pipeline pipeline) throws Exception {
    return engine
        .trigger(pipeline, TriggerRequest.manual())
        .await(Duration.ofMinutes(1))
        .orElseThrow();
  }

  private static StageResult stage(BuildResult result, String name) {
    return result.stages().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
