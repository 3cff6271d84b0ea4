/**
 * Example pipelines written with the Java DSL, one {@link io.chengis.dsl.PipelineDefinition} class
 * per pipeline, and {@link io.chengis.examples.Describe}, which prints their outlines.
 *
 * <p>Every example is registered in {@code META-INF/services/io.chengis.dsl.PipelineDefinition} and
 * has a test beside it that pins its structure.
 */
@NullMarked
package io.chengis.examples;

import org.jspecify.annotations.NullMarked;
