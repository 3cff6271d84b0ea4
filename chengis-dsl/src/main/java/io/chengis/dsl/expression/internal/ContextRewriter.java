package io.chengis.dsl.expression.internal;

import io.chengis.dsl.expression.ExpressionException;
import io.chengis.dsl.expression.TemplateExpression;
import io.chengis.dsl.expression.Templates;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Replaces references to context members ({@code inputs.version}, {@code needs['build']}) in the
 * {@code ${{ }}} expressions of a template by other expression text, token by token, so that string
 * literals and property names that only look alike stay untouched. Used to inline a reusable
 * workflow into its caller. Stateless.
 */
public final class ContextRewriter {
  private ContextRewriter() {}

  /**
   * Rewrites every {@code context.member} and {@code context['member']} at the root of a property
   * chain (the context name compared case-insensitively).
   *
   * @param template text with {@code ${{ }}} expressions
   * @param substitute given the lower-case context name and the member as written, the expression
   *     text to put in place of the reference, or empty to keep it
   * @return the rewritten template; the template itself when an expression does not parse (the
   *     problem is reported where the template is checked)
   */
  public static String rewrite(
      String template, BiFunction<String, String, Optional<String>> substitute) {
    StringBuilder out = new StringBuilder();
    int copied = 0;
    while (true) {
      int start = template.indexOf("${{", copied);
      int end = start < 0 ? -1 : closing(template, start + 3);
      if (end < 0) {
        break;
      }
      out.append(template, copied, start + 3);
      out.append(rewriteExpression(template.substring(start + 3, end), substitute));
      copied = end;
      out.append("}}");
      copied = end + 2;
    }
    out.append(template, copied, template.length());
    return out.toString();
  }

  /**
   * The index of the {@code }}} ending an expression, skipping quoted strings.
   *
   * @param text the template
   * @param from the index just after {@code ${{}
   * @return the index, or -1 when the expression is not closed
   */
  public static int closing(String text, int from) {
    boolean quoted = false;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Rewrites the references of one expression (the text inside {@code ${{ }}}).
   *
   * @param source the expression
   * @param substitute as for {@link #rewrite}
   * @return the rewritten expression, or the expression itself when it does not lex
   */
  public static String rewriteExpression(
      String source, BiFunction<String, String, Optional<String>> substitute) {
    List<Token> tokens;
    try {
      tokens = Lexer.tokens(source, 0);
    } catch (ExpressionException broken) {
      return source;
    }
    StringBuilder out = new StringBuilder();
    int copied = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token root = tokens.get(i);
      boolean chained = i > 0 && tokens.get(i - 1).type() == Token.Type.DOT;
      if (root.type() != Token.Type.IDENTIFIER || chained || i + 2 >= tokens.size()) {
        continue;
      }
      String context = root.text().toLowerCase(Locale.ROOT);
      Token next = tokens.get(i + 1);
      Optional<String> member = Optional.empty();
      int end = -1;
      if (next.type() == Token.Type.DOT && tokens.get(i + 2).type() == Token.Type.IDENTIFIER) {
        member = Optional.of(tokens.get(i + 2).text());
        end = tokens.get(i + 2).position() + tokens.get(i + 2).text().length();
      } else if (next.type() == Token.Type.LBRACKET
          && i + 3 < tokens.size()
          && tokens.get(i + 2).type() == Token.Type.LITERAL
          && tokens.get(i + 2).literal() instanceof io.chengis.dsl.expression.Value.Str name
          && tokens.get(i + 3).type() == Token.Type.RBRACKET) {
        member = Optional.of(name.asString());
        end = tokens.get(i + 3).position() + 1;
      }
      if (member.isEmpty()) {
        continue;
      }
      Optional<String> replacement = substitute.apply(context, member.get());
      if (replacement.isPresent()) {
        out.append(source, copied, root.position()).append(replacement.get());
        copied = end;
      }
    }
    out.append(source.substring(copied));
    return out.toString();
  }

  /**
   * An expression that evaluates to a template: a literal when it has no {@code ${{ }}}, the
   * expression itself when it is exactly one, else a {@code format(...)} call.
   *
   * @param template the template
   * @return the expression text
   */
  public static String asExpression(String template) {
    List<TemplateExpression> expressions;
    try {
      expressions = Templates.expressions(template);
    } catch (ExpressionException broken) {
      return literal(template);
    }
    if (expressions.isEmpty()) {
      return literal(template);
    }
    TemplateExpression first = expressions.getFirst();
    if (expressions.size() == 1 && first.offset() == 0 && first.length() == template.length()) {
      return "(" + template.substring(3, template.length() - 2).strip() + ")";
    }
    StringBuilder format = new StringBuilder();
    StringBuilder arguments = new StringBuilder();
    int copied = 0;
    int index = 0;
    for (TemplateExpression expression : expressions) {
      format.append(
          template.substring(copied, expression.offset()).replace("{", "{{").replace("}", "}}"));
      format.append('{').append(index++).append('}');
      arguments
          .append(", (")
          .append(
              template
                  .substring(expression.offset() + 3, expression.offset() + expression.length() - 2)
                  .strip())
          .append(')');
      copied = expression.offset() + expression.length();
    }
    format.append(template.substring(copied).replace("{", "{{").replace("}", "}}"));
    return "format(" + literal(format.toString()) + arguments + ")";
  }

  /**
   * A string literal of the expression language.
   *
   * @param text the string
   * @return {@code 'text'} with quotes doubled
   */
  public static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
