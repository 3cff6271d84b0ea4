package io.chengis.api.spi;

/**
 * Tells people or systems that a build finished: console, Slack, email, a webhook.
 *
 * <p>Protocol: the engine calls {@link #send} once per matching notification of a finished build,
 * on a virtual thread, after the build's result is stored. It may block on network I/O; the engine
 * bounds it with a timeout. An exception means the notification was not delivered: the engine
 * records it as a warning and never fails or changes the build. Implementations must be
 * thread-safe.
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
