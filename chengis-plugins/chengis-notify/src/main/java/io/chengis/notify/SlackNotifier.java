package io.chengis.notify;

import io.chengis.api.spi.NotificationRequest;
import io.chengis.api.spi.Notifier;
import io.chengis.notify.internal.BuildSummary;
import io.chengis.notify.internal.Http;
import io.chengis.notify.internal.Json;
import io.chengis.notify.internal.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Posts a build's summary to a Slack incoming webhook: a headline with the status, duration and
 * whether it broke or fixed the job, the failed stages, and a "View build" button when the engine
 * knows the link. Type {@code slack}.
 *
 * <p>Settings: {@code webhookUrl} (required, secret: the webhook's URL is its credential), {@code
 * channel} and {@code username} (optional; honoured by legacy webhooks only). A notification's
 * settings win over the host's. Thread-safe.
 *
 * @since 0.1.0
 */
public final class SlackNotifier implements Notifier {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final Map<String, String> defaults;

  private SlackNotifier(Map<String, String> defaults) {
    this.defaults = Map.copyOf(defaults);
  }

  /**
   * A Slack notifier with the host's default settings.
   *
   * @param defaults settings every notification starts from, e.g. {@code webhookUrl}
   * @return the notifier
   * @since 0.1.0
   */
  public static SlackNotifier create(Map<String, String> defaults) {
    return new SlackNotifier(defaults);
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.chengis.api.PluginException when the webhook URL is missing or Slack refuses the
   *     message
   * @since 0.1.0
   */
  @Override
  public void send(NotificationRequest request) {
    Settings settings = Settings.merge("slack", defaults, request.config());
    String url = settings.required("webhookUrl", "https://hooks.slack.com/services/T000/B000/XXXX");
    try {
      Http.postJson("slack", url, message(request, settings), Map.of(), TIMEOUT);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new io.chengis.api.PluginException(
          "slack notifier: interrupted while posting; the message may not have been sent",
          interrupted);
    }
  }

  /**
   * The message Slack receives, as JSON: {@code text} for notifications and clients without blocks,
   * then Block Kit blocks.
   *
   * @param request the notification
   * @param settings the merged settings
   * @return the JSON body
   */
  static String message(NotificationRequest request, Settings settings) {
    BuildSummary summary = BuildSummary.of(request);
    String emoji =
        switch (summary.conclusion()) {
          case SUCCESS -> ":white_check_mark:";
          case FAILURE -> ":x:";
          case TIMED_OUT, CANCELLED -> ":warning:";
          case SKIPPED -> ":fast_forward:";
        };
    String headline =
        emoji
            + " *"
            + escape(summary.job())
            + " #"
            + summary.number()
            + "* "
            + summary.verb()
            + summary.duration().map(d -> " in " + d).orElse("")
            + summary.change().map(c -> " (" + c + ")").orElse("");
    List<Object> blocks = new ArrayList<>();
    blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", headline)));
    List<Object> context = new ArrayList<>();
    summary
        .failures()
        .ifPresent(failures -> context.add(Map.of("type", "mrkdwn", "text", escape(failures))));
    // The build id lets people (and tests) find the exact build the message is about.
    context.add(Map.of("type", "mrkdwn", "text", "build `" + request.result().buildId() + "`"));
    blocks.add(Map.of("type", "context", "elements", context));
    summary
        .link()
        .ifPresent(
            link ->
                blocks.add(
                    Map.of(
                        "type",
                        "actions",
                        "elements",
                        List.of(
                            Map.of(
                                "type",
                                "button",
                                "text",
                                Map.of("type", "plain_text", "text", "View build"),
                                "url",
                                link)))));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", summary.text());
    settings.optional("channel").ifPresent(channel -> body.put("channel", channel));
    settings.optional("username").ifPresent(name -> body.put("username", name));
    body.put("blocks", blocks);
    return Json.write(body);
  }

  /** Slack's mrkdwn needs only these three escaped. */
  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * The notifier without its settings, which may be secret.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "SlackNotifier" + defaults.keySet();
  }
}
