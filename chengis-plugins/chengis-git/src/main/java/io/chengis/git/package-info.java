/**
 * The git source plugin: {@link io.chengis.git.GitScmProvider} checks builds out from a bare mirror
 * per repository URL.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.git;

import org.jspecify.annotations.NullMarked;
