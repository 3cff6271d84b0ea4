package io.chengis.dsl.expression.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.dsl.expression.Contexts;
import io.chengis.dsl.expression.Expression;
import io.chengis.dsl.expression.Templates;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Rewriting context references token by token, as reusable workflows are inlined. */
class ContextRewriterTest {
  @Property(tries = 500)
  void anyText_rewrittenWithoutSubstitutes_isUnchanged(@ForAll String text) {
    assertThat(ContextRewriter.rewrite(text, (context, member) -> Optional.empty()))
        .isEqualTo(text);
  }

  @Property(tries = 300)
  void inputReference_rewritten_readsTheSubstituteAndLeavesLiteralsAlone(
      @ForAll("names") String name, @ForAll("texts") String literal) {
    String quoted = ContextRewriter.literal("inputs." + name + literal);
    String template = "${{ inputs." + name + " == " + quoted + " }} and inputs." + name;

    String rewritten =
        ContextRewriter.rewrite(
            template,
            (context, member) ->
                context.equals("inputs") && member.equals(name)
                    ? Optional.of(ContextRewriter.literal(literal))
                    : Optional.empty());

    assertThat(rewritten)
        .isEqualTo(
            "${{ " + ContextRewriter.literal(literal) + " == " + quoted + " }} and inputs." + name);
  }

  @Property(tries = 300)
  void asExpression_evaluatesToTheTemplatesRendering(@ForAll("templates") String template) {
    Contexts contexts = Contexts.builder().env(Map.of("A", "x{y}'z")).build();

    String expression = ContextRewriter.asExpression(template);

    assertThat(Expression.parse(expression).evaluate(contexts).asString())
        .isEqualTo(Templates.render(template, contexts));
  }

  @Test
  void indexedAndCaseInsensitiveReferences_rewritten_areFoundToo() {
    assertThat(
            ContextRewriter.rewriteExpression(
                "NEEDS['build'].result == needs.build.outputs.x && steps.build",
                (context, member) ->
                    context.equals("needs")
                        ? Optional.of("needs['c/" + member + "']")
                        : Optional.empty()))
        .isEqualTo("needs['c/build'].result == needs['c/build'].outputs.x && steps.build");
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("ab '{}$.").ofMaxLength(10);
  }

  @Provide
  Arbitrary<String> templates() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars("ab {}'").ofMaxLength(5),
            Arbitraries.of("${{ env.A }}", "${{ 'q''t' }}", "${{ 1 }}", "${{ true }}"));
    return piece.list().ofMaxSize(5).map(parts -> String.join("", parts));
  }
}
