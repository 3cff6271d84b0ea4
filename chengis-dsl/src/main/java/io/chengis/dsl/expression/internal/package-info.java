/**
 * Not API: the lexer, parser, evaluator, JSON reader and {@code hashFiles} of the expression
 * language. Not exported; may change at any time.
 */
@NullMarked
package io.chengis.dsl.expression.internal;

import org.jspecify.annotations.NullMarked;
