/**
 * The {@code chengis} command line; {@link io.chengis.cli.Main} is its entry point.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.cli;

import org.jspecify.annotations.NullMarked;
