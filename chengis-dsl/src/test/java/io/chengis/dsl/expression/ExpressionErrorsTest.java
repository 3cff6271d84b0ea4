package io.chengis.dsl.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.chengis.dsl.expression.ExpressionException.Kind;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error names its column, what is wrong, the value and the fix. */
class ExpressionErrorsTest {
  private static final Contexts CONTEXTS = Contexts.builder().workspace(Path.of("target")).build();

  static Stream<Arguments> errors() {
    return Stream.of(
        arguments(
            "1 == ",
            Kind.PARSING,
            5,
            "column 5: operator '==' needs a value on its right but found the end of the"
                + " expression (was \"1 == \"); write a value after '=='"),
        arguments(
            "foo.bar",
            Kind.PARSING,
            0,
            "column 0: context \"foo\" is unknown (was \"foo.bar\"); use one of env, params,"
                + " inputs, secrets, matrix, steps, stages, needs, github, git, chengis, job,"
                + " runner, or quote text with single quotes"),
        arguments(
            "'abc",
            Kind.LEXING,
            0,
            "column 0: string literal is not closed (was \"'abc\"); end it with ' and write '' for"
                + " a quote inside"),
        arguments(
            "env.A # 1",
            Kind.LEXING,
            6,
            "column 6: character '#' is not part of the expression language (was \"env.A # 1\");"
                + " use literals, property names, functions and the operators ( ) [ ] . ! < <= >"
                + " >= == != && ||; quote text with single quotes"),
        arguments(
            "env = 1",
            Kind.LEXING,
            4,
            "column 4: operator '=' is incomplete (was \"env = 1\"); write =="),
        arguments(
            "1.2.3",
            Kind.LEXING,
            0,
            "column 0: number literal is malformed (was \"1.2.3\"); write a number such as 42,"
                + " -1.5, 1e3 or 0xff"),
        arguments(
            "(1 == 1",
            Kind.PARSING,
            7,
            "column 7: ')' is expected for '(' at column 0 but found the end of the expression"
                + " (was \"(1 == 1\"); close the group with ')'"),
        arguments(
            "1 2",
            Kind.PARSING,
            2,
            "column 2: token '2' is unexpected after a complete expression (was \"1 2\"); join"
                + " expressions with an operator such as && or ||, or remove it"),
        arguments(
            "",
            Kind.PARSING,
            0,
            "column 0: expression is empty (was \"\"); write an expression such as github.ref =="
                + " 'refs/heads/main'"),
        arguments(
            "nope()",
            Kind.PARSING,
            0,
            "column 0: function \"nope\" is unknown (was \"nope()\"); use one of contains,"
                + " startsWith, endsWith, format, join, toJSON, fromJSON, hashFiles, success,"
                + " failure, always, cancelled"),
        arguments(
            "contains(1)",
            Kind.PARSING,
            0,
            "column 0: function contains expects 2 arguments (was 1 argument); call it as"
                + " contains(search, item)"),
        arguments(
            "success(1)",
            Kind.PARSING,
            0,
            "column 0: function success expects 0 arguments (was 1 argument); call it as"
                + " success()"),
        arguments(
            "github.",
            Kind.PARSING,
            7,
            "column 7: '.' needs a property name or '*' but found the end of the expression (was"
                + " \"github.\"); write a name such as .ref, or use ['name'] for other names"),
        arguments(
            "github['a'",
            Kind.PARSING,
            10,
            "column 10: ']' is expected for '[' at column 6 but found the end of the expression"
                + " (was \"github['a'\"); close the index with ']'"),
        arguments(
            "env.A || format('{1}')",
            Kind.EVALUATION,
            9,
            "column 9: format placeholder {1} has no argument (0 given) (was \"{1}\"); pass a value"
                + " after the format string or write {{1}} for literal braces"),
        arguments(
            "format('{2}', 1)",
            Kind.EVALUATION,
            0,
            "column 0: format placeholder {2} has no argument (1 given) (was \"{2}\"); use {0} to"
                + " {0} or pass more values"),
        arguments(
            "format('{0', 1)",
            Kind.EVALUATION,
            0,
            "column 0: format string has a '{' at index 0 that is neither '{{' nor a placeholder"
                + " such as {0} (was \"{0\"); write {{ for a literal '{' or {n} with n from 0 to"
                + " 0"),
        arguments(
            "format('a}b')",
            Kind.EVALUATION,
            0,
            "column 0: format string has a lone '}' at index 1 (was \"a}b\"); write }} for a"
                + " literal '}'"),
        arguments(
            "true && fromJSON('{')",
            Kind.EVALUATION,
            8,
            "column 8: fromJSON argument is not JSON: JSON object expects a quoted property name"
                + " at offset 1 (was \"{\"); write \"name\": value"),
        arguments(
            "hashFiles('../x')",
            Kind.EVALUATION,
            0,
            "column 0: hashFiles pattern leaves the workspace (was \"../x\"); write a pattern"
                + " relative to the workspace, without '..', such as '**/pom.xml'"),
        arguments(
            "hashFiles('/etc/passwd')",
            Kind.EVALUATION,
            0,
            "column 0: hashFiles pattern leaves the workspace (was \"/etc/passwd\"); write a"
                + " pattern relative to the workspace, without '..', such as '**/pom.xml'"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("errors")
  void badExpression_parsedAndEvaluated_failsWithItsColumnAndFix(
      String source, Kind kind, int position, String message) {
    ExpressionException e =
        catchThrowableOfType(
            ExpressionException.class, () -> Expression.parse(source).evaluate(CONTEXTS));

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).isEqualTo(message);
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.position()).isEqualTo(position);
  }

  @Test
  void template_withABadExpression_failsAtTheColumnInTheWholeText() {
    ExpressionException e =
        catchThrowableOfType(
            ExpressionException.class, () -> Templates.render("x ${{ env.A == }}", CONTEXTS));

    assertThat(e.position()).isEqualTo(15);
    assertThat(e.kind()).isEqualTo(Kind.PARSING);
    assertThat(e.getMessage())
        .isEqualTo(
            "column 15: operator '==' needs a value on its right but found the end of the"
                + " expression (was \" env.A == \"); write a value after '=='");
  }

  @Test
  void template_withAnUnclosedExpression_failsWhereItOpens() {
    ExpressionException e =
        catchThrowableOfType(ExpressionException.class, () -> Templates.expressions("a ${{ env.A"));

    assertThat(e.getMessage())
        .isEqualTo(
            "column 2: '${{' is not closed (was \"a ${{ env.A\"); end the expression with '}}'");
    assertThat(e.kind()).isEqualTo(Kind.LEXING);
  }

  @Test
  void hashFiles_withoutAWorkspace_failsNamingTheBuilderMethod() {
    ExpressionException e =
        catchThrowableOfType(
            ExpressionException.class,
            () -> Expression.parse("hashFiles('**')").evaluate(Contexts.empty()));

    assertThat(e.getMessage())
        .isEqualTo(
            "column 0: hashFiles needs a workspace but none was given (was no workspace); set one"
                + " with Contexts.builder().workspace(path)");
  }

  @Test
  void deeplyNestedExpression_parsed_failsInsteadOfOverflowingTheStack() {
    String source = "(".repeat(10_000) + "1" + ")".repeat(10_000);

    ExpressionException e =
        catchThrowableOfType(ExpressionException.class, () -> Expression.parse(source));

    assertThat(e.getMessage()).contains("column 50: expression nests deeper than 50 levels");
  }

  @Test
  void contextsBuilder_withAnUnknownName_failsListingTheNames() {
    ExpressionException e =
        catchThrowableOfType(
            ExpressionException.class, () -> Contexts.builder().context("vars", Value.nullValue()));

    assertThat(e.getMessage())
        .isEqualTo(
            "column 0: context name is unknown (was \"vars\"); use one of env, params, inputs,"
                + " secrets, matrix, steps, stages, needs, github, git, chengis, job, runner");
  }

  @Test
  void jsonText_cutShort_failsAtTheOffsetWhereAValueIsMissing() {
    ExpressionException e =
        catchThrowableOfType(ExpressionException.class, () -> Value.parseJson("[1,"));

    assertThat(e.getMessage())
        .isEqualTo(
            "column 3: JSON text ends where a value is expected (was the end of the text);"
                + " complete the JSON document");
    assertThat(e.kind()).isEqualTo(Kind.PARSING);
  }

  @Test
  void contextsFromJson_notAnObject_failsNamingTheKindFound() {
    ExpressionException e =
        catchThrowableOfType(ExpressionException.class, () -> Contexts.fromJson("[]"));

    assertThat(e.getMessage())
        .isEqualTo(
            "column 0: contexts must be a JSON object (was Array); write an object whose keys are"
                + " context names, such as {\"env\": {\"CI\": \"true\"}}");
  }
}
