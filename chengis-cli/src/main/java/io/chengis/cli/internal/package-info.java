/** Not API: the commands and renderers of the Chengis CLI. Not exported; may change at any time. */
@NullMarked
package io.chengis.cli.internal;

import org.jspecify.annotations.NullMarked;
