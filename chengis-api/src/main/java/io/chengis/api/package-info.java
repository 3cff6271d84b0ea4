/**
 * The pipeline model: immutable, insertion-ordered records and sealed types produced by every
 * front-end (the Java DSL, Chengisfile, Chengis YAML, GitHub Actions workflows) and consumed by the
 * engine.
 *
 * <p>Records check their own components for {@code null} and copy collections defensively; the
 * semantic rules (unique names, known dependencies, no cycles, matrix limits, ...) are checked when
 * the aggregate root {@link io.chengis.api.Pipeline} is built, so that every problem is reported at
 * once with its {@link io.chengis.api.SourceLocation}.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.api;

import org.jspecify.annotations.NullMarked;
