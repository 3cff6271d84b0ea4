package io.chengis.dsl.expression;

import io.chengis.dsl.expression.ExpressionException.Kind;
import io.chengis.dsl.expression.internal.Errors;
import io.chengis.dsl.expression.internal.Parser;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The named top-level values an expression reads: {@code env}, {@code params} (alias {@code
 * inputs}), {@code secrets}, {@code matrix}, {@code steps}, {@code stages} (alias {@code needs}),
 * {@code github} (alias {@code git}), {@code chengis}, {@code job} and {@code runner}; plus the
 * {@link Status} the status functions read, the workspace {@code hashFiles} reads and the listener
 * told of every secret read. Immutable and thread-safe when the listener is.
 *
 * <pre>{@code
 * Contexts contexts = Contexts.builder()
 *     .env(Map.of("CI", "true"))
 *     .secrets(Map.of("TOKEN", token))
 *     .onSecretRead(masker::add)
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Contexts {
  private static final Contexts EMPTY = builder().build();

  private final Map<String, Value> values;
  private final Status status;
  private final Optional<Path> workspace;
  private final Consumer<String> secretRead;

  private Contexts(Builder builder) {
    this.values = new LinkedHashMap<>(builder.values);
    this.status = builder.status;
    this.workspace = builder.workspace;
    this.secretRead = builder.secretRead;
  }

  /**
   * No contexts, status {@link Status#SUCCESS}, no workspace.
   *
   * @return the empty contexts
   */
  public static Contexts empty() {
    return EMPTY;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Contexts from a JSON object whose top-level keys are context names, as {@code chengis eval
   * --context FILE} reads them.
   *
   * @param json the JSON text
   * @return the contexts
   * @throws ExpressionException when the text is no JSON object or names an unknown context
   */
  public static Contexts fromJson(String json) {
    Value value = Value.parseJson(json);
    if (!(value instanceof Value.Obj object)) {
      throw Errors.at(
          Kind.PARSING,
          0,
          "contexts must be a JSON object",
          value.typeName(),
          "write an object whose keys are context names, such as {\"env\": {\"CI\": \"true\"}}");
    }
    Builder builder = builder();
    object.members().forEach(builder::context);
    return builder.build();
  }

  /**
   * A copy as a builder.
   *
   * @return a builder holding these contexts
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.values.putAll(values);
    builder.status = status;
    builder.workspace = workspace;
    builder.secretRead = secretRead;
    return builder;
  }

  /**
   * A context by name or alias, ignoring case.
   *
   * @param name a context name such as {@code github} or {@code git}
   * @return the value, or empty when it was not given or the name is no context
   */
  public Optional<Value> get(String name) {
    return Parser.context(name).map(values::get);
  }

  /**
   * The status the status functions read.
   *
   * @return the status
   */
  public Status status() {
    return status;
  }

  /**
   * The directory {@code hashFiles} reads.
   *
   * @return the workspace, if any
   */
  public Optional<Path> workspace() {
    return workspace;
  }

  Consumer<String> secretRead() {
    return secretRead;
  }

  /**
   * Builds {@link Contexts}. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Map<String, Value> values = new LinkedHashMap<>();
    private Status status = Status.SUCCESS;
    private Optional<Path> workspace = Optional.empty();
    private Consumer<String> secretRead = secret -> {};

    private Builder() {}

    /**
     * Sets a context; an alias sets its context ({@code inputs} sets {@code params}).
     *
     * @param name a context name, ignoring case
     * @param value its value, usually an object
     * @return this builder
     * @throws ExpressionException when the name is no context
     */
    public Builder context(String name, Value value) {
      Objects.requireNonNull(value, "value");
      String canonical =
          Parser.context(name)
              .orElseThrow(
                  () ->
                      Errors.at(
                          Kind.EVALUATION,
                          0,
                          "context name is unknown",
                          Errors.quote(name),
                          "use one of " + Parser.CONTEXT_LIST));
      values.put(canonical, value);
      return this;
    }

    /**
     * Sets {@code env}.
     *
     * @param env the variables
     * @return this builder
     */
    public Builder env(Map<String, String> env) {
      return context("env", Value.strings(env));
    }

    /**
     * Sets {@code secrets}; each string read from it is given to the {@link #onSecretRead}
     * listener.
     *
     * @param secrets the secret values by name
     * @return this builder
     */
    public Builder secrets(Map<String, String> secrets) {
      return context("secrets", Value.strings(secrets));
    }

    /**
     * Sets {@code matrix}.
     *
     * @param matrix the combination
     * @return this builder
     */
    public Builder matrix(Map<String, String> matrix) {
      return context("matrix", Value.strings(matrix));
    }

    /**
     * Sets the status the status functions read (default {@link Status#SUCCESS}).
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(Status status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /**
     * Sets the directory {@code hashFiles} reads; patterns may not leave it.
     *
     * @param workspace the workspace directory
     * @return this builder
     */
    public Builder workspace(Path workspace) {
      this.workspace = Optional.of(workspace.toAbsolutePath().normalize());
      return this;
    }

    /**
     * Sets the listener told of every string an expression reads from {@code secrets} (including
     * the strings inside {@code secrets} when the whole context is read, as in {@code
     * toJSON(secrets)}), before the value is used; register them with the log masker. Called on the
     * evaluating thread.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onSecretRead(Consumer<String> listener) {
      this.secretRead = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the contexts.
     *
     * @return the contexts
     */
    public Contexts build() {
      return new Contexts(this);
    }
  }
}
