/** Pipeline format and action plugins the CLI's tests register through the service loader. */
@NullMarked
package io.chengis.cli.plugins;

import org.jspecify.annotations.NullMarked;
