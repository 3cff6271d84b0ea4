package io.chengis.dsl.expression;

import io.chengis.dsl.expression.internal.Evaluator;
import io.chengis.dsl.expression.internal.Node;
import io.chengis.dsl.expression.internal.Parser;
import io.chengis.dsl.expression.internal.Printer;
import java.util.Objects;

/**
 * A parsed expression: the text inside {@code ${{ }}}, with GitHub Actions semantics. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * Value value = Expression.parse("contains(github.ref, 'release/')").evaluate(contexts);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Expression {
  private final String source;
  private final Node node;

  Expression(String source, Node node) {
    this.source = source;
    this.node = node;
  }

  /**
   * Parses an expression.
   *
   * @param source the expression, without the {@code ${{ }}} around it
   * @return the parsed expression
   * @throws ExpressionException of kind lexing or parsing, positioned in {@code source}
   */
  public static Expression parse(String source) {
    return parse(source, 0);
  }

  static Expression parse(String source, int base) {
    Objects.requireNonNull(source, "source");
    return new Expression(source, Parser.parse(source, base));
  }

  /**
   * The text this expression was parsed from.
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * Evaluates the expression.
   *
   * @param contexts the contexts it reads
   * @return its value
   * @throws ExpressionException of kind evaluation, such as a bad {@code format} index
   */
  public Value evaluate(Contexts contexts) {
    return evaluator(contexts).evaluate(node);
  }

  /**
   * The expression printed in canonical form: single spaces around binary operators, parentheses
   * only where precedence needs them, canonical context names ({@code inputs} prints as {@code
   * params}) and function names. Parsing it gives an expression that evaluates the same.
   *
   * @return the canonical text
   */
  public String canonical() {
    return Printer.print(node);
  }

  boolean callsStatusFunction() {
    return Node.callsStatusFunction(node);
  }

  private static Evaluator evaluator(Contexts contexts) {
    return new Evaluator(
        contexts::get, contexts.status(), contexts.workspace(), contexts.secretRead());
  }

  @Override
  public String toString() {
    return source;
  }
}
