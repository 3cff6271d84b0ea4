package io.chengis.dsl;

import static io.chengis.dsl.Rejections.ONE_STEP;
import static io.chengis.dsl.Rejections.messagesOf;
import static io.chengis.dsl.StepRulesTest.quoted;
import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules for approvals, artifacts and caches: what a stage or pipeline keeps and waits for. */
class WorkspaceRulesTest {
  private static final List<String> OUTSIDE =
      List.of("..", "../out", "target/../../x", "/x", "/", "~", "~/.m2", "C:\\x", "c:/x", "\\x");
  private static final String WORKSPACE_FIX =
      "; use a path relative to the workspace without \"..\"";

  // --- approvals
  // ----------------------------------------------------------------------------------

  @Test
  void approval_needingMoreApprovalsThanApprovers_isReported() {
    assertThat(
            messagesOf(
                p ->
                    p.stage(
                        "deploy",
                        s ->
                            s.approval(a -> a.approvers("ann", "bob").minApprovals(3))
                                .step("x", shell("x")))))
        .containsExactly(
            "stage \"deploy\" approval needs more approvals than it lists approvers [ann, bob] (was"
                + " 3); require at most 2 or list more approvers");
  }

  @Test
  void approval_withRolesAndFewApprovers_builds() {
    var pipeline =
        Chengis.pipeline(
            "p",
            p ->
                p.stage(
                    "deploy",
                    s ->
                        s.approval(a -> a.approvers("ann").roles("release").minApprovals(2))
                            .step("x", shell("x"))));
    assertThat(pipeline.stages().getFirst().approval().orElseThrow().minApprovals()).isEqualTo(2);
  }

  @Test
  void approval_withZeroMinimum_isReported() {
    assertThat(
            messagesOf(
                p ->
                    p.stage(
                        "deploy", s -> s.approval(a -> a.minApprovals(0)).step("x", shell("x")))))
        .containsExactly(
            "stage \"deploy\" approval needs at least 1 approval (was 0); require 1 or more"
                + " approvals");
  }

  @Test
  void approval_withZeroTimeout_isReported() {
    assertThat(
            messagesOf(
                p ->
                    p.stage(
                        "deploy",
                        s -> s.approval(a -> a.timeout(Duration.ZERO)).step("x", shell("x")))))
        .containsExactly(
            "stage \"deploy\" approval timeout must be positive (was PT0S); remove it to use the"
                + " default (PT1H for steps) or give a positive duration");
  }

  // --- artifacts
  // ----------------------------------------------------------------------------------

  @Test
  void artifactGlob_leavingTheWorkspace_isReportedForEveryForm() {
    for (String glob : OUTSIDE) {
      assertThat(messagesOf(p -> p.stage("build", ONE_STEP).artifacts("target/*.jar", glob)))
          .as(glob)
          .containsExactly(
              "artifacts glob leaves the workspace (was " + quoted(glob) + ")" + WORKSPACE_FIX);
    }
  }

  @Test
  void artifactExclude_leavingTheWorkspace_isReported() {
    assertThat(
            messagesOf(
                p ->
                    p.stage("build", ONE_STEP)
                        .artifacts(a -> a.glob("**/*.jar").exclude("../secret"))))
        .containsExactly(
            "artifacts exclude leaves the workspace (was \"../secret\")" + WORKSPACE_FIX);
  }

  @Test
  void artifacts_withoutGlobs_isReported() {
    assertThat(messagesOf(p -> p.stage("build", ONE_STEP).artifacts(a -> a.onlyOnSuccess())))
        .containsExactly("artifacts list no globs; list the files to keep, e.g. target/*.jar");
  }

  @Test
  void artifactGlob_blank_isReported() {
    assertThat(messagesOf(p -> p.stage("build", ONE_STEP).artifacts(" ")))
        .containsExactly("artifacts glob is blank (was \" \"); give a workspace path");
  }

  // --- caches
  // -------------------------------------------------------------------------------------

  @Test
  void pipelineCachePath_leavingTheWorkspace_isReportedForEveryForm() {
    for (String path : OUTSIDE) {
      assertThat(messagesOf(p -> p.stage("build", ONE_STEP).cache(c -> c.key("m2").paths(path))))
          .as(path)
          .containsExactly(
              "pipeline \"p\" cache \"m2\" path leaves the workspace (was "
                  + quoted(path)
                  + ")"
                  + WORKSPACE_FIX);
    }
  }

  @Test
  void stageCachePath_leavingTheWorkspace_isReported() {
    assertThat(
            messagesOf(
                p -> p.stage("build", s -> s.cache("m2", ".m2", "~/.m2").step("x", shell("x")))))
        .containsExactly(
            "stage \"build\" cache \"m2\" path leaves the workspace (was \"~/.m2\")"
                + WORKSPACE_FIX);
  }

  @Test
  void cache_withBlankKey_isReported() {
    assertThat(messagesOf(p -> p.stage("build", ONE_STEP).cache(c -> c.paths(".m2"))))
        .containsExactly(
            "pipeline \"p\" cache key is blank; give a key, e.g. \"maven-${{"
                + " hashFiles('**/pom.xml') }}\"");
  }

  @Test
  void cache_withoutPaths_isReported() {
    assertThat(
            messagesOf(
                p -> p.stage("build", s -> s.cache(c -> c.key("npm")).step("x", shell("x")))))
        .containsExactly("stage \"build\" cache \"npm\" has no paths; list the paths to cache");
  }
}
