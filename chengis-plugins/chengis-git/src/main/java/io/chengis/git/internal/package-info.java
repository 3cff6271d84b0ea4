/** Implementation of the git plugin; not API. */
@NullMarked
package io.chengis.git.internal;

import org.jspecify.annotations.NullMarked;
