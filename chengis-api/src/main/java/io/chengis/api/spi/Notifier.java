package io.chengis.api.spi;

/**
 * Tells people or systems that a build finished: console, Slack, email, a webhook.
 *
 * <p>Protocol: the engine calls {@link #send} once per matching notification of a finished build,
 * each call on its own virtual thread, after the build's conclusion is known and before its result
 * is published (so that a failed notification can be recorded on it). It may block on network I/O;
 * the engine bounds it with a timeout and then interrupts it. An exception (any {@code Throwable})
 * means the notification was not delivered: the engine records it as a warning on the build and
 * never fails or changes the build's conclusion. Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface Notifier {
  /**
   * Delivers one notification.
   *
   * @param request the build result and the notification's configuration
   * @since 0.1.0
   */
  void send(NotificationRequest request);
}
