/**
 * Not API: log lines kept as packed UTF-8 bytes until someone reads them. The engine builds them as
 * it captures output; {@code io.chengis.api} records hold them without copying. Exported only to
 * the engine; may change at any time.
 */
@NullMarked
package io.chengis.api.internal.lines;

import org.jspecify.annotations.NullMarked;
