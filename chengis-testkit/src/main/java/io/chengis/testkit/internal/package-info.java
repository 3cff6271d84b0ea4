/**
 * The test kit's implementation: the virtual scheduler, trace rendering, golden files. Not API: not
 * exported, and it may change in any release.
 */
@NullMarked
package io.chengis.testkit.internal;

import org.jspecify.annotations.NullMarked;
