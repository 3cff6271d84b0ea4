/**
 * Not API: readers of the YAML pipeline formats. Not exported; may change at any time.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.dsl.format.internal;

import org.jspecify.annotations.NullMarked;
