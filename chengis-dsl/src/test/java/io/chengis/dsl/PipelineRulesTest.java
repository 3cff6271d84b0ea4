package io.chengis.dsl;

import static io.chengis.dsl.Conditions.allOf;
import static io.chengis.dsl.Conditions.expression;
import static io.chengis.dsl.Conditions.not;
import static io.chengis.dsl.Conditions.onBranch;
import static io.chengis.dsl.Rejections.ONE_STEP;
import static io.chengis.dsl.Rejections.messagesOf;
import static io.chengis.dsl.Rejections.rejected;
import static io.chengis.dsl.Rejections.text;
import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Concurrency;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pipeline- and stage-level rules of {@code PipelineRules}, driven through the DSL. */
class PipelineRulesTest {
  private static final String TIMEOUT_FIX =
      "; remove it to use the default (PT1H for steps) or give a positive duration";
  private static final String NAME_FIX =
      "; use 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit";

  // --- the pipeline itself ----------------------------------------------------------------------

  @Test
  void pipeline_withoutStages_isReportedAsEmpty() {
    assertThat(rejected("empty", p -> {}).problems())
        .map(Rejections::text)
        .containsExactly(
            "pipeline \"empty\" has no stages; add at least one stage with steps, or remove the"
                + " pipeline");
  }

  @Test
  void pipeline_withBlankName_isReported() {
    assertThat(rejected(" ", p -> p.stage("build", ONE_STEP)).problems())
        .map(Rejections::text)
        .containsExactly("pipeline name is invalid (was \" \")" + NAME_FIX);
  }

  @Test
  void pipeline_withEmptyName_isReported() {
    assertThat(rejected("", p -> p.stage("build", ONE_STEP)).problems())
        .map(Rejections::text)
        .containsExactly("pipeline name is invalid (was \"\")" + NAME_FIX);
  }

  @Test
  void pipeline_withNameLongerThan100_isReported() {
    String name = "a".repeat(101);
    assertThat(rejected(name, p -> p.stage("build", ONE_STEP)).problems())
        .map(Rejections::text)
        .containsExactly("pipeline name is invalid (was \"" + name + "\")" + NAME_FIX);
  }

  @Test
  void pipeline_withNameOf100Characters_builds() {
    String name = "a".repeat(100);
    assertThat(Chengis.pipeline(name, p -> p.stage("build", ONE_STEP)).name()).isEqualTo(name);
  }

  @Test
  void pipeline_withSurroundingBlanksInName_isReported() {
    assertThat(rejected(" api ", p -> p.stage("build", ONE_STEP)).problems())
        .map(Rejections::text)
        .containsExactly("pipeline name is invalid (was \" api \")" + NAME_FIX);
  }

  @Test
  void pipeline_withZeroTimeout_isReported() {
    assertThat(messagesOf(p -> p.timeout(Duration.ZERO).stage("build", ONE_STEP)))
        .containsExactly("pipeline \"p\" timeout must be positive (was PT0S)" + TIMEOUT_FIX);
  }

  @Test
  void pipeline_withNegativeTimeout_isReported() {
    assertThat(messagesOf(p -> p.timeout(Duration.ofMinutes(-5)).stage("build", ONE_STEP)))
        .containsExactly("pipeline \"p\" timeout must be positive (was PT-5M)" + TIMEOUT_FIX);
  }

  @Test
  void pipeline_withInvalidEnvName_isReported() {
    assertThat(messagesOf(p -> p.env("MAVEN-OPTS", "-Xmx1g").stage("build", ONE_STEP)))
        .containsExactly(
            "pipeline \"p\" has an invalid environment variable name (was \"MAVEN-OPTS\"); use"
                + " letters, digits and '_', not starting with a digit");
  }

  @Test
  void pipeline_withBlankConcurrencyKey_isReported() {
    assertThat(
            messagesOf(
                p ->
                    p.concurrency(" ", Concurrency.OnConflict.CANCEL_RUNNING)
                        .stage("build", ONE_STEP)))
        .containsExactly(
            "pipeline \"p\" concurrency key is blank (was \" \"); name the group, e.g."
                + " \"deploy-prod\", or remove the concurrency setting");
  }

  @Test
  void pipeline_withBlankLabel_isReported() {
    assertThat(messagesOf(p -> p.labels("linux", "").stage("build", ONE_STEP)))
        .containsExactly("pipeline \"p\" has a blank agent label (was \"\"); remove it");
  }

  @Test
  void pipeline_withInvalidNotificationType_isReported() {
    assertThat(messagesOf(p -> p.notify("Slack").stage("build", ONE_STEP)))
        .containsExactly(
            "notification type is invalid (was \"Slack\"); use the notifier's lower-case type key,"
                + " e.g. \"slack\" or \"email\"");
  }

  @Test
  void pushTrigger_withBlankBranchGlob_isReported() {
    assertThat(messagesOf(p -> p.onPush("main", "").stage("build", ONE_STEP)))
        .containsExactly("push trigger has a blank filter pattern (was \"\"); remove it");
  }

  @Test
  void pullRequestTrigger_withBlankBranchGlob_isReported() {
    assertThat(messagesOf(p -> p.onPullRequest(" ").stage("build", ONE_STEP)))
        .containsExactly("pull request trigger has a blank filter pattern (was \" \"); remove it");
  }

  // --- source
  // -------------------------------------------------------------------------------------

  @Test
  void source_withNegativeDepth_isReported() {
    assertThat(
            messagesOf(
                p ->
                    p.source("https://git.example/api.git", s -> s.depth(-1)).stage("b", ONE_STEP)))
        .containsExactly(
            "source depth must not be negative (was -1); use 0 for the full history or a positive"
                + " depth for a shallow clone");
  }

  @Test
  void source_withBlankUrl_isReported() {
    assertThat(messagesOf(p -> p.source(" ").stage("build", ONE_STEP)))
        .containsExactly("source has a blank URL; give the repository's clone URL");
  }

  @Test
  void source_withBlankRef_isReported() {
    assertThat(
            messagesOf(
                p -> p.source("https://git.example/a.git", s -> s.ref("")).stage("b", ONE_STEP)))
        .containsExactly(
            "source ref is blank (was \"\"); name a branch, tag or commit, or leave it out for the"
                + " default branch");
  }

  @Test
  void source_withInvalidCredentialsName_isReported() {
    assertThat(
            messagesOf(
                p ->
                    p.source("https://git.example/a.git", s -> s.credentials("git-token"))
                        .stage("build", ONE_STEP)))
        .containsExactly(
            "source credentials name an invalid secret (was \"git-token\"); use the secret's name:"
                + " letters, digits and '_'");
  }

  // --- stages
  // -------------------------------------------------------------------------------------

  @Test
  void stage_declaredTwice_isReportedWithTheFirstLocation() {
    assertThat(messagesOf(p -> p.stage("build", ONE_STEP).stage("build", ONE_STEP)))
        .containsExactly(
            "stage \"build\" is declared twice (first at PipelineRulesTest.java:#); give every"
                + " stage a unique name");
  }

  @Test
  void stage_withoutSteps_isReported() {
    assertThat(messagesOf(p -> p.stage("build", ONE_STEP).stage("empty", s -> {})))
        .containsExactly("stage \"empty\" has no steps; add at least one step or remove the stage");
  }

  @Test
  void stage_withBlankName_isReported() {
    assertThat(messagesOf(p -> p.stage("  ", ONE_STEP)))
        .containsExactly("stage name is blank (was \"  \"); give it a name");
  }

  @Test
  void stage_withNameLongerThan100_isReported() {
    String name = "s".repeat(101);
    assertThat(messagesOf(p -> p.stage(name, ONE_STEP)))
        .containsExactly(
            "stage name is longer than 100 characters (was \"" + name + "\"); shorten it");
  }

  @Test
  void stage_withSurroundingBlanksInName_isReportedWithTheStrippedName() {
    assertThat(messagesOf(p -> p.stage(" build ", ONE_STEP)))
        .containsExactly(
            "stage \" build \" name has surrounding blanks or control characters (was \" build"
                + " \"); use \"build\"");
  }

  @Test
  void stage_withControlCharacterInName_isReportedEscaped() {
    assertThat(messagesOf(p -> p.stage("unit\ttests", ONE_STEP)))
        .containsExactly(
            "stage \"unit\\ttests\" name has surrounding blanks or control characters (was"
                + " \"unit\\ttests\"); use \"unit tests\"");
  }

  @Test
  void stage_withZeroTimeout_isReported() {
    assertThat(
            messagesOf(
                p ->
                    p.stage("build", s -> s.step("compile", shell("make")).timeout(Duration.ZERO))))
        .containsExactly("stage \"build\" timeout must be positive (was PT0S)" + TIMEOUT_FIX);
  }

  @Test
  void stage_withNegativeCpus_isReported() {
    assertThat(messagesOf(p -> p.stage("build", s -> s.step("c", shell("make")).resources(-1, 0))))
        .containsExactly(
            "stage \"build\" CPU limit must be zero (no limit) or positive (was -1.0); give a"
                + " positive number of CPUs, e.g. 1.5");
  }

  @Test
  void stage_withNaNCpus_isReported() {
    assertThat(
            messagesOf(
                p -> p.stage("build", s -> s.step("c", shell("make")).resources(Double.NaN, 0))))
        .containsExactly(
            "stage \"build\" CPU limit must be zero (no limit) or positive (was NaN); give a"
                + " positive number of CPUs, e.g. 1.5");
  }

  @Test
  void stage_withNegativeMemory_isReported() {
    assertThat(messagesOf(p -> p.stage("build", s -> s.step("c", shell("make")).resources(1, -1))))
        .containsExactly(
            "stage \"build\" memory limit must be zero (no limit) or positive (was -1); give the"
                + " limit in bytes, e.g. 2147483648 for 2 GiB");
  }

  @Test
  void stage_withBlankLabel_isReported() {
    assertThat(
            messagesOf(p -> p.stage("build", s -> s.step("c", shell("make")).labels("linux", " "))))
        .containsExactly("stage \"build\" has a blank agent label (was \" \"); remove it");
  }

  @Test
  void stage_withInvalidEnvName_isReported() {
    assertThat(messagesOf(p -> p.stage("build", s -> s.step("c", shell("make")).env("1X", "v"))))
        .containsExactly(
            "stage \"build\" has an invalid environment variable name (was \"1X\"); use letters,"
                + " digits and '_', not starting with a digit");
  }

  @Test
  void stage_withBlankBranchGlob_isReportedEvenInsideNestedConditions() {
    assertThat(
            messagesOf(
                p ->
                    p.stage(
                        "build",
                        s ->
                            s.step("c", shell("make"))
                                .when(allOf(onBranch("main"), not(onBranch("")))))))
        .containsExactly(
            "stage \"build\" has a branch condition with a blank glob (was \"\"); name a branch or"
                + " glob, e.g. \"main\" or \"release/**\"");
  }

  @Test
  void stage_withEmptyExpression_isReported() {
    assertThat(
            messagesOf(
                p -> p.stage("build", s -> s.step("c", shell("make")).when(expression(" ")))))
        .containsExactly(
            "stage \"build\" has an empty expression condition; write the expression, e.g."
                + " github.event_name == 'push'");
  }

  // --- dependencies
  // -------------------------------------------------------------------------------

  @Test
  void dependsOn_unknownStage_isReportedWithTheKnownStages() {
    assertThat(
            messagesOf(
                p ->
                    p.stage("build", ONE_STEP)
                        .stage("test", s -> s.dependsOn("biuld").step("t", shell("make test")))))
        .containsExactly(
            "stage \"test\" depends on unknown stage \"biuld\"; use one of [\"build\"]");
  }

  @Test
  void dependsOn_unknownStageInAOneStagePipeline_suggestsDeclaringIt() {
    assertThat(messagesOf(p -> p.stage("deploy", s -> s.dependsOn("build").step("t", shell("x")))))
        .containsExactly(
            "stage \"deploy\" depends on unknown stage \"build\"; declare that stage, or remove"
                + " the dependency (this is the only stage)");
  }

  @Test
  void dependsOn_itself_isReported() {
    assertThat(
            messagesOf(p -> p.stage("build", s -> s.dependsOn("build").step("c", shell("make")))))
        .containsExactly(
            "stage \"build\" depends on itself (was \"build\"); remove it from dependsOn");
  }

  @Test
  void dependsOn_sameStageTwice_isReported() {
    assertThat(
            messagesOf(
                p ->
                    p.stage("build", ONE_STEP)
                        .stage(
                            "test", s -> s.dependsOn("build", "build").step("t", shell("make")))))
        .containsExactly(
            "stage \"test\" lists dependency \"build\" twice; list each dependency once");
  }

  @Test
  void dependsOn_cycleOfThree_isReportedOnceInOrder() {
    assertThat(
            messagesOf(
                p ->
                    p.stage("a", s -> s.dependsOn("b").step("x", shell("a")))
                        .stage("b", s -> s.dependsOn("c").step("x", shell("b")))
                        .stage("c", s -> s.dependsOn("a").step("x", shell("c")))))
        .containsExactly(
            "stages \"a\" -> \"b\" -> \"c\" -> \"a\" form a dependency cycle; remove one of these"
                + " dependsOn entries so the stages can be ordered");
  }

  @Test
  void dependsOn_cycleReachedFromOutside_namesOnlyTheCycle() {
    assertThat(
            messagesOf(
                p ->
                    p.stage("entry", s -> s.dependsOn("b").step("x", shell("e")))
                        .stage("a", s -> s.dependsOn("b").step("x", shell("a")))
                        .stage("b", s -> s.dependsOn("a").step("x", shell("b")))))
        .containsExactly(
            "stages \"b\" -> \"a\" -> \"b\" form a dependency cycle; remove one of these dependsOn"
                + " entries so the stages can be ordered");
  }

  @Test
  void dependsOn_twoSeparateCycles_areBothReported() {
    assertThat(
            messagesOf(
                p ->
                    p.stage("a", s -> s.dependsOn("b").step("x", shell("a")))
                        .stage("b", s -> s.dependsOn("a").step("x", shell("b")))
                        .stage("c", s -> s.dependsOn("d").step("x", shell("c")))
                        .stage("d", s -> s.dependsOn("c").step("x", shell("d")))))
        .map(message -> message.substring(0, message.indexOf(" form")))
        .containsExactly("stages \"a\" -> \"b\" -> \"a\"", "stages \"c\" -> \"d\" -> \"c\"");
  }

  @Test
  void dependsOn_diamond_buildsWithoutCycle() {
    var pipeline =
        Chengis.pipeline(
            "diamond",
            p ->
                p.stage("a", ONE_STEP)
                    .stage("b", s -> s.dependsOn("a").step("x", shell("b")))
                    .stage("c", s -> s.dependsOn("a").step("x", shell("c")))
                    .stage("d", s -> s.dependsOn("b", "c").step("x", shell("d"))));
    assertThat(pipeline.isDag()).isTrue();
    assertThat(pipeline.stage("d").orElseThrow().dependsOn()).containsExactly("b", "c");
  }

  // --- all at once
  // --------------------------------------------------------------------------------

  @Test
  void definition_withSeveralMistakes_reportsEachInDeclarationOrder() {
    var invalid =
        rejected(
            "release",
            p ->
                p.env("BAD-NAME", "x")
                    .stage("build", s -> s.step("compile", shell("make")).timeout(Duration.ZERO))
                    .stage("test", s -> s.dependsOn("nope").step("unit", shell("make test")))
                    .stage("empty", s -> {})
                    .notify("Mail"));
    assertThat(invalid.problems())
        .map(problem -> text(problem).substring(0, text(problem).indexOf(';')))
        .containsExactly(
            "pipeline \"release\" has an invalid environment variable name (was \"BAD-NAME\")",
            "stage \"build\" timeout must be positive (was PT0S)",
            "stage \"test\" depends on unknown stage \"nope\"",
            "stage \"empty\" has no steps",
            "notification type is invalid (was \"Mail\")");
    assertThat(invalid.getMessage()).startsWith("pipeline \"release\" has 5 problems:\n  ");
    assertThat(invalid.getMessage().lines().skip(1))
        .containsExactlyElementsOf(
            invalid.problems().stream().map(problem -> "  " + problem.message()).toList());
  }

  @Test
  void definition_withOneMistake_saysProblemInTheSingular() {
    assertThat(rejected("solo", p -> {}).getMessage())
        .startsWith("pipeline \"solo\" has 1 problem:\n");
  }
}
