/** Not API: cache archives, the engine's use of caches and the local cache store's provider. */
@NullMarked
package io.chengis.engine.caches.internal;

import org.jspecify.annotations.NullMarked;
