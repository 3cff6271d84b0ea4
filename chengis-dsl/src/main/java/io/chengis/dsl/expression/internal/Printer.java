package io.chengis.dsl.expression.internal;

import io.chengis.dsl.expression.Value;
import java.util.stream.Collectors;

/**
 * Prints a tree in canonical form: single spaces around binary operators, parentheses only where
 * precedence needs them, canonical context and function names. Parsing the output gives back the
 * same tree.
 */
public final class Printer {
  private static final int POSTFIX = 6;
  private static final int NOT = 5;

  private Printer() {}

  /**
   * Prints a tree.
   *
   * @param node the tree
   * @return the canonical text
   */
  public static String print(Node node) {
    return switch (node) {
      case Node.Literal literal -> literal(literal.value());
      case Node.Named named -> named.name();
      case Node.Property p -> target(p.target()) + "." + p.name();
      case Node.Index i -> target(i.target()) + "[" + print(i.index()) + "]";
      case Node.Wildcard w -> target(w.target()) + ".*";
      case Node.Not n -> "!" + child(n.operand(), NOT, false);
      case Node.Binary b ->
          child(b.left(), precedence(b), false)
              + " "
              + b.operator().symbol()
              + " "
              + child(b.right(), precedence(b), true);
      case Node.Call c ->
          c.function()
              + "("
              + c.arguments().stream().map(Printer::print).collect(Collectors.joining(", "))
              + ")";
    };
  }

  private static String target(Node node) {
    return switch (node) {
      case Node.Named n -> print(n);
      case Node.Property p -> print(p);
      case Node.Index i -> print(i);
      case Node.Wildcard w -> print(w);
      case Node.Call c -> print(c);
      default -> "(" + print(node) + ")";
    };
  }

  private static String child(Node node, int parent, boolean right) {
    int own = precedence(node);
    boolean wrap = own < parent || (right && own == parent);
    return wrap ? "(" + print(node) + ")" : print(node);
  }

  private static int precedence(Node node) {
    if (node instanceof Node.Binary b) {
      return switch (b.operator()) {
        case OR -> 1;
        case AND -> 2;
        case EQ, NE -> 3;
        case LT, LE, GT, GE -> 4;
      };
    }
    return node instanceof Node.Not ? NOT : POSTFIX;
  }

  private static String literal(Value value) {
    return switch (value) {
      case Value.Str s -> "'" + s.value().replace("'", "''") + "'";
      case Value.Num n when Double.isInfinite(n.value()) ->
          n.value() > 0 ? "Infinity" : "-Infinity";
      default -> value.asString().isEmpty() ? "null" : value.asString();
    };
  }
}
