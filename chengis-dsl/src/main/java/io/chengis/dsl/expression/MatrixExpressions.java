package io.chengis.dsl.expression;

import io.chengis.api.Matrix;
import io.chengis.dsl.expression.ExpressionException.Kind;
import io.chengis.dsl.expression.internal.ContextRewriter;
import io.chengis.dsl.expression.internal.Errors;
import io.chengis.dsl.expression.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Matrices written as expressions ({@code strategy.matrix: ${{ fromJSON(...) }}}, an axis {@code
 * os: ${{ fromJSON(needs.setup.outputs.list) }}}): which contexts they read, and the matrix they
 * give. Read by the pipeline formats when the values are known at parse time and by the engine when
 * they depend on finished stages. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class MatrixExpressions {
  /** The most values (axis values plus include and exclude entries) an expression may give. */
  public static final int MAX_VALUES = 256;

  private MatrixExpressions() {}

  /**
   * The contexts a template reads, lower-cased, in order ({@code needs.a.outputs.b} reads {@code
   * needs}).
   *
   * @param template text with {@code ${{ }}} expressions
   * @return the context names
   */
  public static Set<String> contexts(String template) {
    Set<String> names = new LinkedHashSet<>();
    ContextRewriter.rewrite(
        template,
        (context, member) -> {
          names.add(context);
          return Optional.empty();
        });
    return names;
  }

  /**
   * The matrix with every expression evaluated and its values merged into the written ones.
   *
   * @param matrix a matrix with {@link Matrix#expressions()}
   * @param contexts what the expressions read
   * @return the matrix without expressions
   * @throws ExpressionException when an expression fails or gives a value that is not an array of
   *     scalars (for an axis), an array of objects of scalars (for include and exclude) or an
   *     object of those (for the whole matrix), or more than {@link #MAX_VALUES} values
   */
  public static Matrix resolve(Matrix matrix, Contexts contexts) {
    Map<String, List<String>> axes = new LinkedHashMap<>(matrix.axes());
    List<Map<String, String>> include = new ArrayList<>(matrix.include());
    List<Map<String, String>> exclude = new ArrayList<>(matrix.exclude());
    int[] count = {0};
    for (Map.Entry<String, String> part : matrix.expressions().entrySet()) {
      Value value = evaluate(part.getValue(), contexts);
      if (part.getKey().equals(Matrix.WHOLE)) {
        if (!(value instanceof Value.Obj object)) {
          throw bad("the matrix", "an object of axes", value);
        }
        object.members().forEach((key, member) -> put(key, member, axes, include, exclude, count));
      } else {
        put(part.getKey(), value, axes, include, exclude, count);
      }
    }
    if (axes.isEmpty() && include.isEmpty()) {
      throw new ExpressionException(
          Kind.EVALUATION, 0, "the matrix has no axes; give at least one axis with values");
    }
    return new Matrix(
        axes,
        include,
        exclude,
        matrix.maxCombinations(),
        matrix.location(),
        matrix.failFast(),
        matrix.maxParallel());
  }

  private static Value evaluate(String template, Contexts contexts) {
    List<TemplateExpression> expressions = Templates.expressions(template);
    if (expressions.size() != 1
        || expressions.getFirst().offset() != 0
        || expressions.getFirst().length() != template.strip().length()) {
      throw Errors.at(
          Kind.EVALUATION,
          0,
          "a matrix written as an expression must be exactly one ${{ }}",
          Errors.quote(template),
          "write the whole value as ${{ fromJSON(...) }}");
    }
    return expressions.getFirst().expression().evaluate(contexts);
  }

  private static void put(
      String key,
      Value value,
      Map<String, List<String>> axes,
      List<Map<String, String>> include,
      List<Map<String, String>> exclude,
      int[] count) {
    switch (key.toLowerCase(Locale.ROOT)) {
      case "include" -> include.addAll(combinations("include", value, count));
      case "exclude" -> exclude.addAll(combinations("exclude", value, count));
      default -> {
        if (!(value instanceof Value.Arr array)) {
          throw bad("axis \"" + key + "\"", "an array of scalars", value);
        }
        List<String> values = new ArrayList<>();
        for (Value element : array.elements()) {
          values.add(scalar("axis \"" + key + "\"", element));
          counted(count);
        }
        if (values.isEmpty()) {
          throw bad("axis \"" + key + "\"", "a non-empty array", value);
        }
        axes.put(key, values);
      }
    }
  }

  private static List<Map<String, String>> combinations(String what, Value value, int[] count) {
    if (!(value instanceof Value.Arr array)) {
      throw bad(what, "an array of objects", value);
    }
    List<Map<String, String>> combinations = new ArrayList<>();
    for (Value element : array.elements()) {
      if (!(element instanceof Value.Obj object)) {
        throw bad(what, "an array of objects", value);
      }
      Map<String, String> combination = new LinkedHashMap<>();
      object.members().forEach((key, member) -> combination.put(key, scalar(what, member)));
      combinations.add(combination);
      counted(count);
    }
    return combinations;
  }

  private static String scalar(String what, Value value) {
    if (value instanceof Value.Arr || value instanceof Value.Obj) {
      throw bad(what, "scalars (strings, numbers, booleans)", value);
    }
    return value.asString();
  }

  private static void counted(int[] count) {
    if (++count[0] > MAX_VALUES) {
      throw new ExpressionException(
          Kind.EVALUATION,
          0,
          "the matrix gives more than "
              + MAX_VALUES
              + " values; split the job or shorten the lists it reads");
    }
  }

  private static ExpressionException bad(String what, String expected, Value value) {
    String shown = Json.print(value).replaceAll("\\s+", " ");
    if (shown.length() > 80) {
      shown = shown.substring(0, 77) + "...";
    }
    return new ExpressionException(
        Kind.EVALUATION,
        0,
        what + " must be " + expected + " (was " + value.typeName() + " " + shown + ")");
  }
}
