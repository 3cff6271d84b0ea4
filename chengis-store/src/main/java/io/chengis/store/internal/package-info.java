/**
 * Not API: the SQL stores' internals (jOOQ queries, the SQLite write path, the JSON documents).
 * Anything here may change in any release.
 */
@NullMarked
package io.chengis.store.internal;

import org.jspecify.annotations.NullMarked;
