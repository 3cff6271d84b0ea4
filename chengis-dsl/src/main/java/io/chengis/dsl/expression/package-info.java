/**
 * The {@code ${{ }}} expression language with GitHub Actions semantics: {@link
 * io.chengis.dsl.expression.Expression#parse(String)} parses the text inside the braces, {@link
 * io.chengis.dsl.expression.Expression#evaluate(Contexts)} evaluates it against {@link
 * io.chengis.dsl.expression.Contexts} to a {@link io.chengis.dsl.expression.Value}; {@link
 * io.chengis.dsl.expression.Templates} renders strings with embedded expressions and {@link
 * io.chengis.dsl.expression.Condition} applies the status-function rule of {@code if:} conditions.
 *
 * <p>Secrets: every string read from the {@code secrets} context is handed to the listener set with
 * {@link io.chengis.dsl.expression.Contexts.Builder#onSecretRead} before the value is used, so a
 * caller can register it with the log masker.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.dsl.expression;

import org.jspecify.annotations.NullMarked;
