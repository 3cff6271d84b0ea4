package io.chengis.dsl.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the language: the lexer and parser fail only with located {@link
 * ExpressionException}s, {@code ==} is symmetric, {@code !!x} is x's truthiness, {@code format}
 * turns escaped braces back into braces, and JSON printing and reading are inverses.
 */
class ExpressionPropertiesTest {
  private static final List<String> VALID =
      List.of(
          "github.event.commits.*.message",
          "contains(github.event.issue.labels.*.name, 'bug') && !cancelled()",
          "format('{{{0}}}', matrix['jdk']) == '{21}'",
          "fromJSON(toJSON(matrix)).jdk >= 0x10 || null",
          "startsWith(github.ref, 'refs/') != endsWith(env.A, -1.5e3)",
          "join(hashFiles('**/pom.xml', '!x'), ', ')");

  @Provide
  Arbitrary<String> expressionText() {
    Arbitrary<String> tokens =
        Arbitraries.of(
                "github",
                "matrix",
                "env",
                "secrets",
                "foo",
                ".",
                "*",
                "[",
                "]",
                "(",
                ")",
                ",",
                "!",
                "<",
                "<=",
                ">",
                ">=",
                "==",
                "!=",
                "&&",
                "||",
                "=",
                "&",
                "|",
                "'",
                "''",
                "'a'",
                "0",
                "1.5",
                "-",
                "-2",
                "0x",
                "0xfg",
                "1e",
                "1e3",
                "null",
                "true",
                "NaN",
                "contains",
                "format",
                "fromJSON",
                "join",
                "toJSON",
                "hashFiles",
                "success",
                "always",
                "'{0}'",
                "'{'",
                "'}}'",
                " ",
                "$",
                "{{",
                "}}",
                "\n",
                "é")
            .list()
            .ofMaxSize(25)
            .map(parts -> String.join("", parts));
    Arbitrary<String> mutated =
        Combinators.combine(
                Arbitraries.of(VALID),
                Arbitraries.integers().between(0, 200),
                Arbitraries.integers().between(0, 5),
                Arbitraries.strings().withChars("()[]'.,!=<>&|*{} x0").ofMaxLength(3))
            .as(
                (valid, at, delete, insert) -> {
                  int start = Math.min(at, valid.length());
                  int end = Math.min(valid.length(), start + delete);
                  return valid.substring(0, start) + insert + valid.substring(end);
                });
    return Arbitraries.oneOf(tokens, mutated, Arbitraries.strings().ofMaxLength(30));
  }

  @Property(tries = 2000)
  void anyText_parsedAndEvaluated_failsOnlyWithALocatedExpressionException(
      @ForAll("expressionText") String source) {
    Contexts contexts =
        Contexts.builder()
            .workspace(Path.of("src/test/resources"))
            .context("github", Value.parseJson("{\"ref\": \"refs/heads/main\"}"))
            .build();
    try {
      Expression.parse(source).evaluate(contexts);
      IfCondition.of(source).test(contexts);
    } catch (ExpressionException e) {
      assertThat(e.getMessage()).startsWith("column " + e.position() + ": ").contains(" (was ");
      assertThat(e.position()).isBetween(0, source.length());
    }
  }

  @Property(tries = 1000)
  void anyText_renderedAsTemplate_failsOnlyWithALocatedExpressionException(
      @ForAll("expressionText") String body) {
    String template = "a ${{ " + body + " }} b";
    try {
      Templates.render(template, Contexts.empty());
    } catch (ExpressionException e) {
      assertThat(e.position()).isBetween(0, template.length());
    }
  }

  @Provide
  Arbitrary<Value> values() {
    Arbitrary<Value> scalars =
        Arbitraries.oneOf(
            Arbitraries.just(Value.nullValue()),
            Arbitraries.of(true, false).map(Value::of),
            Arbitraries.of(0.0, 1.0, -1.0, 2.5, 255.0, 1e3, Double.NaN).map(Value::of),
            Arbitraries.integers().between(-1000, 1000).map(Value::of),
            Arbitraries.of("", "0", "1", "1.0", " 2 ", "abc", "ABC", "true", "null", "0xff", "1e3")
                .map(Value::of),
            Arbitraries.strings().ofMaxLength(5).map(Value::of));
    return Arbitraries.recursive(
        () -> scalars,
        inner ->
            Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(Value::array),
                Arbitraries.maps(Arbitraries.strings().alpha().ofLength(1), inner)
                    .ofMaxSize(3)
                    .map(Value::object)),
        0,
        2);
  }

  private static Contexts with(Value a, Value b) {
    Map<String, Value> matrix = new LinkedHashMap<>();
    matrix.put("a", a);
    matrix.put("b", b);
    return Contexts.builder().context("matrix", Value.object(matrix)).build();
  }

  @Property(tries = 1000)
  void equality_ofAnyTwoValues_isSymmetric(@ForAll("values") Value a, @ForAll("values") Value b) {
    Contexts contexts = with(a, b);

    assertThat(Expression.parse("matrix.a == matrix.b").evaluate(contexts))
        .isEqualTo(Expression.parse("matrix.b == matrix.a").evaluate(contexts));
    assertThat(Expression.parse("matrix.a != matrix.b").evaluate(contexts))
        .isEqualTo(Value.of(!Expression.parse("matrix.a == matrix.b").evaluate(contexts).truthy()));
  }

  @Property(tries = 500)
  void equality_ofAValueWithItself_holdsUnlessItIsNaN(@ForAll("values") Value a) {
    boolean nan = a instanceof Value.Num n && Double.isNaN(n.value());

    assertThat(Expression.parse("matrix.a == matrix.a").evaluate(with(a, a)))
        .isEqualTo(Value.of(!nan));
  }

  @Property(tries = 500)
  void doubleNegation_ofAnyValue_isItsTruthiness(@ForAll("values") Value a) {
    assertThat(Expression.parse("!!matrix.a").evaluate(with(a, a))).isEqualTo(Value.of(a.truthy()));
    assertThat(IfCondition.of("always() && matrix.a").test(with(a, a))).isEqualTo(a.truthy());
  }

  @Property(tries = 500)
  void format_withEscapedBraces_givesBackTheText(@ForAll String text) {
    String escaped = text.replace("{", "{{").replace("}", "}}");
    Contexts contexts = Contexts.builder().matrix(Map.of("t", escaped)).build();

    assertThat(Expression.parse("format(matrix.t)").evaluate(contexts)).isEqualTo(Value.of(text));
    assertThat(
            Expression.parse("format('" + escaped.replace("'", "''") + "{0}', 1)")
                .evaluate(Contexts.empty()))
        .isEqualTo(Value.of(text + "1"));
  }

  @Property(tries = 500)
  void json_printedThenRead_isTheSameValue(@ForAll("values") Value value) {
    Value readable = withoutNaN(value);

    assertThat(Value.parseJson(readable.toJson())).isEqualTo(readable);
    assertThat(Expression.parse("fromJSON(toJSON(matrix.a))").evaluate(with(readable, readable)))
        .isEqualTo(readable);
  }

  private static Value withoutNaN(Value value) {
    return switch (value) {
      case Value.Num n when Double.isNaN(n.value()) -> Value.nullValue();
      case Value.Num n when n.value() == 0 -> Value.of(0.0);
      case Value.Arr a ->
          Value.array(a.elements().stream().map(ExpressionPropertiesTest::withoutNaN).toList());
      case Value.Obj o -> {
        Map<String, Value> members = new LinkedHashMap<>();
        o.members().forEach((k, v) -> members.put(k, withoutNaN(v)));
        yield Value.object(members);
      }
      default -> value;
    };
  }

  @Property(tries = 2000)
  void canonicalText_parsedAgain_printsTheSameAndEvaluatesTheSame(
      @ForAll("expressionText") String source) {
    Expression expression;
    try {
      expression = Expression.parse(source);
    } catch (ExpressionException e) {
      return;
    }
    Expression reparsed = Expression.parse(expression.canonical());

    assertThat(reparsed.canonical()).isEqualTo(expression.canonical());
    assertThat(outcome(reparsed)).isEqualTo(outcome(expression));
  }

  private static String outcome(Expression expression) {
    Contexts contexts =
        Contexts.builder()
            .workspace(Path.of("src/test/resources"))
            .context("github", Value.parseJson("{\"ref\": \"refs/heads/main\", \"a\": [1, {}]}"))
            .build();
    try {
      return expression.evaluate(contexts).toJson();
    } catch (ExpressionException e) {
      return e.kind() + " " + e.getMessage().replaceAll("column \\d+", "column N");
    }
  }
}
