/**
 * Not API: each forge's REST calls and webhook payloads, and the providers.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.scm.internal;

import org.jspecify.annotations.NullMarked;
