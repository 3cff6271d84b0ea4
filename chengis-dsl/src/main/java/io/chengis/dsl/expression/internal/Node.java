package io.chengis.dsl.expression.internal;

import io.chengis.dsl.expression.Value;
import java.util.List;

/** The parsed form of an expression; every node knows its absolute column. */
public sealed interface Node {
  /**
   * The column where the node starts.
   *
   * @return the column
   */
  int position();

  /** A literal. */
  record Literal(Value value, int position) implements Node {}

  /** A context such as {@code github}, by its canonical name. */
  record Named(String name, int position) implements Node {}

  /** {@code target.name}. */
  record Property(Node target, String name, int position) implements Node {}

  /** {@code target[index]}. */
  record Index(Node target, Node index, int position) implements Node {}

  /** {@code target.*} or {@code target[*]}. */
  record Wildcard(Node target, int position) implements Node {}

  /** {@code !operand}. */
  record Not(Node operand, int position) implements Node {}

  /** A binary operator; {@code position} is the operator's column. */
  record Binary(Operator operator, Node left, Node right, int position) implements Node {}

  /** A function call, by the function's canonical name. */
  record Call(String function, List<Node> arguments, int position) implements Node {
    /** Copies the arguments. */
    public Call {
      arguments = List.copyOf(arguments);
    }
  }

  /** The binary operators. */
  enum Operator {
    /** {@code ||}. */
    OR("||"),
    /** {@code &&}. */
    AND("&&"),
    /** {@code ==}. */
    EQ("=="),
    /** {@code !=}. */
    NE("!="),
    /** {@code <}. */
    LT("<"),
    /** {@code <=}. */
    LE("<="),
    /** {@code >}. */
    GT(">"),
    /** {@code >=}. */
    GE(">=");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    /**
     * The operator as written.
     *
     * @return the symbol
     */
    public String symbol() {
      return symbol;
    }
  }

  /**
   * Whether the expression calls a status function ({@code success}, {@code failure}, {@code
   * always}, {@code cancelled}) anywhere.
   *
   * @param node the expression
   * @return whether it does
   */
  static boolean callsStatusFunction(Node node) {
    return switch (node) {
      case Literal ignored -> false;
      case Named ignored -> false;
      case Property p -> callsStatusFunction(p.target());
      case Index i -> callsStatusFunction(i.target()) || callsStatusFunction(i.index());
      case Wildcard w -> callsStatusFunction(w.target());
      case Not n -> callsStatusFunction(n.operand());
      case Binary b -> callsStatusFunction(b.left()) || callsStatusFunction(b.right());
      case Call c ->
          Functions.STATUS.contains(c.function())
              || c.arguments().stream().anyMatch(Node::callsStatusFunction);
    };
  }
}
