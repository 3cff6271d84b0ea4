/**
 * Not API: the providers and the message text shared by the notifiers.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.notify.internal;

import org.jspecify.annotations.NullMarked;
