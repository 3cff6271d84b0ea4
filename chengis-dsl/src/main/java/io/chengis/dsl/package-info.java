/**
 * The Java DSL: one entry point, {@link io.chengis.dsl.Chengis#pipeline(String,
 * java.util.function.Consumer)}, scoped lambdas that mirror the pipeline's shape, and static
 * factories in {@link io.chengis.dsl.Steps}, {@link io.chengis.dsl.Conditions}, {@link
 * io.chengis.dsl.Parameters} and {@link io.chengis.dsl.Containers}.
 *
 * <p>Every DSL call remembers the author's call site, so that each problem found when the pipeline
 * is built names the file and line to fix.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.dsl;

import org.jspecify.annotations.NullMarked;
