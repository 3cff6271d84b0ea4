/**
 * Not API: the one guard for calls into plugins, shared by the DSL (action mappers, pipeline
 * formats) and the engine (notifiers, reporters, secret backends, SCM checkout). Exported only to
 * those two modules; may change at any time.
 */
@NullMarked
package io.chengis.api.internal.guard;

import org.jspecify.annotations.NullMarked;
