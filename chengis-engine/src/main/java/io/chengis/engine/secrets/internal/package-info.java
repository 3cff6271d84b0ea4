/**
 * Not API: key derivation, scope text and the providers of the secret backends. Not exported; may
 * change at any time.
 */
@NullMarked
package io.chengis.engine.secrets.internal;

import org.jspecify.annotations.NullMarked;
