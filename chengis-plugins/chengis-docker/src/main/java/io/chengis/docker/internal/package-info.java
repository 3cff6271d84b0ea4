/** The Docker executor's implementation: not API, may change in any release. */
@NullMarked
package io.chengis.docker.internal;

import org.jspecify.annotations.NullMarked;
