/**
 * Pipeline files: Chengis YAML ({@code .chengis/workflow.yml}) and GitHub Actions workflows ({@code
 * .github/workflows/*.yml}) read into the immutable {@link io.chengis.api.Pipeline} model, every
 * problem located as {@code file:line:col}. Start at {@link io.chengis.dsl.format.PipelineFormats}.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.dsl.format;

import org.jspecify.annotations.NullMarked;
