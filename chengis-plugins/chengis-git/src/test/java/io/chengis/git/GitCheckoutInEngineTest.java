package io.chengis.git;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.LogLine;
import io.chengis.api.OrgId;
import io.chengis.api.Pipeline;
import io.chengis.api.StageResult;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.LogKey;
import io.chengis.api.spi.LogRead;
import io.chengis.dsl.Chengis;
import io.chengis.engine.BuildHandle;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.TriggerRequest;
import io.chengis.engine.memory.InMemoryLogStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCheckoutInEngineTest {
  @TempDir Path temp;

  private final InMemoryLogStore logs = new InMemoryLogStore();
  private ChengisEngine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private ChengisEngine engine(boolean withScm) {
    ChengisEngine.Builder builder =
        ChengisEngine.builder().workspaceRoot(temp.resolve("work")).logStore(logs);
    if (withScm) {
      builder.scm(GitScmProvider.withMirrors(temp.resolve("mirrors")));
    }
    engine = builder.build();
    return engine;
  }

  private TestRepo repo(String name) throws Exception {
    return TestRepo.create(temp.resolve("scratch"), temp.resolve("served"), name);
  }

  private BuildRun run(Pipeline pipeline, TriggerRequest request) throws Exception {
    BuildHandle handle = engine.trigger(pipeline, request);
    return new BuildRun(handle, handle.await(Duration.ofMinutes(2)).orElseThrow());
  }

  private record BuildRun(BuildHandle handle, BuildResult result) {
    StageResult stage(String name) {
      return result.stages().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
  }

  private List<String> log(BuildRun run, String stage, String step) {
    return logs
        .read(
            new LogRead(
                new LogKey(new BuildRef(OrgId.DEFAULT, run.handle().id()), stage, step), 0, 100))
        .lines()
        .stream()
        .map(LogLine::text)
        .toList();
  }

  @Test
  void build_pipelineWithSource_checksOutWorkspaceAndExposesGitVariables() throws Exception {
    try (TestRepo repo = repo("app.git")) {
      repo.commit("first", Map.of("README.md", "hello from git"));
      repo.branch("feature/x");
      RevCommit tip = repo.commit("Add login", Map.of("login.txt", "form"));
      repo.tag("v2");
      repo.push();
      engine(true);
      Pipeline pipeline =
          Chengis.pipeline(
              "app",
              p ->
                  p.source(repo.fileUrl(), s -> s.ref("feature/x"))
                      .stage(
                          "show",
                          s ->
                              s.step(
                                  "env",
                                  shell(
                                      "cat README.md; echo; echo"
                                          + " \"$GIT_BRANCH|$GIT_TAG|$GIT_COMMIT|$GIT_AUTHOR|$GIT_EMAIL|$GIT_MESSAGE|$CHENGIS_BRANCH\""))));

      BuildRun run = run(pipeline, TriggerRequest.manual());

      assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
      assertThat(log(run, "show", "env"))
          .containsExactly(
              "hello from git",
              "feature/x|v2|"
                  + tip.getName()
                  + "|Ada Lovelace|ada@example.com|Add login|feature/x");
      assertThat(log(run, "checkout", "git")).isNotEmpty();
    }
  }

  @Test
  void build_triggerNamesCommit_checksOutThatCommit() throws Exception {
    try (TestRepo repo = repo("pinned.git")) {
      RevCommit old = repo.commit("old", Map.of("v.txt", "old"));
      repo.commit("new", Map.of("v.txt", "new"));
      repo.push();
      engine(true);
      Pipeline pipeline =
          Chengis.pipeline(
              "pinned",
              p -> p.source(repo.fileUrl()).stage("show", s -> s.step("cat", shell("cat v.txt"))));

      BuildRun run = run(pipeline, TriggerRequest.manual().withCommit(old.getName()));

      assertThat(log(run, "show", "cat")).containsExactly("old");
    }
  }

  @Test
  void build_stagePathFilters_skipStagesWhoseFilesDidNotChange() throws Exception {
    try (TestRepo repo = repo("mono.git")) {
      repo.commit(
          "base",
          Map.of("services/api/A.java", "1", "services/web/index.html", "1", "docs/x.md", "1"));
      repo.push();
      engine(true);
      Pipeline pipeline =
          Chengis.pipeline(
              "mono",
              p ->
                  p.source(repo.fileUrl())
                      .stage("api", s -> s.paths("services/api/**").step("b", shell("true")))
                      .stage("web", s -> s.paths("services/web/**").step("b", shell("true")))
                      .stage(
                          "code",
                          s -> s.paths("**").pathsIgnore("**/*.md").step("b", shell("true"))));

      BuildRun first = run(pipeline, TriggerRequest.manual());
      repo.commit("api only", Map.of("services/api/A.java", "2", "docs/x.md", "2"));
      repo.push();
      BuildRun second = run(pipeline, TriggerRequest.manual());
      repo.commit("docs only", Map.of("docs/x.md", "3"));
      repo.push();
      BuildRun third = run(pipeline, TriggerRequest.manual());

      assertThat(first.result().stages())
          .allSatisfy(stage -> assertThat(stage.conclusion()).isEqualTo(Conclusion.SUCCESS));
      assertThat(second.stage("api").conclusion()).isEqualTo(Conclusion.SUCCESS);
      assertThat(second.stage("code").conclusion()).isEqualTo(Conclusion.SUCCESS);
      assertThat(second.stage("web").conclusion()).isEqualTo(Conclusion.SKIPPED);
      assertThat(second.stage("web").reason())
          .hasValueSatisfying(
              reason ->
                  assertThat(reason)
                      .contains("no changed file matches")
                      .contains("services/web/**"));
      assertThat(third.stage("code").conclusion()).isEqualTo(Conclusion.SKIPPED);
      assertThat(third.stage("api").conclusion()).isEqualTo(Conclusion.SKIPPED);
    }
  }

  @Test
  void build_pipelinePathFilter_skipsEveryStageWhenNoMatchingFileChanged() throws Exception {
    try (TestRepo repo = repo("filtered.git")) {
      repo.commit("base", Map.of("services/a.txt", "1", "README.md", "1"));
      repo.push();
      engine(true);
      Pipeline pipeline =
          Chengis.pipeline(
              "filtered",
              p ->
                  p.source(repo.fileUrl(), s -> s.paths("services/**"))
                      .stage("one", s -> s.step("b", shell("true")))
                      .stage("two", s -> s.step("b", shell("true"))));
      run(pipeline, TriggerRequest.manual());
      repo.commit("readme", Map.of("README.md", "2"));
      repo.push();

      BuildRun second = run(pipeline, TriggerRequest.manual());

      assertThat(second.result().stages())
          .allSatisfy(
              stage -> {
                assertThat(stage.conclusion()).isEqualTo(Conclusion.SKIPPED);
                assertThat(stage.reason())
                    .hasValueSatisfying(r -> assertThat(r).contains("pipeline's paths filter"));
              });
    }
  }

  @Test
  void build_sourceWithoutScmProvider_runsWithAWarningSayingHowToFix() throws Exception {
    engine(false);
    Pipeline pipeline =
        Chengis.pipeline(
            "noscm",
            p -> p.source("file:///nowhere.git").stage("s", s -> s.step("b", shell("true"))));

    BuildRun run = run(pipeline, TriggerRequest.manual());

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.result().warnings())
        .singleElement()
        .satisfies(
            warning ->
                assertThat(warning)
                    .contains("nothing was checked out")
                    .contains("ChengisEngine.builder().scm("));
  }

  @Test
  void build_unknownRef_failsWithTheCheckoutReason() throws Exception {
    try (TestRepo repo = repo("bad.git")) {
      repo.commit("c", Map.of("a", "a"));
      repo.push();
      engine(true);
      Pipeline pipeline =
          Chengis.pipeline(
              "bad",
              p ->
                  p.source(repo.fileUrl(), s -> s.ref("nope"))
                      .stage("s", s -> s.step("b", shell("true"))));

      BuildRun run = run(pipeline, TriggerRequest.manual());

      assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
      assertThat(run.result().reason())
          .hasValueSatisfying(
              reason -> assertThat(reason).startsWith("checkout failed: ").contains("\"nope\""));
    }
  }
}
