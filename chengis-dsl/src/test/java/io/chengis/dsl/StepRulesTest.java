package io.chengis.dsl;

import static io.chengis.dsl.Rejections.messagesOf;
import static io.chengis.dsl.Steps.compose;
import static io.chengis.dsl.Steps.plugin;
import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.StepAction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The step-level rules of {@code PipelineRules} (stages' and post groups' steps). */
class StepRulesTest {
  private static final String WORKSPACE_FIX =
      "; use a path relative to the workspace without \"..\"";

  /** The messages for one step "ship" in stage "deploy", configured by {@code options}. */
  private static List<String> shipProblems(StepAction action, Consumer<StepBuilder> options) {
    return messagesOf(p -> p.stage("deploy", s -> s.step("ship", action, options)));
  }

  private static List<String> shipProblems(Consumer<StepBuilder> options) {
    return shipProblems(shell("./deploy.sh"), options);
  }

  @Test
  void step_declaredTwice_isReportedWithTheFirstLocation() {
    assertThat(
            messagesOf(
                p ->
                    p.stage(
                        "build",
                        s -> s.step("compile", shell("make")).step("compile", shell("make")))))
        .containsExactly(
            "stage \"build\" step \"compile\" is declared twice (first at StepRulesTest.java:#);"
                + " give every step of a stage a unique name");
  }

  @Test
  void step_sameNameInTwoStages_builds() {
    var pipeline =
        Chengis.pipeline(
            "p",
            p ->
                p.stage("a", s -> s.step("run", shell("a")))
                    .stage("b", s -> s.step("run", shell("b"))));
    assertThat(pipeline.stages())
        .extracting(stage -> stage.steps().getFirst().name())
        .containsOnly("run");
  }

  @Test
  void postStep_declaredTwiceInOneGroup_isReportedForEveryGroup() {
    Map<String, BiFunction<PostBuilder, String, PostBuilder>> groups = new LinkedHashMap<>();
    groups.put("always", (post, name) -> post.always(name, shell("rm -rf out")));
    groups.put("onSuccess", (post, name) -> post.onSuccess(name, shell("tag")));
    groups.put("onFailure", (post, name) -> post.onFailure(name, shell("page")));
    groups.put("onCancel", (post, name) -> post.onCancel(name, shell("unlock")));
    groups.forEach(
        (group, add) ->
            assertThat(
                    messagesOf(
                        p ->
                            p.stage("build", Rejections.ONE_STEP)
                                .post(post -> add.apply(add.apply(post, "clean"), "clean"))))
                .as(group)
                .containsExactly(
                    "post "
                        + group
                        + " step \"clean\" is declared twice (first at StepRulesTest.java:#); give"
                        + " every step of a stage a unique name"));
  }

  @Test
  void postStep_sameNameInDifferentGroups_builds() {
    var pipeline =
        Chengis.pipeline(
            "p",
            p ->
                p.stage("build", Rejections.ONE_STEP)
                    .post(
                        post ->
                            post.onSuccess("report", shell("a")).onFailure("report", shell("b"))));
    assertThat(pipeline.post().onSuccess()).hasSize(1);
    assertThat(pipeline.post().onFailure()).hasSize(1);
  }

  @Test
  void postStep_withBlankName_isReportedWithItsGroup() {
    assertThat(
            messagesOf(
                p ->
                    p.stage("build", Rejections.ONE_STEP)
                        .post(post -> post.onCancel("", shell("x")))))
        .containsExactly("post onCancel step name is blank (was \"\"); give it a name");
  }

  @Test
  void step_withBlankName_isReported() {
    assertThat(messagesOf(p -> p.stage("build", s -> s.step(" ", shell("make")))))
        .containsExactly("stage \"build\" step name is blank (was \" \"); give it a name");
  }

  @Test
  void step_withNameLongerThan100_isReported() {
    String name = "x".repeat(101);
    assertThat(messagesOf(p -> p.stage("build", s -> s.step(name, shell("make")))))
        .containsExactly(
            "stage \"build\" step name is longer than 100 characters (was \""
                + name
                + "\"); shorten it");
  }

  @Test
  void step_withSurroundingBlanksInName_isReported() {
    assertThat(messagesOf(p -> p.stage("build", s -> s.step("compile ", shell("make")))))
        .containsExactly(
            "stage \"build\" step \"compile \" name has surrounding blanks or control characters"
                + " (was \"compile \"); use \"compile\"");
  }

  @Test
  void step_withZeroTimeout_isReported() {
    assertThat(shipProblems(step -> step.timeout(Duration.ZERO)))
        .containsExactly(
            "stage \"deploy\" step \"ship\" timeout must be positive (was PT0S); remove it to use"
                + " the default (PT1H for steps) or give a positive duration");
  }

  @Test
  void step_withNegativeTimeout_isReported() {
    assertThat(shipProblems(step -> step.timeout(Duration.ofSeconds(-30))))
        .containsExactly(
            "stage \"deploy\" step \"ship\" timeout must be positive (was PT-30S); remove it to use"
                + " the default (PT1H for steps) or give a positive duration");
  }

  @Test
  void step_withInvalidEnvName_isReported() {
    assertThat(shipProblems(step -> step.env("TARGET ENV", "prod")))
        .containsExactly(
            "stage \"deploy\" step \"ship\" has an invalid environment variable name (was \"TARGET"
                + " ENV\"); use letters, digits and '_', not starting with a digit");
  }

  @Test
  void step_withEmptyCommand_isReported() {
    assertThat(shipProblems(shell(" "), step -> {}))
        .containsExactly(
            "stage \"deploy\" step \"ship\" has an empty command; give the command to run");
  }

  @Test
  void step_withBlankShell_isReported() {
    assertThat(shipProblems(shell("./deploy.sh", ""), step -> {}))
        .containsExactly(
            "stage \"deploy\" step \"ship\" names a blank shell (was \"\"); name a shell such as"
                + " \"bash\", or leave it out to use the default");
  }

  @Test
  void composeStep_withBlankService_isReported() {
    assertThat(shipProblems(compose("", "./it.sh"), step -> {}))
        .containsExactly(
            "stage \"deploy\" step \"ship\" names no Compose service; name the service to run in");
  }

  @Test
  void pluginStep_withInvalidType_isReported() {
    assertThat(shipProblems(plugin("My Plugin", Map.of()), step -> {}))
        .containsExactly(
            "stage \"deploy\" step \"ship\" has an invalid plugin type (was \"My Plugin\"); use the"
                + " lower-case type key the plugin registers, e.g. \"slack\"");
  }

  @Test
  void step_withInvalidOutputName_isReported() {
    assertThat(shipProblems(step -> step.outputs("version", "9lives")))
        .containsExactly(
            "stage \"deploy\" step \"ship\" declares an invalid output name (was \"9lives\"); start"
                + " with a letter or '_' and use letters, digits, '_' or '-'");
  }

  @Test
  void step_withOutputDeclaredTwice_isReported() {
    assertThat(shipProblems(step -> step.outputs("version", "version")))
        .containsExactly(
            "stage \"deploy\" step \"ship\" declares output \"version\" twice; declare each output"
                + " once");
  }

  // --- retry
  // --------------------------------------------------------------------------------------

  @Test
  void retry_withZeroAttempts_isReported() {
    assertThat(shipProblems(step -> step.retry(0)))
        .containsExactly(
            "stage \"deploy\" step \"ship\" retry needs at least 1 attempt (was 0); use 1 for no"
                + " retry, or more");
  }

  @Test
  void retry_withNegativeBackoff_isReported() {
    assertThat(shipProblems(step -> step.retry(3, Duration.ofSeconds(-1))))
        .containsExactly(
            "stage \"deploy\" step \"ship\" retry backoff must not be negative (was PT-1S/PT-1S);"
                + " use zero or a positive duration");
  }

  @Test
  void retry_withMaxBackoffBelowInitial_isReported() {
    assertThat(
            shipProblems(
                step ->
                    step.retry(
                        r ->
                            r.maxAttempts(3)
                                .backoff(Duration.ofSeconds(10))
                                .maxBackoff(Duration.ofSeconds(5)))))
        .containsExactly(
            "stage \"deploy\" step \"ship\" retry maximum backoff is shorter than the initial"
                + " backoff (was PT5S); make it at least PT10S");
  }

  @Test
  void retry_withMultiplierBelowOne_isReported() {
    assertThat(shipProblems(step -> step.retry(r -> r.maxAttempts(3).multiplier(0.5))))
        .containsExactly(
            "stage \"deploy\" step \"ship\" retry backoff multiplier must be at least 1 (was 0.5);"
                + " use 1 for a constant backoff or 2 to double it each time");
  }

  @Test
  void retry_withInfiniteMultiplier_isReported() {
    assertThat(
            shipProblems(
                step ->
                    step.retry(
                        r ->
                            r.maxAttempts(3)
                                .multiplier(Double.POSITIVE_INFINITY)
                                .maxBackoff(Duration.ofMinutes(1)))))
        .containsExactly(
            "stage \"deploy\" step \"ship\" retry backoff multiplier must be at least 1 (was"
                + " Infinity); use 1 for a constant backoff or 2 to double it each time");
  }

  // --- paths that must stay in the workspace
  // -------------------------------------------------------

  @Test
  void workingDir_leavingTheWorkspace_isReportedForEveryForm() {
    for (String dir :
        List.of("..", "../x", "a/../../x", "/x", "~", "~/x", "C:\\x", "\\\\host\\s", "..\\x")) {
      assertThat(shipProblems(step -> step.workingDir(dir)))
          .as(dir)
          .containsExactly(
              "stage \"deploy\" step \"ship\" working directory leaves the workspace (was "
                  + quoted(dir)
                  + ")"
                  + WORKSPACE_FIX);
    }
  }

  @Test
  void workingDir_insideTheWorkspace_builds() {
    for (String dir : List.of("app", "./app", "app/..hidden", "a..b/c", "services/api")) {
      var pipeline =
          Chengis.pipeline(
              "p",
              p ->
                  p.stage("deploy", s -> s.step("ship", shell("x"), step -> step.workingDir(dir))));
      assertThat(pipeline.stages().getFirst().steps().getFirst().workingDir())
          .as(dir)
          .contains(dir);
    }
  }

  @Test
  void workingDir_blank_isReported() {
    assertThat(shipProblems(step -> step.workingDir("")))
        .containsExactly(
            "stage \"deploy\" step \"ship\" working directory is blank (was \"\"); give a workspace"
                + " path");
  }

  @Test
  void composeFile_leavingTheWorkspace_isReported() {
    assertThat(shipProblems(compose("db", "/etc/compose.yml", "./it.sh"), step -> {}))
        .containsExactly(
            "stage \"deploy\" step \"ship\" Compose file leaves the workspace (was"
                + " \"/etc/compose.yml\")"
                + WORKSPACE_FIX);
  }

  /** The value as the rules quote it: in double quotes, with backslashes doubled. */
  static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\") + "\"";
  }
}
