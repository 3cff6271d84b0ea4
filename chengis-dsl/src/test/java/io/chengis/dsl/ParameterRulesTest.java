package io.chengis.dsl;

import static io.chengis.dsl.Conditions.anyOf;
import static io.chengis.dsl.Conditions.paramEquals;
import static io.chengis.dsl.Parameters.bool;
import static io.chengis.dsl.Parameters.choice;
import static io.chengis.dsl.Parameters.number;
import static io.chengis.dsl.Parameters.text;
import static io.chengis.dsl.Rejections.ONE_STEP;
import static io.chengis.dsl.Rejections.messagesOf;
import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The parameter rules of {@code PipelineRules} and conditions that refer to parameters. */
class ParameterRulesTest {
  private static final String DEFAULT_FIX = "; change the default to an allowed value or remove it";

  @Test
  void parameter_declaredTwice_isReportedWithTheFirstLocation() {
    assertThat(
            messagesOf(p -> p.parameter(text("env")).parameter(text("env")).stage("b", ONE_STEP)))
        .containsExactly(
            "parameter \"env\" is declared twice (first at ParameterRulesTest.java:#); remove or"
                + " rename one of them");
  }

  @Test
  void parameters_collidingAfterMangling_areReportedWithTheVariable() {
    assertThat(
            messagesOf(
                p -> p.parameter(text("db-host")).parameter(text("db_host")).stage("b", ONE_STEP)))
        .containsExactly(
            "parameter \"db_host\" collides with parameter \"db-host\" (declared at"
                + " ParameterRulesTest.java:#): both become PARAM_DB_HOST; rename one of them so"
                + " their PARAM_ variables differ");
  }

  @Test
  void parameters_collidingOnlyInCase_areReported() {
    assertThat(
            messagesOf(p -> p.parameter(text("tag")).parameter(text("TAG")).stage("b", ONE_STEP)))
        .singleElement()
        .asString()
        .contains("both become PARAM_TAG");
  }

  @Test
  void parameter_withInvalidName_isReported() {
    assertThat(messagesOf(p -> p.parameter(text("1st")).stage("b", ONE_STEP)))
        .containsExactly(
            "parameter name is invalid (was \"1st\"); start with a letter or '_' and use letters,"
                + " digits, '_', '.' or '-'");
  }

  @Test
  void choice_withoutChoices_isReported() {
    assertThat(messagesOf(p -> p.parameter(choice("env")).stage("b", ONE_STEP)))
        .containsExactly(
            "parameter \"env\" is a choice without choices; list the allowed values, e.g."
                + " choice(\"env\", \"dev\", \"prod\")");
  }

  @Test
  void choice_listingAValueTwice_isReported() {
    assertThat(
            messagesOf(p -> p.parameter(choice("env", "dev", "prod", "dev")).stage("b", ONE_STEP)))
        .containsExactly(
            "parameter \"env\" lists a choice twice (was \"dev\"); list each value once");
  }

  @Test
  void choice_withDefaultOutsideTheChoices_isReported() {
    assertThat(
            messagesOf(
                p ->
                    p.parameter(choice("env", "dev", "prod").defaultValue("qa"))
                        .stage("b", ONE_STEP)))
        .containsExactly(
            "parameter \"env\" default must be one of [dev, prod] (was \"qa\")" + DEFAULT_FIX);
  }

  @Test
  void bool_withNonBooleanDefault_isReported() {
    assertThat(
            messagesOf(p -> p.parameter(bool("dryRun").defaultValue("yes")).stage("b", ONE_STEP)))
        .containsExactly(
            "parameter \"dryRun\" default must be true or false (was \"yes\")" + DEFAULT_FIX);
  }

  @Test
  void number_withNonNumericDefault_isReported() {
    assertThat(
            messagesOf(
                p -> p.parameter(number("replicas").defaultValue("ten")).stage("b", ONE_STEP)))
        .containsExactly(
            "parameter \"replicas\" default must be a number (was \"ten\")" + DEFAULT_FIX);
  }

  @Test
  void number_withBlankDefault_isReported() {
    assertThat(
            messagesOf(p -> p.parameter(number("replicas").defaultValue(" ")).stage("b", ONE_STEP)))
        .containsExactly(
            "parameter \"replicas\" default must be a number (was \" \")" + DEFAULT_FIX);
  }

  @Test
  void typedDefaults_fromJavaValues_areValid() {
    var pipeline =
        Chengis.pipeline(
            "p",
            p ->
                p.parameter(bool("dryRun").defaultValue(true))
                    .parameter(number("ratio").defaultValue(0.25))
                    .parameter(number("replicas").defaultValue(3))
                    .stage("b", ONE_STEP));
    assertThat(pipeline.parameters())
        .extracting(parameter -> parameter.defaultValue().orElseThrow())
        .containsExactly("true", "0.25", "3");
  }

  // --- conditions on parameters
  // -------------------------------------------------------------------

  @Test
  void paramEquals_onUnknownParameterWithoutParameters_isReported() {
    assertThat(
            messagesOf(
                p ->
                    p.stage(
                        "deploy", s -> s.when(paramEquals("env", "prod")).step("x", shell("x")))))
        .containsExactly(
            "stage \"deploy\" has a condition on unknown parameter \"env\"; declare the parameter in"
                + " the pipeline");
  }

  @Test
  void paramEquals_onUnknownParameter_listsTheDeclaredOnes() {
    assertThat(
            messagesOf(
                p ->
                    p.parameter(choice("target", "dev", "prod"))
                        .parameter(bool("dryRun"))
                        .stage(
                            "deploy",
                            s ->
                                s.step(
                                    "x",
                                    shell("x"),
                                    step -> step.when(paramEquals("env", "prod"))))))
        .containsExactly(
            "stage \"deploy\" step \"x\" has a condition on unknown parameter \"env\"; declare it or"
                + " use one of [\"target\", \"dryRun\"]");
  }

  @Test
  void paramEquals_withValueOutsideTheChoices_isReported() {
    assertThat(
            messagesOf(
                p ->
                    p.parameter(choice("env", "dev", "prod"))
                        .stage(
                            "deploy",
                            s ->
                                s.when(anyOf(paramEquals("env", "prod"), paramEquals("env", "qa")))
                                    .step("x", shell("x")))))
        .containsExactly(
            "stage \"deploy\" compares parameter \"env\" to a value that must be one of [dev, prod]"
                + " (was \"qa\"); compare to a value the parameter can take");
  }

  @Test
  void paramEquals_onBooleanWithNonBoolean_isReported() {
    assertThat(
            messagesOf(
                p ->
                    p.parameter(bool("dryRun"))
                        .stage(
                            "deploy",
                            s -> s.when(paramEquals("dryRun", "1")).step("x", shell("x")))))
        .containsExactly(
            "stage \"deploy\" compares parameter \"dryRun\" to a value that must be true or false"
                + " (was \"1\"); compare to a value the parameter can take");
  }

  @Test
  void paramEquals_inPostStep_isChecked() {
    assertThat(
            messagesOf(
                p ->
                    p.stage("build", ONE_STEP)
                        .post(
                            post ->
                                post.always(
                                    "x", shell("x"), step -> step.when(paramEquals("nope", "1"))))))
        .containsExactly(
            "post always step \"x\" has a condition on unknown parameter \"nope\"; declare the"
                + " parameter in the pipeline");
  }
}
