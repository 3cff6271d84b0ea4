package io.chengis.dsl.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Templates with embedded expressions, the status-function rule, contexts and secret reads. */
class TemplatesAndConditionsTest {
  private static final Contexts CONTEXTS =
      Contexts.builder()
          .matrix(Map.of("jdk", "21", "os", "linux"))
          .env(Map.of("CI", "true"))
          .context("github", Value.parseJson("{\"ref\": \"refs/heads/main\"}"))
          .build();

  static Stream<Arguments> templates() {
    return Stream.of(
        arguments("v${{ matrix.jdk }}", "v21"),
        arguments("plain text", "plain text"),
        arguments("${{matrix.os}}-${{ matrix.jdk }}", "linux-21"),
        arguments("${{ 1 }}${{ true }}${{ null }}|", "1true|"),
        arguments("${{ 1.50 }}", "1.5"),
        arguments("x ${{ '}}' }} y", "x }} y"),
        arguments("${{ format('{{0}}') }}", "{0}"),
        arguments("${{ matrix.missing }}", ""),
        arguments("${{ fromJSON('[1]') }}", "[\n  1\n]"),
        arguments("$${{ env.CI }}}", "$true}"),
        arguments("{{ env.CI }}", "{{ env.CI }}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void template_rendered_replacesEachExpressionByItsString(String template, String expected) {
    assertThat(Templates.render(template, CONTEXTS)).isEqualTo(expected);
  }

  @Test
  void template_expressions_listsEachWithItsOffsetAndLength() {
    List<TemplateExpression> parts = Templates.expressions("a ${{ env.CI }} b ${{1}}");

    assertThat(parts)
        .extracting(
            TemplateExpression::offset, TemplateExpression::length, p -> p.expression().source())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, 13, " env.CI "),
            org.assertj.core.groups.Tuple.tuple(18, 6, "1"));
  }

  static Stream<Arguments> conditions() {
    return Stream.of(
        arguments("github.ref == 'refs/heads/main'", Status.SUCCESS, true),
        arguments("github.ref == 'refs/heads/main'", Status.FAILURE, false),
        arguments("github.ref == 'refs/heads/main'", Status.CANCELLED, false),
        arguments("${{ github.ref == 'refs/heads/main' }}", Status.SUCCESS, true),
        arguments("${{ github.ref == 'refs/heads/dev' }}", Status.SUCCESS, false),
        arguments("true", Status.FAILURE, false),
        arguments("failure()", Status.FAILURE, true),
        arguments("failure()", Status.SUCCESS, false),
        arguments("always()", Status.CANCELLED, true),
        arguments("cancelled()", Status.CANCELLED, true),
        arguments("success()", Status.FAILURE, false),
        arguments("!cancelled()", Status.FAILURE, true),
        arguments("failure() && github.ref == 'refs/heads/main'", Status.FAILURE, true),
        arguments("${{ success() || failure() }}", Status.FAILURE, true),
        arguments("contains(format('{0}', failure()), 'true')", Status.FAILURE, true),
        arguments("'${{ x }}' == 'x'", Status.SUCCESS, false));
  }

  @ParameterizedTest(name = "{0} when {1}")
  @MethodSource("conditions")
  void condition_withStatus_followsTheStatusFunctionRule(
      String source, Status status, boolean expected) {
    Contexts contexts = CONTEXTS.toBuilder().status(status).build();

    assertThat(IfCondition.of(source).test(contexts)).isEqualTo(expected);
  }

  @Test
  void condition_withoutStatusFunction_impliesSuccess() {
    assertThat(IfCondition.of("env.CI").impliesSuccess()).isTrue();
    assertThat(IfCondition.of("env.CI").toString()).isEqualTo("success() && (env.CI)");
    assertThat(IfCondition.of("always() && env.CI").impliesSuccess()).isFalse();
  }

  @Test
  void condition_whenNotSuccessful_doesNotEvaluateTheExpression() {
    Contexts failed = Contexts.builder().status(Status.FAILURE).build();

    assertThat(IfCondition.of("format('{9}')").test(failed)).isFalse();
  }

  @Test
  void secretsContext_readThroughExpressions_reportsEverySecretString() {
    List<String> read = new ArrayList<>();
    Contexts contexts =
        Contexts.builder()
            .secrets(Map.of("TOKEN", "s3cr3t"))
            .env(Map.of("A", "public"))
            .onSecretRead(read::add)
            .build();

    String rendered = Templates.render("token=${{ secrets.TOKEN }} a=${{ env.A }}", contexts);

    assertThat(rendered).isEqualTo("token=s3cr3t a=public");
    assertThat(read).containsExactly("s3cr3t");
  }

  @Test
  void secretsContext_readWhole_reportsEachSecretInside() {
    List<String> read = new ArrayList<>();
    Contexts contexts =
        Contexts.builder()
            .context("secrets", Value.parseJson("{\"A\": \"one\", \"B\": {\"C\": \"two\"}}"))
            .onSecretRead(read::add)
            .build();

    Expression.parse("toJSON(secrets)").evaluate(contexts);
    Expression.parse("format('{0}', SECRETS['a'])").evaluate(contexts);
    Expression.parse("secrets.missing || env.X").evaluate(contexts);

    assertThat(read).containsExactly("one", "two", "one");
  }

  @Test
  void contexts_fromJson_readsTopLevelKeysAsContextsWithAliases() {
    Contexts contexts =
        Contexts.fromJson("{\"git\": {\"ref\": \"main\"}, \"inputs\": {\"n\": 2}, \"Env\": {}}");

    assertThat(Expression.parse("github.ref").evaluate(contexts)).isEqualTo(Value.of("main"));
    assertThat(Expression.parse("params.n").evaluate(contexts)).isEqualTo(Value.of(2));
    assertThat(contexts.get("ENV")).contains(Value.object(Map.of()));
    assertThat(contexts.get("job")).isEmpty();
  }

  @Test
  void value_toJson_indentsWithTwoSpacesLikeGitHub() {
    Value value = Value.parseJson("{\"a\": [1, 2.5, \"x\\n\"], \"b\": {}, \"c\": [], \"d\": null}");

    assertThat(value.toJson())
        .isEqualTo(
            """
            {
              "a": [
                1,
                2.5,
                "x\\n"
              ],
              "b": {},
              "c": [],
              "d": null
            }""");
    assertThat(value.asString()).isEqualTo(value.toJson());
    assertThat(value.typeName()).isEqualTo("Object");
  }

  @Test
  void object_withKeysDifferingInCase_keepsTheLaterAndLooksUpIgnoringCase() {
    Value.Obj object = (Value.Obj) Value.parseJson("{\"Key\": 1, \"other\": 2, \"KEY\": 3}");

    assertThat(object.members()).containsOnlyKeys("other", "KEY");
    assertThat(object.get("key")).contains(Value.of(3));
  }
}
