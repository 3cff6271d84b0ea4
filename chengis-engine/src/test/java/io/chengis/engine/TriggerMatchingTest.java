package io.chengis.engine;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.EngineException;
import io.chengis.api.JobId;
import io.chengis.api.ScmEvent;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.Parameters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registered jobs started by forge events, on the real engine. */
class TriggerMatchingTest {
  @TempDir Path root;

  private static ScmEvent pullRequest(String action, String base) {
    return new ScmEvent(
        "gitlab",
        ScmEvent.Kind.PULL_REQUEST,
        "https://gitlab.example.com/acme/app.git",
        "refs/heads/feature/x",
        Optional.of("feature/x"),
        Optional.empty(),
        "0123456789abcdef0123456789abcdef01234567",
        List.of("src/App.java"),
        "ada",
        Optional.of(new ScmEvent.PullRequest(7, action, "feature/x", base)));
  }

  @Test
  void gitlabMergeRequestUpdate_triggerMatching_startsPullRequestJobsAndListsTheRefusedOne()
      throws Exception {
    try (ChengisEngine engine = ChengisEngine.builder().workspaceRoot(root).build()) {
      engine.register(
          Chengis.pipeline(
              "review", p -> p.onPullRequest("main").stage("s", s -> s.step("b", shell("true")))));
      engine.register(
          Chengis.pipeline(
              "needs-input",
              p ->
                  p.parameter(Parameters.text("target").required())
                      .onPullRequest()
                      .stage("s", s -> s.step("b", shell("true")))));
      engine.register(
          Chengis.pipeline(
              "release-only",
              p -> p.onPullRequest("release/*").stage("s", s -> s.step("b", shell("true")))));
      engine.register(
          Chengis.pipeline("pushes", p -> p.onPush().stage("s", s -> s.step("b", shell("true")))));

      EventBuilds builds = engine.triggerMatching(pullRequest("update", "main"));

      assertThat(builds.started()).containsOnlyKeys(JobId.of("review"));
      assertThat(builds.refused())
          .singleElement()
          .satisfies(reason -> assertThat(reason).startsWith("needs-input: ").contains("target"));
      assertThat(builds.summary().getFirst()).startsWith("started review #1 (");
      BuildResult result =
          builds.started().get(JobId.of("review")).await(Duration.ofMinutes(1)).orElseThrow();
      assertThat(result.conclusion()).isEqualTo(Conclusion.SUCCESS);
      // A title edit ("labeled" here) is no activity the default types build.
      assertThat(engine.triggerMatching(pullRequest("labeled", "main")).started()).isEmpty();
    }
  }

  @Test
  void closedEngine_triggerMatching_isRefusedSayingSo() {
    ChengisEngine engine = ChengisEngine.builder().workspaceRoot(root).build();
    engine.close();

    assertThatThrownBy(() -> engine.triggerMatching(pullRequest("open", "main")))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("because the engine is closed");
  }
}
