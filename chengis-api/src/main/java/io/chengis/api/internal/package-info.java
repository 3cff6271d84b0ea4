/**
 * Not API: implementation details of {@code io.chengis.api}. Not exported; may change at any time.
 */
@NullMarked
package io.chengis.api.internal;

import org.jspecify.annotations.NullMarked;
