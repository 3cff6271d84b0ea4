package io.chengis.dsl.expression;

import io.chengis.dsl.expression.internal.Json;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A value of the expression language: null, a boolean, a number (a {@code double}), a string, an
 * array or an object whose property names are case-insensitive. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface Value
    permits Value.Null, Value.Bool, Value.Num, Value.Str, Value.Arr, Value.Obj {

  /**
   * The null value.
   *
   * @return null
   */
  static Null nullValue() {
    return Null.INSTANCE;
  }

  /**
   * A boolean.
   *
   * @param value the boolean
   * @return the value
   */
  static Bool of(boolean value) {
    return value ? Bool.TRUE : Bool.FALSE;
  }

  /**
   * A number.
   *
   * @param value the number
   * @return the value
   */
  static Num of(double value) {
    return new Num(value);
  }

  /**
   * A string.
   *
   * @param value the string
   * @return the value
   */
  static Str of(String value) {
    return new Str(value);
  }

  /**
   * An array.
   *
   * @param elements the elements, in order
   * @return the value
   */
  static Arr array(List<? extends Value> elements) {
    return new Arr(List.copyOf(elements));
  }

  /**
   * An object; a later key replaces an earlier one that differs only in case.
   *
   * @param members the properties, in order
   * @return the value
   */
  static Obj object(Map<String, ? extends Value> members) {
    return new Obj(members);
  }

  /**
   * An object of strings, such as {@code env}.
   *
   * @param members the properties, in order
   * @return the value
   */
  static Obj strings(Map<String, String> members) {
    var values = new LinkedHashMap<String, Value>();
    members.forEach((key, value) -> values.put(key, of(value)));
    return new Obj(values);
  }

  /**
   * Reads JSON text (as {@code fromJSON} does): objects, arrays, strings, numbers, booleans, null.
   *
   * @param json the JSON text
   * @return the value
   * @throws ExpressionException of kind {@code parsing} whose position is the offset in {@code
   *     json}
   */
  static Value parseJson(String json) {
    return Json.parse(json);
  }

  /**
   * GitHub's truthiness: false for null, {@code false}, 0, NaN and the empty string; true otherwise
   * (every array and object is truthy).
   *
   * @return whether the value counts as true
   */
  boolean truthy();

  /**
   * GitHub's string coercion: null is {@code ""}, booleans {@code true}/{@code false}, numbers
   * without a trailing {@code .0}, arrays and objects their {@link #toJson() JSON}.
   *
   * @return the value as a string
   */
  String asString();

  /**
   * The value as JSON indented with two spaces, as GitHub's {@code toJSON} prints it.
   *
   * @return the JSON text
   */
  default String toJson() {
    return Json.print(this);
  }

  /**
   * The kind's name: {@code Null}, {@code Boolean}, {@code Number}, {@code String}, {@code Array}
   * or {@code Object}.
   *
   * @return the name
   */
  String typeName();

  /**
   * Null.
   *
   * @since 0.1.0
   */
  record Null() implements Value {
    static final Null INSTANCE = new Null();

    @Override
    public boolean truthy() {
      return false;
    }

    @Override
    public String asString() {
      return "";
    }

    @Override
    public String typeName() {
      return "Null";
    }
  }

  /**
   * A boolean.
   *
   * @param value the boolean
   * @since 0.1.0
   */
  record Bool(boolean value) implements Value {
    static final Bool TRUE = new Bool(true);
    static final Bool FALSE = new Bool(false);

    @Override
    public boolean truthy() {
      return value;
    }

    @Override
    public String asString() {
      return Boolean.toString(value);
    }

    @Override
    public String typeName() {
      return "Boolean";
    }
  }

  /**
   * A number.
   *
   * @param value the number
   * @since 0.1.0
   */
  record Num(double value) implements Value {
    @Override
    public boolean truthy() {
      return value != 0 && !Double.isNaN(value);
    }

    @Override
    public String asString() {
      if (Double.isNaN(value)) {
        return "NaN";
      }
      if (Double.isInfinite(value)) {
        return value > 0 ? "Infinity" : "-Infinity";
      }
      if (value == 0) {
        return "0";
      }
      return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    @Override
    public String typeName() {
      return "Number";
    }
  }

  /**
   * A string.
   *
   * @param value the string
   * @since 0.1.0
   */
  record Str(String value) implements Value {
    /**
     * Checks the string.
     *
     * @param value the string
     */
    public Str {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean truthy() {
      return !value.isEmpty();
    }

    @Override
    public String asString() {
      return value;
    }

    @Override
    public String typeName() {
      return "String";
    }
  }

  /**
   * An array. Two arrays are equal in the language only when they are the same array.
   *
   * @param elements the elements, in order
   * @since 0.1.0
   */
  record Arr(List<Value> elements) implements Value {
    /**
     * Copies the elements.
     *
     * @param elements the elements, in order
     */
    public Arr {
      elements = List.copyOf(elements);
    }

    @Override
    public boolean truthy() {
      return true;
    }

    @Override
    public String asString() {
      return toJson();
    }

    @Override
    public String typeName() {
      return "Array";
    }
  }

  /**
   * An object with case-insensitive property names that keeps the order of its properties. Two
   * objects are equal in the language only when they are the same object; {@link #equals} compares
   * contents, for tests.
   *
   * @since 0.1.0
   */
  final class Obj implements Value {
    private final Map<String, Value> members;
    private final Map<String, String> keys;

    private Obj(Map<String, ? extends Value> source) {
      var ordered = new LinkedHashMap<String, Value>();
      var byFold = new HashMap<String, String>();
      source.forEach(
          (key, value) -> {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            String previous = byFold.put(fold(key), key);
            if (previous != null) {
              ordered.remove(previous);
            }
            ordered.put(key, value);
          });
      this.members = Collections.unmodifiableMap(ordered);
      this.keys = byFold;
    }

    private static String fold(String key) {
      return key.toUpperCase(Locale.ROOT);
    }

    /**
     * The properties in order, with their names as written.
     *
     * @return an unmodifiable map
     */
    public Map<String, Value> members() {
      return members;
    }

    /**
     * The property with this name, ignoring case.
     *
     * @param name the property name
     * @return the value, or empty when there is no such property
     */
    public Optional<Value> get(String name) {
      String key = keys.get(fold(name));
      return key == null ? Optional.empty() : Optional.of(members.get(key));
    }

    /**
     * The values of the properties, in order.
     *
     * @return the values
     */
    public List<Value> values() {
      return List.copyOf(members.values());
    }

    @Override
    public boolean truthy() {
      return true;
    }

    @Override
    public String asString() {
      return toJson();
    }

    @Override
    public String typeName() {
      return "Object";
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Obj that && members.equals(that.members);
    }

    @Override
    public int hashCode() {
      return members.hashCode();
    }

    @Override
    public String toString() {
      return "Obj" + members;
    }
  }
}
