package io.chengis.dsl.expression;

import java.util.Objects;

/**
 * An {@code if:} condition with GitHub's status-function rule: a condition that calls none of
 * {@code success()}, {@code failure()}, {@code always()} or {@code cancelled()} means {@code
 * success() && (condition)}. A condition may be wrapped in {@code ${{ }}}. Immutable and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class IfCondition {
  private final Expression expression;
  private final boolean implicitSuccess;

  private IfCondition(Expression expression) {
    this.expression = expression;
    this.implicitSuccess = !expression.callsStatusFunction();
  }

  /**
   * Parses a condition.
   *
   * @param source the condition, bare or wrapped in {@code ${{ }}}
   * @return the condition
   * @throws ExpressionException of kind lexing or parsing, positioned in {@code source}
   */
  public static IfCondition of(String source) {
    Objects.requireNonNull(source, "source");
    String trimmed = source.strip();
    if (trimmed.startsWith("${{") && trimmed.endsWith("}}")) {
      var parts = Templates.expressions(source);
      if (parts.size() == 1
          && parts.getFirst().offset() == source.indexOf("${{")
          && parts.getFirst().offset() + parts.getFirst().length()
              == source.lastIndexOf("}}") + 2) {
        return new IfCondition(parts.getFirst().expression());
      }
    }
    return new IfCondition(Expression.parse(source));
  }

  /**
   * The condition's expression as written.
   *
   * @return the expression
   */
  public Expression expression() {
    return expression;
  }

  /**
   * Whether the condition means {@code success() && (expression)} because it calls no status
   * function.
   *
   * @return whether success is implied
   */
  public boolean impliesSuccess() {
    return implicitSuccess;
  }

  /**
   * Evaluates the condition; with an implied {@code success()}, the expression is evaluated only
   * when the status is {@link Status#SUCCESS}.
   *
   * @param contexts the contexts, with the status
   * @return whether the condition holds
   * @throws ExpressionException of kind evaluation
   */
  public boolean test(Contexts contexts) {
    if (implicitSuccess && contexts.status() != Status.SUCCESS) {
      return false;
    }
    return expression.evaluate(contexts).truthy();
  }

  @Override
  public String toString() {
    return implicitSuccess ? "success() && (" + expression + ")" : expression.toString();
  }
}
