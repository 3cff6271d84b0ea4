package io.chengis.dsl.expression.internal;

import io.chengis.dsl.expression.ExpressionException.Kind;
import io.chengis.dsl.expression.internal.Node.Operator;
import io.chengis.dsl.expression.internal.Token.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A recursive-descent parser with GitHub's precedence, from tightest: {@code ( )}, {@code [ ]},
 * {@code .}, {@code !}, {@code < <= > >=}, {@code == !=}, {@code &&}, {@code ||}.
 */
public final class Parser {
  /** GitHub limits nesting to 50 levels; the limit also keeps random input off the stack's end. */
  private static final int MAX_DEPTH = 50;

  /** The context names, each mapped to its canonical name. */
  public static final Map<String, String> CONTEXTS =
      Map.ofEntries(
          Map.entry("env", "env"),
          Map.entry("params", "params"),
          Map.entry("inputs", "params"),
          Map.entry("secrets", "secrets"),
          Map.entry("matrix", "matrix"),
          Map.entry("steps", "steps"),
          Map.entry("stages", "stages"),
          Map.entry("needs", "stages"),
          Map.entry("github", "github"),
          Map.entry("git", "github"),
          Map.entry("chengis", "chengis"),
          Map.entry("job", "job"),
          Map.entry("runner", "runner"));

  /** The context names as listed in messages. */
  public static final String CONTEXT_LIST =
      "env, params, inputs, secrets, matrix, steps, stages, needs, github, git, chengis, job, runner";

  private final String source;
  private final List<Token> tokens;
  private int index;
  private int depth;

  private Parser(String source, List<Token> tokens) {
    this.source = source;
    this.tokens = tokens;
  }

  /**
   * Parses an expression.
   *
   * @param source the expression text
   * @param base the column of the text's first character, for positions inside templates
   * @return the tree
   * @throws io.chengis.dsl.expression.ExpressionException of kind lexing or parsing
   */
  public static Node parse(String source, int base) {
    var parser = new Parser(source, Lexer.tokens(source, base));
    if (parser.peek().type() == Type.END) {
      throw Errors.at(
          Kind.PARSING,
          base,
          "expression is empty",
          Errors.quote(source),
          "write an expression such as github.ref == 'refs/heads/main'");
    }
    Node node = parser.or();
    Token end = parser.peek();
    if (end.type() != Type.END) {
      throw parser.error(
          end,
          "token " + end.describe() + " is unexpected after a complete expression",
          "join expressions with an operator such as && or ||, or remove it");
    }
    return node;
  }

  /**
   * The canonical context name.
   *
   * @param name a context name in any case
   * @return the canonical name, or empty when it is no context
   */
  public static Optional<String> context(String name) {
    return Optional.ofNullable(CONTEXTS.get(name.toLowerCase(Locale.ROOT)));
  }

  private Node or() {
    Node left = and();
    while (peek().type() == Type.OR) {
      Token op = next();
      left = new Node.Binary(Operator.OR, left, operand(op, this::and), op.position());
    }
    return left;
  }

  private Node and() {
    Node left = equality();
    while (peek().type() == Type.AND) {
      Token op = next();
      left = new Node.Binary(Operator.AND, left, operand(op, this::equality), op.position());
    }
    return left;
  }

  private Node equality() {
    Node left = comparison();
    while (peek().type() == Type.EQ || peek().type() == Type.NE) {
      Token op = next();
      Operator operator = op.type() == Type.EQ ? Operator.EQ : Operator.NE;
      left = new Node.Binary(operator, left, operand(op, this::comparison), op.position());
    }
    return left;
  }

  private Node comparison() {
    Node left = unary();
    while (true) {
      Operator operator =
          switch (peek().type()) {
            case LT -> Operator.LT;
            case LE -> Operator.LE;
            case GT -> Operator.GT;
            case GE -> Operator.GE;
            default -> null;
          };
      if (operator == null) {
        return left;
      }
      Token op = next();
      left = new Node.Binary(operator, left, operand(op, this::unary), op.position());
    }
  }

  private Node operand(Token op, java.util.function.Supplier<Node> rule) {
    Token after = peek();
    if (!startsValue(after)) {
      throw error(
          after,
          "operator " + op.describe() + " needs a value on its right but found " + after.describe(),
          "write a value after " + op.describe());
    }
    return rule.get();
  }

  private static boolean startsValue(Token token) {
    return switch (token.type()) {
      case LITERAL, IDENTIFIER, LPAREN, NOT -> true;
      default -> false;
    };
  }

  private Node unary() {
    if (peek().type() == Type.NOT) {
      Token not = next();
      enter(not);
      Node operand = operand(not, this::unary);
      depth--;
      return new Node.Not(operand, not.position());
    }
    return postfix();
  }

  private Node postfix() {
    Node node = primary();
    while (true) {
      Token token = peek();
      if (token.type() == Type.DOT) {
        next();
        Token name = next();
        if (name.type() == Type.STAR) {
          node = new Node.Wildcard(node, name.position());
        } else if (name.type() == Type.IDENTIFIER) {
          node = new Node.Property(node, name.text(), name.position());
        } else {
          throw error(
              name,
              "'.' needs a property name or '*' but found " + name.describe(),
              "write a name such as .ref, or use ['name'] for other names");
        }
      } else if (token.type() == Type.LBRACKET) {
        next();
        enter(token);
        if (peek().type() == Type.STAR) {
          next();
          node = new Node.Wildcard(node, token.position());
        } else {
          node = new Node.Index(node, operand(token, this::or), token.position());
        }
        expect(Type.RBRACKET, token, "close the index with ']'");
        depth--;
      } else {
        return node;
      }
    }
  }

  private Node primary() {
    Token token = next();
    switch (token.type()) {
      case LITERAL -> {
        return new Node.Literal(token.literal(), token.position());
      }
      case LPAREN -> {
        enter(token);
        Node inner = operand(token, this::or);
        expect(Type.RPAREN, token, "close the group with ')'");
        depth--;
        return inner;
      }
      case IDENTIFIER -> {
        if (peek().type() == Type.LPAREN) {
          return call(token);
        }
        return context(token.text())
            .<Node>map(name -> new Node.Named(name, token.position()))
            .orElseThrow(
                () ->
                    error(
                        token,
                        "context " + Errors.quote(token.text()) + " is unknown",
                        "use one of " + CONTEXT_LIST + ", or quote text with single quotes"));
      }
      default ->
          throw error(
              token,
              "a value is expected but found " + token.describe(),
              "write a literal, a context such as github.ref, a function call or a group in ( )");
    }
  }

  private Node call(Token name) {
    Functions.Signature signature =
        Functions.signature(name.text())
            .orElseThrow(
                () ->
                    error(
                        name,
                        "function " + Errors.quote(name.text()) + " is unknown",
                        "use one of " + Functions.NAMES));
    Token open = next();
    enter(open);
    List<Node> arguments = new ArrayList<>();
    if (peek().type() != Type.RPAREN) {
      arguments.add(operand(open, this::or));
      while (peek().type() == Type.COMMA) {
        Token comma = next();
        arguments.add(operand(comma, this::or));
      }
    }
    expect(Type.RPAREN, open, "close the arguments of " + signature.name() + " with ')'");
    depth--;
    if (arguments.size() < signature.min() || arguments.size() > signature.max()) {
      throw error(
          name,
          "function " + signature.name() + " expects " + signature.arity(),
          arguments.size() + " argument" + (arguments.size() == 1 ? "" : "s"),
          "call it as " + signature.usage());
    }
    return new Node.Call(signature.name(), arguments, name.position());
  }

  private void expect(Type type, Token opener, String fix) {
    Token token = peek();
    if (token.type() != type) {
      throw error(
          token,
          (type == Type.RPAREN ? "')'" : "']'")
              + " is expected for "
              + opener.describe()
              + " at column "
              + opener.position()
              + " but found "
              + token.describe(),
          fix);
    }
    next();
  }

  private void enter(Token token) {
    if (++depth > MAX_DEPTH) {
      throw error(
          token,
          "expression nests deeper than " + MAX_DEPTH + " levels",
          "split it into simpler expressions");
    }
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token next() {
    Token token = tokens.get(index);
    if (token.type() != Type.END) {
      index++;
    }
    return token;
  }

  private RuntimeException error(Token at, String what, String fix) {
    return error(at, what, Errors.quote(source), fix);
  }

  private RuntimeException error(Token at, String what, String value, String fix) {
    return Errors.at(Kind.PARSING, at.position(), what, value, fix);
  }
}
