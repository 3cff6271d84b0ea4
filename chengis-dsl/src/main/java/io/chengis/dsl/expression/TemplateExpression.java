package io.chengis.dsl.expression;

import java.util.Objects;

/**
 * One {@code ${{ ... }}} in a template.
 *
 * @param offset where {@code ${{} starts in the template
 * @param length the length of {@code ${{ ... }}}, braces included
 * @param expression the parsed expression inside
 * @since 0.1.0
 */
public record TemplateExpression(int offset, int length, Expression expression) {
  /**
   * Checks the parts.
   *
   * @param offset where {@code ${{} starts in the template
   * @param length the length of {@code ${{ ... }}}, braces included
   * @param expression the parsed expression inside
   */
  public TemplateExpression {
    Objects.requireNonNull(expression, "expression");
    if (offset < 0 || length < 5) {
      throw new IllegalArgumentException(
          "offset must be at least 0 and length at least 5 (was " + offset + ", " + length + ")");
    }
  }
}
