package io.chengis.dsl.expression.internal;

import io.chengis.dsl.expression.ExpressionException.Kind;
import io.chengis.dsl.expression.Status;
import io.chengis.dsl.expression.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Evaluates a tree against the contexts.
 *
 * @param lookup the contexts by canonical name
 * @param status the status read by the status functions
 * @param workspace the directory {@code hashFiles} reads, if any
 * @param secretRead told every string read from the {@code secrets} context
 */
public record Evaluator(
    Function<String, Optional<Value>> lookup,
    Status status,
    Optional<Path> workspace,
    Consumer<String> secretRead) {

  /** The result of a path: one value, or the many values a {@code *} filter selected. */
  private sealed interface Selection {}

  private record One(Value value) implements Selection {}

  private record Many(List<Value> values) implements Selection {}

  /**
   * Evaluates an expression.
   *
   * @param node the expression
   * @return its value
   * @throws io.chengis.dsl.expression.ExpressionException of kind evaluation
   */
  public Value evaluate(Node node) {
    return switch (node) {
      case Node.Literal literal -> literal.value();
      case Node.Named ignored -> path(node);
      case Node.Property ignored -> path(node);
      case Node.Index ignored -> path(node);
      case Node.Wildcard ignored -> path(node);
      case Node.Not not -> Value.of(!evaluate(not.operand()).truthy());
      case Node.Binary binary -> binary(binary);
      case Node.Call call -> call(call);
    };
  }

  private Value path(Node node) {
    Value value =
        switch (select(node)) {
          case One one -> one.value();
          case Many many -> Value.array(many.values());
        };
    if (root(node).equals("secrets")) {
      report(value);
    }
    return value;
  }

  private void report(Value value) {
    switch (value) {
      case Value.Str s -> secretRead.accept(s.value());
      case Value.Arr a -> a.elements().forEach(this::report);
      case Value.Obj o -> o.members().values().forEach(this::report);
      default -> {}
    }
  }

  private static String root(Node node) {
    return switch (node) {
      case Node.Named named -> named.name();
      case Node.Property p -> root(p.target());
      case Node.Index i -> root(i.target());
      case Node.Wildcard w -> root(w.target());
      default -> "";
    };
  }

  private Selection select(Node node) {
    return switch (node) {
      case Node.Named named -> new One(lookup.apply(named.name()).orElse(Value.nullValue()));
      case Node.Property p -> access(select(p.target()), Value.of(p.name()));
      case Node.Index i -> {
        Selection target = select(i.target());
        yield access(target, evaluate(i.index()));
      }
      case Node.Wildcard w -> {
        List<Value> out = new ArrayList<>();
        switch (select(w.target())) {
          case One one -> out.addAll(children(one.value()));
          case Many many -> many.values().forEach(v -> out.addAll(children(v)));
        }
        yield new Many(out);
      }
      default -> new One(evaluate(node));
    };
  }

  private static List<Value> children(Value value) {
    return switch (value) {
      case Value.Arr a -> a.elements();
      case Value.Obj o -> o.values();
      default -> List.of();
    };
  }

  private static Selection access(Selection target, Value key) {
    return switch (target) {
      case One one -> new One(member(one.value(), key).orElse(Value.nullValue()));
      case Many many -> {
        List<Value> out = new ArrayList<>();
        many.values().forEach(v -> member(v, key).ifPresent(out::add));
        yield new Many(out);
      }
    };
  }

  private static Optional<Value> member(Value target, Value key) {
    if (target instanceof Value.Obj object) {
      return object.get(key.asString());
    }
    if (target instanceof Value.Arr array) {
      double index = Coercion.toNumber(key);
      if (Double.isNaN(index) || index < 0 || index >= array.elements().size()) {
        return Optional.empty();
      }
      return Optional.of(array.elements().get((int) index));
    }
    return Optional.empty();
  }

  private Value binary(Node.Binary binary) {
    Value left = evaluate(binary.left());
    return switch (binary.operator()) {
      case AND -> left.truthy() ? evaluate(binary.right()) : left;
      case OR -> left.truthy() ? left : evaluate(binary.right());
      case EQ -> Value.of(Coercion.looseEquals(left, evaluate(binary.right())));
      case NE -> Value.of(!Coercion.looseEquals(left, evaluate(binary.right())));
      case LT -> order(left, binary, c -> c < 0);
      case LE -> order(left, binary, c -> c <= 0);
      case GT -> order(left, binary, c -> c > 0);
      case GE -> order(left, binary, c -> c >= 0);
    };
  }

  private Value order(Value left, Node.Binary binary, java.util.function.IntPredicate test) {
    int c = Coercion.compare(left, evaluate(binary.right()));
    return Value.of(c != Integer.MIN_VALUE && test.test(c));
  }

  private Value call(Node.Call call) {
    switch (call.function()) {
      case "success" -> {
        return Value.of(status == Status.SUCCESS);
      }
      case "failure" -> {
        return Value.of(status == Status.FAILURE);
      }
      case "cancelled" -> {
        return Value.of(status == Status.CANCELLED);
      }
      case "always" -> {
        return Value.of(true);
      }
      default -> {}
    }
    List<Value> args = call.arguments().stream().map(this::evaluate).toList();
    return switch (call.function()) {
      case "contains" -> Functions.contains(args.get(0), args.get(1));
      case "startsWith" -> Functions.startsWith(args.get(0), args.get(1));
      case "endsWith" -> Functions.endsWith(args.get(0), args.get(1));
      case "format" ->
          Functions.format(args.get(0).asString(), args.subList(1, args.size()), call.position());
      case "join" -> Functions.join(args.get(0), args.size() > 1 ? args.get(1) : Value.of(","));
      case "toJSON" -> Value.of(args.get(0).toJson());
      case "fromJSON" -> fromJson(args.get(0), call.position());
      case "hashFiles" -> hashFiles(args, call.position());
      default -> throw new IllegalStateException("no implementation for " + call.function());
    };
  }

  private static Value fromJson(Value text, int position) {
    return Json.parseArgument(text.asString(), position);
  }

  private Value hashFiles(List<Value> patterns, int position) {
    Path root =
        workspace.orElseThrow(
            () ->
                Errors.at(
                    Kind.EVALUATION,
                    position,
                    "hashFiles needs a workspace but none was given",
                    "no workspace",
                    "set one with Contexts.builder().workspace(path)"));
    return Value.of(
        HashFiles.hash(root, patterns.stream().map(Value::asString).toList(), position));
  }
}
