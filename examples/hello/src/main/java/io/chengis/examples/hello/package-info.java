/** The hello example: the pipeline {@code ./chengis run} shows first. */
@NullMarked
package io.chengis.examples.hello;

import org.jspecify.annotations.NullMarked;
