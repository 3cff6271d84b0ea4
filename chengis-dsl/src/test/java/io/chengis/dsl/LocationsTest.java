package io.chengis.dsl;

import static io.chengis.dsl.Parameters.choice;
import static io.chengis.dsl.Rejections.ONE_STEP;
import static io.chengis.dsl.Rejections.problemsOf;
import static io.chengis.dsl.Rejections.rejected;
import static io.chengis.dsl.Rejections.sourceLine;
import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.api.Problem;
import io.chengis.api.SourceLocation;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every problem points at the DSL call that declared the offending element: this file and a line
 * whose text holds that call. The lambdas are kept in variables so that each call stays on one line
 * whatever the formatter does.
 */
class LocationsTest {
  private static final String FILE = "LocationsTest.java";

  /** Asserts that {@code problem} is located in this file at a line containing {@code call}. */
  private static void assertAt(Problem problem, String call) {
    assertThat(problem.where().file()).as("file of %s", problem).isEqualTo(FILE);
    assertThat(sourceLine(problem)).as("line of %s", problem).contains(call);
  }

  private static Problem single(Consumer<PipelineBuilder> spec) {
    List<Problem> problems = problemsOf(spec);
    assertThat(problems).hasSize(1);
    return problems.getFirst();
  }

  @Test
  void stageProblem_pointsAtTheStageCall() {
    Consumer<StageBuilder> empty = s -> {};
    assertAt(single(p -> p.stage("build", ONE_STEP).stage("deploy", empty)), ".stage(\"deploy\"");
  }

  @Test
  void stepProblem_pointsAtTheStepCall() {
    Consumer<StepBuilder> zero = step -> step.timeout(Duration.ZERO);
    Consumer<StageBuilder> deploy =
        s ->
            s.step("build", shell("make"))
                .step("ship", shell("./deploy.sh"), zero)
                .step("verify", shell("./smoke.sh"));
    assertAt(single(p -> p.stage("deploy", deploy)), ".step(\"ship\"");
  }

  @Test
  void parameterProblem_pointsAtTheParameterCall() {
    ParameterBuilder env = choice("env", "dev", "prod").defaultValue("qa");
    assertAt(
        single(
            p -> p.parameter(Parameters.text("version")).parameter(env).stage("build", ONE_STEP)),
        "choice(\"env\"");
  }

  @Test
  void parameterProblem_declaredInline_pointsAtTheParameterCall() {
    assertAt(
        single(
            p ->
                p.parameter(Parameters.text("version"))
                    .parameter(Parameters.bool("dryRun").defaultValue("maybe"))
                    .stage("build", ONE_STEP)),
        ".parameter(");
  }

  @Test
  void matrixProblem_pointsAtTheMatrixCall() {
    Consumer<MatrixBuilder> axes = m -> m.axis("os", "linux").axis("jdk");
    assertAt(single(p -> p.stage("build", ONE_STEP).matrix(axes)), ".matrix(");
  }

  @Test
  void approvalProblem_pointsAtTheApprovalCall() {
    Consumer<ApprovalBuilder> none = a -> a.minApprovals(0);
    Consumer<StageBuilder> deploy = s -> s.step("ship", shell("x")).approval(none);
    assertAt(single(p -> p.stage("deploy", deploy)), ".approval(");
  }

  @Test
  void cacheProblems_pointAtTheCacheCalls() {
    Consumer<CacheBuilder> home = c -> c.key("m2").paths("~/.m2");
    Consumer<StageBuilder> build = s -> s.step("x", shell("x")).cache("npm", "/npm");
    List<Problem> problems = problemsOf(p -> p.stage("build", build).cache(home));
    assertThat(problems).hasSize(2);
    assertAt(problems.get(0), ".cache(\"npm\"");
    assertAt(problems.get(1), ".cache(home)");
  }

  @Test
  void artifactsProblem_pointsAtTheArtifactsCall() {
    assertAt(single(p -> p.stage("build", ONE_STEP).artifacts("../out/*.jar")), ".artifacts(");
  }

  @Test
  void postStepProblem_pointsAtThePostCall() {
    Consumer<PostBuilder> cleanup =
        post -> post.always("clean", shell("rm -rf out")).onFailure("page", shell(""));
    assertAt(single(p -> p.stage("build", ONE_STEP).post(cleanup)), ".onFailure(\"page\"");
  }

  @Test
  void sourceNotificationAndTriggerProblems_pointAtTheirCalls() {
    List<Problem> problems =
        problemsOf(
            p ->
                p.source("https://git.example/a.git", s -> s.depth(-1))
                    .stage("build", ONE_STEP)
                    .notify("Mail")
                    .onPush(""));
    assertThat(problems).hasSize(3);
    assertAt(problems.get(0), ".source(");
    assertAt(problems.get(1), ".notify(\"Mail\")");
    assertAt(problems.get(2), ".onPush(\"\")");
  }

  @Test
  void pipelineProblem_pointsAtThePipelineCall() {
    Problem problem =
        rejected(() -> Chengis.pipeline("empty", p -> p.timeout(Duration.ofHours(1))))
            .problems()
            .getFirst();
    assertAt(problem, "Chengis.pipeline(\"empty\"");
  }

  @Test
  void definedPipelineProblem_pointsAtTheDefineCall() {
    PipelineBuilder builder = Chengis.define("bad name");
    builder.stage("build", ONE_STEP);
    assertAt(rejected(builder::build).problems().getFirst(), "Chengis.define(\"bad name\")");
  }

  @Test
  void duplicate_namesTheFirstDeclarationsLine() {
    Consumer<StageBuilder> build = ONE_STEP;
    List<Problem> problems =
        problemsOf(
            p ->
                p.stage("build", build) // first
                    .stage("test", ONE_STEP)
                    .stage("build", build)); // second
    assertThat(problems).hasSize(1);
    assertThat(sourceLine(problems.getFirst())).contains("// second");
    Matcher firstAt =
        Pattern.compile("first at (\\w+\\.java):(\\d+)\\)").matcher(problems.getFirst().message());
    assertThat(firstAt.find()).as(problems.getFirst().message()).isTrue();
    Problem first =
        Problem.of(
            SourceLocation.of(firstAt.group(1), Integer.parseInt(firstAt.group(2))), "", "", "");
    assertAt(first, "// first");
  }

  @Test
  void validPipelineRecords_carryTheirDeclarationLines() {
    ContainerBuilder jdk = Containers.image("eclipse-temurin:21");
    Consumer<StageBuilder> build = s -> s.step("compile", shell("make")).container("maven:3");
    Pipeline pipeline = Chengis.pipeline("api", p -> p.container(jdk).stage("build", build));
    assertThat(pipeline.container().orElseThrow().location().file()).isEqualTo(FILE);
    assertThat(line(pipeline.container().orElseThrow().location())).contains("Containers.image(");
    assertThat(line(pipeline.stages().getFirst().container().orElseThrow().location()))
        .contains(".container(\"maven:3\")");
    assertThat(line(pipeline.stages().getFirst().location())).contains(".stage(\"build\"");
    assertThat(line(pipeline.stages().getFirst().steps().getFirst().location()))
        .contains(".step(\"compile\"");
    assertThat(line(pipeline.location())).contains("Chengis.pipeline(");
  }

  @Test
  void containerStep_carriesTheLineOfItsImage() {
    Consumer<StageBuilder> build =
        s -> s.step("it", Steps.container("postgres:17", "psql -c 'select 1'"));
    Pipeline pipeline = Chengis.pipeline("api", p -> p.stage("build", build));
    var action =
        (io.chengis.api.StepAction.Container)
            pipeline.stages().getFirst().steps().getFirst().action();
    assertThat(line(action.container().location())).contains("Steps.container(\"postgres:17\"");
  }

  @Test
  void exceptionMessage_listsEveryProblemWithItsLocation() {
    var invalid =
        rejected("api", p -> p.stage("build", ONE_STEP).stage("build", ONE_STEP).notify("X"));
    assertThat(invalid.getMessage())
        .startsWith("pipeline \"api\" has 2 problems:\n  " + FILE + ":")
        .contains("\n  " + FILE + ":");
  }

  private static String line(SourceLocation location) {
    return sourceLine(Problem.of(location, "", "", ""));
  }
}
