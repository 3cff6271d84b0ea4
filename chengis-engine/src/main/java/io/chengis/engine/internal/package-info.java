/** Not API: implementation details of the Chengis engine. Not exported; may change at any time. */
@NullMarked
package io.chengis.engine.internal;

import org.jspecify.annotations.NullMarked;
