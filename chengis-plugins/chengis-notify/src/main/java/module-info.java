/**
 * Chengis notifiers: console, Slack incoming webhooks, email over SMTP and a signed JSON webhook.
 *
 * @since 0.1.0
 */
module io.chengis.notify {
  requires transitive io.chengis.api;
  requires jakarta.mail;
  requires java.net.http;
  requires static org.jspecify;

  exports io.chengis.notify;

  provides io.chengis.api.spi.NotifierProvider with
      io.chengis.notify.internal.ConsoleNotifierProvider,
      io.chengis.notify.internal.SlackNotifierProvider,
      io.chengis.notify.internal.EmailNotifierProvider,
      io.chengis.notify.internal.WebhookNotifierProvider;
}
