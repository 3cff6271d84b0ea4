/** Not API: implementation details of the Java DSL. Not exported; may change at any time. */
@NullMarked
package io.chengis.dsl.internal;

import org.jspecify.annotations.NullMarked;
