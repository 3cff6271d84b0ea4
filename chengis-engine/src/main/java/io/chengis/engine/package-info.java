/**
 * Running pipelines: {@link io.chengis.engine.ChengisEngine#builder()} wires an engine, {@link
 * io.chengis.engine.ChengisEngine#trigger} starts a build and returns a {@link
 * io.chengis.engine.BuildHandle} with live events, the result and cancellation.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.engine;

import org.jspecify.annotations.NullMarked;
