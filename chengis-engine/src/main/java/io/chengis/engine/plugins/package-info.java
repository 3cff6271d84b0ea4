/**
 * The plugin registry: providers found by {@link java.util.ServiceLoader}, registered in code, or
 * loaded from trusted jars in a plugins directory, each jar in its own class loader.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.engine.plugins;

import org.jspecify.annotations.NullMarked;
