package io.chengis.dsl.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expressions and their values, taken from GitHub's documentation of workflow expressions
 * (literals, operators, the coercion table, functions, object filters) and evaluated against the
 * contexts of {@link #CONTEXTS}. Expected values are written as JSON.
 */
class ExpressionConformanceTest {

  static final Contexts CONTEXTS =
      Contexts.builder()
          .context(
              "github",
              Value.parseJson(
                  """
                  {
                    "ref": "refs/heads/main",
                    "event_name": "push",
                    "event": {
                      "commits": [
                        {"message": "Fix the build", "author": {"name": "Mona"}},
                        {"message": "Add tests", "author": {"name": "Hubot"}},
                        {"author": {"name": "Nobody"}}
                      ],
                      "issue": {"labels": [{"name": "bug"}, {"name": "help wanted"}]}
                    }
                  }
                  """))
          .context(
              "matrix",
              Value.parseJson(
                  """
                  {
                    "jdk": 21, "os": "linux",
                    "fruits": [
                      {"name": "apple", "quantity": 1},
                      {"name": "orange", "quantity": 2},
                      {"name": "pear", "quantity": 1}
                    ],
                    "vegetables": {
                      "scallions": {"colors": ["green", "white", "red"], "ediblePortions": ["roots", "stalks"]},
                      "beets": {"colors": ["purple", "red", "gold"], "ediblePortions": ["roots", "stems", "leaves"]}
                    }
                  }
                  """))
          .env(Map.of("CI", "true", "EMPTY", "", "COUNT", "3"))
          .context("steps", Value.parseJson("{\"build\": {\"outputs\": {\"version\": \"1.2.3\"}}}"))
          .build();

  static Stream<Arguments> literals() {
    return Stream.of(
        arguments("null", "null"),
        arguments("true", "true"),
        arguments("false", "false"),
        arguments("711", "711"),
        arguments("-9.2", "-9.2"),
        arguments("0xff", "255"),
        arguments("-0x10", "-16"),
        arguments("-2.99e-2", "-0.0299"),
        arguments("1e3", "1000"),
        arguments(".5", "0.5"),
        arguments("-.5", "-0.5"),
        arguments("+1", "1"),
        arguments("0o17", "15"),
        arguments("0b101", "5"),
        arguments("-0x10 == -16", "true"),
        arguments("Infinity > 1e308", "true"),
        arguments("-Infinity < -1e308", "true"),
        arguments("'Mona the Octocat'", "\"Mona the Octocat\""),
        arguments("'It''s open source!'", "\"It's open source!\""),
        arguments("''", "\"\""),
        arguments("'{{ not an expression }}'", "\"{{ not an expression }}\""));
  }

  static Stream<Arguments> operators() {
    return Stream.of(
        arguments("(1 == 1)", "true"),
        arguments("!true", "false"),
        arguments("!0", "true"),
        arguments("!!'x'", "true"),
        arguments("1 < 2", "true"),
        arguments("2 <= 2", "true"),
        arguments("3 > 4", "false"),
        arguments("4 >= 4", "true"),
        arguments("1 != 2", "true"),
        arguments("!true == false", "true"),
        arguments("!2 < 3", "true"),
        arguments("!(2 < 3)", "false"),
        arguments("(!github.event).commits", "null"),
        arguments("!github.event.commits", "false"),
        arguments("3 > matrix.jdk", "false"),
        arguments("matrix['jdk'] > 20", "true"),
        arguments("1 < 2 == true", "true"),
        arguments("true || false && false", "true"),
        arguments("(true || false) && false", "false"),
        arguments("'a' && 'b'", "\"b\""),
        arguments("'' && 'b'", "\"\""),
        arguments("0 && 1", "0"),
        arguments("null || 'default'", "\"default\""),
        arguments("'first' || 'second'", "\"first\""),
        arguments("env.EMPTY || 'fallback'", "\"fallback\""),
        arguments("github.ref == 'refs/heads/main' && 'prod' || 'dev'", "\"prod\""),
        arguments("github.ref == 'refs/heads/dev' && 'prod' || 'dev'", "\"dev\""),
        arguments("'abc' < 'ABD'", "true"),
        arguments("'B' > 'a'", "true"),
        arguments("'10' < 9", "false"),
        arguments("'10' > 9", "true"),
        arguments("null < 1", "true"),
        arguments("'abc' < 1", "false"),
        arguments("'abc' >= 1", "false"),
        arguments("fromJSON('[]') < 1", "false"));
  }

  /** GitHub's equality table: different kinds compare as numbers. */
  static Stream<Arguments> coercion() {
    return Stream.of(
        arguments("null == null", "true"),
        arguments("null == 0", "true"),
        arguments("null == false", "true"),
        arguments("null == ''", "true"),
        arguments("null == 'null'", "false"),
        arguments("true == 1", "true"),
        arguments("false == 0", "true"),
        arguments("true == 2", "false"),
        arguments("true == 'true'", "false"),
        arguments("true == '1'", "true"),
        arguments("'' == 0", "true"),
        arguments("'1' == 1", "true"),
        arguments("' 1 ' == 1", "true"),
        arguments("' +123456.789 ' == 123456.789", "true"),
        arguments("' -123456.789 ' == -123456.789", "true"),
        arguments("' 0xff ' == 255", "true"),
        arguments("' 0xFF ' == 255", "true"),
        arguments("' 0o10 ' == 8", "true"),
        arguments("'0b11' == 3", "true"),
        arguments("'-0xff' == -255", "false"),
        arguments("' Infinity ' == Infinity", "true"),
        arguments("' -Infinity ' == -Infinity", "true"),
        arguments("' NaN ' != NaN", "true"),
        arguments("'1,000' == 1000", "false"),
        arguments("'1.0' == 1", "true"),
        arguments("'1e2' == 100", "true"),
        arguments("'abc' == 0", "false"),
        arguments("'abc' == 'ABC'", "true"),
        arguments("'abc' != 'ABC'", "false"),
        arguments("NaN == NaN", "false"),
        arguments("NaN != NaN", "true"),
        arguments("'abc' == NaN", "false"),
        arguments("0.1 == 0.10", "true"),
        arguments("matrix.jdk == '21'", "true"),
        arguments("env.COUNT == 3", "true"),
        arguments("env.CI == true", "false"),
        arguments("env.CI == 'TRUE'", "true"),
        arguments("fromJSON('[]') == fromJSON('[]')", "false"),
        arguments("fromJSON('{}') == fromJSON('{}')", "false"),
        arguments("github.event == github.event", "true"),
        arguments("matrix.fruits == matrix.fruits", "true"),
        arguments("fromJSON('[]') == 0", "false"),
        arguments("fromJSON('{}') == ''", "false"),
        arguments("fromJSON('[]') == null", "false"));
  }

  static Stream<Arguments> properties() {
    return Stream.of(
        arguments("github.ref", "\"refs/heads/main\""),
        arguments("GITHUB.REF", "\"refs/heads/main\""),
        arguments("github['ref']", "\"refs/heads/main\""),
        arguments("github['REF']", "\"refs/heads/main\""),
        arguments("github.event.commits[0].message", "\"Fix the build\""),
        arguments("github.event.commits['1'].author.name", "\"Hubot\""),
        arguments("github.event.commits[5]", "null"),
        arguments("github.event.commits[-1]", "null"),
        arguments("github.missing.deeper", "null"),
        arguments("github.ref.length", "null"),
        arguments("'abc'[0]", "null"),
        arguments("steps.build.outputs.version", "\"1.2.3\""),
        arguments("needs.anything", "null"),
        arguments("git.event_name", "\"push\""),
        arguments("inputs.missing", "null"),
        arguments("matrix.os", "\"linux\""),
        arguments("matrix.true", "null"),
        arguments("matrix.fruits[null].name", "\"apple\""),
        arguments("matrix.fruits[false].name", "\"apple\""),
        arguments("matrix.fruits[true].name", "\"orange\""),
        arguments("matrix.fruits[' 0x02 '].name", "\"pear\""),
        arguments("matrix.fruits[' 0.0 '].name", "\"apple\""),
        arguments("matrix.fruits[' asdf ']", "null"),
        arguments("matrix.fruits[fromJSON('[]')]", "null"),
        arguments("(fromJSON('{\"one\": \"one val\"}')).one", "\"one val\""),
        arguments("fromJSON('{\"a\":{\"b\":[10,20]}}').a.b[1]", "20"));
  }

  static Stream<Arguments> filters() {
    return Stream.of(
        arguments("matrix.fruits.*.name", "[\"apple\", \"orange\", \"pear\"]"),
        arguments("matrix.fruits[*].quantity", "[1, 2, 1]"),
        arguments(
            "matrix.vegetables.*.ediblePortions",
            "[[\"roots\", \"stalks\"], [\"roots\", \"stems\", \"leaves\"]]"),
        arguments(
            "matrix.vegetables.*.ediblePortions.*",
            "[\"roots\", \"stalks\", \"roots\", \"stems\", \"leaves\"]"),
        arguments("github.event.commits.*.message", "[\"Fix the build\", \"Add tests\"]"),
        arguments("github.event.commits.*.author.name", "[\"Mona\", \"Hubot\", \"Nobody\"]"),
        arguments("github.event.commits.*.missing", "[]"),
        arguments("matrix.fruits.*.name[0]", "[]"),
        arguments("github.ref.*", "[]"),
        arguments("contains(github.event.issue.labels.*.name, 'bug')", "true"),
        arguments("contains(github.event.issue.labels.*.name, 'BUG')", "true"),
        arguments("contains(github.event.issue.labels.*.name, 'enhancement')", "false"));
  }

  static Stream<Arguments> functions() {
    return Stream.of(
        arguments("contains('Hello world', 'llo')", "true"),
        arguments("contains('Hello world', 'LLO')", "true"),
        arguments("contains('Hello world', 'xyz')", "false"),
        arguments("contains(fromJSON('[\"push\", \"pull_request\"]'), github.event_name)", "true"),
        arguments("contains(fromJSON('[1, 2]'), '2')", "true"),
        arguments("contains(123, 2)", "true"),
        arguments("contains(true, 'ru')", "true"),
        arguments("startsWith('Hello world', 'He')", "true"),
        arguments("startsWith('Hello world', 'he')", "true"),
        arguments("startsWith('Hello world', 'world')", "false"),
        arguments("endsWith('Hello world', 'ld')", "true"),
        arguments("endsWith('Hello world', 'LD')", "true"),
        arguments("endsWith('ld', 'Hello world')", "false"),
        arguments("STARTSWITH(github.ref, 'refs/heads/')", "true"),
        arguments(
            "format('Hello {0} {1} {2}', 'Mona', 'the', 'Octocat')", "\"Hello Mona the Octocat\""),
        arguments(
            "format('{{Hello {0} {1} {2}!}}', 'Mona', 'the', 'Octocat')",
            "\"{Hello Mona the Octocat!}\""),
        arguments("format('{0}{0}', 1.5)", "\"1.51.5\""),
        arguments("format('{1}-{0}', 'a', 'b')", "\"b-a\""),
        arguments("format('{0} {1} {2}', null, true, 2.0)", "\" true 2\""),
        arguments("format('no placeholders')", "\"no placeholders\""),
        arguments("format(null)", "\"\""),
        arguments("format('', 'some arg')", "\"\""),
        arguments("format('123{0}456{1}789', 'abc', 'def')", "\"123abc456def789\""),
        arguments("format('{{0}}', 'abc')", "\"{0}\""),
        arguments("format('{{{{0}}}}', 'abc')", "\"{{0}}\""),
        arguments("format('}}', 'abc')", "\"}\""),
        arguments("format('{0}', -Infinity)", "\"-Infinity\""),
        arguments("format('{0}', +Infinity)", "\"Infinity\""),
        arguments("format('{0}', NaN)", "\"NaN\""),
        arguments("format('{0}', -.5)", "\"-0.5\""),
        arguments("format('{0}', -2.0)", "\"-2\""),
        arguments("join(github.event.issue.labels.*.name, ', ')", "\"bug, help wanted\""),
        arguments("join(matrix.fruits.*.name)", "\"apple,orange,pear\""),
        arguments("join('abc')", "\"abc\""),
        arguments("join(1, '-')", "\"1\""),
        arguments("join(fromJSON('[1, true, null, \"x\"]'), '|')", "\"1|true||x\""),
        arguments("toJSON(1)", "\"1\""),
        arguments("toJSON('a\"b')", "\"\\\"a\\\\\\\"b\\\"\""),
        arguments("toJSON(fromJSON('[]'))", "\"[]\""),
        arguments(
            "toJSON(fromJSON('{\"a\": [1, {\"b\": null}]}'))",
            "\"{\\n  \\\"a\\\": [\\n    1,\\n    {\\n      \\\"b\\\": null\\n    }\\n  ]\\n}\""),
        arguments("fromJSON('true')", "true"),
        arguments("fromJSON('\"x\"')", "\"x\""),
        arguments("fromJSON(' 1.5e1 ')", "15"),
        arguments("fromJSON('{\"include\": [{\"os\": \"linux\"}]}').include[0].os", "\"linux\""),
        arguments("fromJSON(toJSON(matrix.fruits))[1].name", "\"orange\""),
        arguments("success()", "true"),
        arguments("failure()", "false"),
        arguments("cancelled()", "false"),
        arguments("always()", "true"));
  }

  static Stream<Arguments> coercionToString() {
    return Stream.of(
        arguments("format('{0}', null)", "\"\""),
        arguments("format('{0}', 1.0)", "\"1\""),
        arguments("format('{0}', 0.5)", "\"0.5\""),
        arguments("format('{0}', 1e21)", "\"1000000000000000000000\""),
        arguments("format('{0}', -0.0)", "\"0\""),
        arguments("format('{0}', 0xff)", "\"255\""),
        arguments("format('{0}', false)", "\"false\""),
        arguments("format('{0}', fromJSON('[1]'))", "\"[\\n  1\\n]\""));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource({
    "literals",
    "operators",
    "coercion",
    "properties",
    "filters",
    "functions",
    "coercionToString"
  })
  void expression_evaluatedAgainstTheContexts_hasGitHubsValue(String expression, String json) {
    Value value = Expression.parse(expression).evaluate(CONTEXTS);

    assertThat(value).isEqualTo(Value.parseJson(json));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("literals")
  void literal_asCondition_hasTheTruthinessOfItsValue(String expression, String json) {
    boolean expected = Value.parseJson(json).truthy();

    assertThat(IfCondition.of(expression).test(CONTEXTS)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void nan_literal_isANumberThatIsFalsy() {
    Value value = Expression.parse("NaN").evaluate(CONTEXTS);

    assertThat(value.typeName()).isEqualTo("Number");
    assertThat(value.truthy()).isFalse();
    assertThat(value.asString()).isEqualTo("NaN");
    assertThat(Expression.parse("fromJSON('[]')").evaluate(CONTEXTS).truthy()).isTrue();
    assertThat(List.of(Value.nullValue(), Value.of(0), Value.of(""), Value.of(false)))
        .noneMatch(Value::truthy);
  }

  static Stream<Arguments> canonicalForms() {
    return Stream.of(
        arguments("env.a", "env.a"),
        arguments("inputs.x", "params.x"),
        arguments("  github.REF=='x'&&!(1<2)", "github.REF == 'x' && !(1 < 2)"),
        arguments("(env.a || env.b) && env.c", "(env.a || env.b) && env.c"),
        arguments("env.a || (env.b && env.c)", "env.a || env.b && env.c"),
        arguments("(env.a == env.b) == env.c", "env.a == env.b == env.c"),
        arguments("env.a == (env.b == env.c)", "env.a == (env.b == env.c)"),
        arguments("!(!env.a).b", "!(!env.a).b"),
        arguments("(1).x", "(1).x"),
        arguments("STARTSWITH('It''s', 0xff)", "startsWith('It''s', 255)"),
        arguments("-Infinity < +1", "-Infinity < 1"),
        arguments("github.event.commits[*].message", "github.event.commits.*.message"),
        arguments("fromJSON('[]')[0]['b']", "fromJSON('[]')[0]['b']"));
  }

  @ParameterizedTest(name = "{0} prints as {1}")
  @MethodSource("canonicalForms")
  void expression_printedCanonically_hasMinimalParenthesesAndCanonicalNames(
      String source, String canonical) {
    assertThat(Expression.parse(source).canonical()).isEqualTo(canonical);
  }
}
