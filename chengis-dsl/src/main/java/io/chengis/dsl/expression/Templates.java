package io.chengis.dsl.expression;

import io.chengis.dsl.expression.ExpressionException.Kind;
import io.chengis.dsl.expression.internal.ContextRewriter;
import io.chengis.dsl.expression.internal.Errors;
import java.util.ArrayList;
import java.util.List;

/**
 * Strings with embedded expressions, such as {@code "v${{ matrix.jdk }}"}: each {@code ${{ ... }}}
 * is evaluated and replaced by its value {@linkplain Value#asString() as a string}. Positions in
 * errors are columns of the whole template.
 *
 * @since 0.1.0
 */
public final class Templates {
  private Templates() {}

  /**
   * Renders a template.
   *
   * @param text the template
   * @param contexts the contexts its expressions read
   * @return the text with every expression replaced by its value
   * @throws ExpressionException when an expression is unclosed, malformed or fails
   */
  public static String render(String text, Contexts contexts) {
    var out = new StringBuilder();
    int done = 0;
    for (TemplateExpression part : expressions(text)) {
      out.append(text, done, part.offset());
      out.append(part.expression().evaluate(contexts).asString());
      done = part.offset() + part.length();
    }
    return out.append(text, done, text.length()).toString();
  }

  /**
   * The expressions embedded in a template, in order, parsed.
   *
   * @param text the template
   * @return the expressions with their offsets
   * @throws ExpressionException when an expression is unclosed or malformed
   */
  public static List<TemplateExpression> expressions(String text) {
    List<TemplateExpression> parts = new ArrayList<>();
    int from = 0;
    while (true) {
      int start = text.indexOf("${{", from);
      if (start < 0) {
        return List.copyOf(parts);
      }
      int end = ContextRewriter.closing(text, start + 3);
      if (end < 0) {
        throw Errors.at(
            Kind.LEXING,
            start,
            "'${{' is not closed",
            Errors.quote(text),
            "end the expression with '}}'");
      }
      String inner = text.substring(start + 3, end);
      parts.add(new TemplateExpression(start, end + 2 - start, Expression.parse(inner, start + 3)));
      from = end + 2;
    }
  }
}
