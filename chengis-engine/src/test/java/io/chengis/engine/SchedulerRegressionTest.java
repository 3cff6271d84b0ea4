package io.chengis.engine;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Outcome;
import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Minimal reproductions of what {@link SchedulerPropertiesTest} found, one per test. */
class SchedulerRegressionTest {
  @TempDir Path root;
  private EngineFixture fixture;

  @BeforeEach
  void start() {
    fixture = new EngineFixture(root);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void dag_stageBehindASkippedDependency_isSkippedNamingTheDependencyThatFailed() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "chain",
            p ->
                p.stage("a", s -> s.step("x", shell("exit 1")))
                    .stage("b", s -> s.dependsOn("a").step("x", shell("true")))
                    .stage("c", s -> s.dependsOn("b").step("x", shell("true"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.stage("b").reason()).contains("dependency \"a\" failed");
    assertThat(run.stage("c").outcome()).isEqualTo(Outcome.SKIPPED);
    // "b" did not fail, it was skipped: the reason must name the stage that failed.
    assertThat(run.stage("c").reason()).contains("dependency \"a\" failed");
  }
}
