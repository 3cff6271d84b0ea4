/**
 * Notifiers for finished builds: {@link io.chengis.notify.ConsoleNotifier}, {@link
 * io.chengis.notify.SlackNotifier}, {@link io.chengis.notify.EmailNotifier} and {@link
 * io.chengis.notify.WebhookNotifier}. Each is also a {@code NotifierProvider} found by {@link
 * java.util.ServiceLoader} under the types {@code console}, {@code slack}, {@code email} and {@code
 * webhook}; the host's settings for a type are the defaults, a notification's own settings win.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.notify;

import org.jspecify.annotations.NullMarked;
