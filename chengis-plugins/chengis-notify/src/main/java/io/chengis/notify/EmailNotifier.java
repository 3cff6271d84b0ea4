package io.chengis.notify;

import io.chengis.api.PluginException;
import io.chengis.api.spi.NotificationRequest;
import io.chengis.api.spi.Notifier;
import io.chengis.notify.internal.BuildSummary;
import io.chengis.notify.internal.Settings;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Emails a build's summary over SMTP with Jakarta Mail (the Angus implementation): a
 * multipart/alternative message with a plain-text and an HTML part. Type {@code email}.
 *
 * <p>Settings: {@code host} (required), {@code port} (default 587 for {@code starttls}, 465 for
 * {@code tls}, 25 for {@code none}), {@code security}: {@code starttls} (default: the connection is
 * upgraded with STARTTLS, and sending fails when the server does not offer it), {@code tls}
 * (implicit TLS from the first byte, "SMTPS") or {@code none}; {@code username} and {@code
 * password} (SMTP AUTH, when a username is set), {@code from} and {@code to} (required; {@code to}
 * may list several addresses separated by commas), {@code subjectPrefix} (default {@code
 * [Chengis]}), and {@code trust}: hosts whose certificate is accepted without a chain check ({@code
 * *} for any), for test servers only. Server identity is checked against the certificate otherwise.
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class EmailNotifier implements Notifier {
  private static final String TIMEOUT_MILLIS = "10000";
  private final Map<String, String> defaults;

  private EmailNotifier(Map<String, String> defaults) {
    this.defaults = Map.copyOf(defaults);
  }

  /**
   * An email notifier with the host's default settings (usually the SMTP server and sender).
   *
   * @param defaults settings every notification starts from
   * @return the notifier
   * @since 0.1.0
   */
  public static EmailNotifier create(Map<String, String> defaults) {
    return new EmailNotifier(defaults);
  }

  /**
   * {@inheritDoc}
   *
   * @throws PluginException when a setting is missing or wrong, or the server refuses the message
   * @since 0.1.0
   */
  @Override
  public void send(NotificationRequest request) {
    Settings settings = Settings.merge("email", defaults, request.config());
    String host = settings.required("host", "smtp.example.com");
    String security = settings.optional("security").orElse("starttls").toLowerCase(Locale.ROOT);
    int port =
        settings
            .optional("port")
            .map(p -> port(p))
            .orElse(
                switch (security) {
                  case "tls" -> 465;
                  case "none" -> 25;
                  default -> 587;
                });
    Session session = Session.getInstance(properties(host, port, security, settings));
    BuildSummary summary = BuildSummary.of(request);
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(address(settings.required("from", "ci@example.com"), "from"));
      // Lets mail rules (and tests) tell builds apart; job and number are in the subject.
      message.setHeader("X-Chengis-Build", request.result().buildId().toString());
      message.setRecipients(
          Message.RecipientType.TO, addresses(settings.required("to", "team@example.com")));
      message.setSubject(
          settings.optional("subjectPrefix").orElse("[Chengis]") + " " + summary.headline(),
          StandardCharsets.UTF_8.name());
      MimeBodyPart text = new MimeBodyPart();
      text.setText(summary.text(), StandardCharsets.UTF_8.name(), "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(html(summary), StandardCharsets.UTF_8.name(), "html");
      // Plain text first: multipart/alternative lists parts from the least to the most preferred.
      MimeMultipart body = new MimeMultipart("alternative", text, html);
      message.setContent(body);
      message.saveChanges();
      try (Transport transport = session.getTransport("smtp")) {
        if (settings.optional("username").isPresent()) {
          transport.connect(
              host,
              port,
              settings.optional("username").get(),
              settings.required("password", "${{ secrets.SMTP_PASSWORD }}"));
        } else {
          transport.connect(host, port, null, null);
        }
        transport.sendMessage(message, message.getAllRecipients());
      }
    } catch (MessagingException refused) {
      throw new PluginException(
          "email notifier: "
              + host
              + ":"
              + port
              + " ("
              + security
              + ") did not take the message ("
              + refused.getMessage()
              + "); check the host, port, security and credentials",
          refused);
    }
  }

  private static Properties properties(String host, int port, String security, Settings settings) {
    Properties props = new Properties();
    props.put("mail.smtp.host", host);
    props.put("mail.smtp.port", Integer.toString(port));
    props.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
    props.put("mail.smtp.timeout", TIMEOUT_MILLIS);
    props.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
    props.put("mail.smtp.auth", Boolean.toString(settings.optional("username").isPresent()));
    switch (security) {
      case "starttls" -> {
        props.put("mail.smtp.starttls.enable", "true");
        // Required: never fall back to plain text when the server does not offer STARTTLS.
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.checkserveridentity", "true");
      }
      case "tls" -> {
        props.put("mail.smtp.ssl.enable", "true");
        props.put("mail.smtp.ssl.checkserveridentity", "true");
      }
      case "none" -> {}
      default ->
          throw new PluginException(
              "email notifier: setting \"security\" is not known (was \""
                  + security
                  + "\"); use starttls, tls or none");
    }
    settings
        .optional("trust")
        .ifPresent(
            trust -> {
              props.put("mail.smtp.ssl.trust", trust);
              if (trust.equals("*")) {
                props.put("mail.smtp.ssl.checkserveridentity", "false");
              }
            });
    return props;
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text.strip());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException wrong) {
      throw new PluginException(
          "email notifier: setting \"port\" is not a port number (was \""
              + text
              + "\"); use 1 to 65535, e.g. 587");
    }
  }

  private static InternetAddress address(String text, String what) {
    try {
      return new InternetAddress(text.strip(), true);
    } catch (AddressException wrong) {
      throw new PluginException(
          "email notifier: setting \""
              + what
              + "\" is not an email address (was \""
              + text
              + "\"); use e.g. ci@example.com");
    }
  }

  private static InternetAddress[] addresses(String list) {
    String[] parts = list.split(",");
    InternetAddress[] all = new InternetAddress[parts.length];
    for (int i = 0; i < parts.length; i++) {
      all[i] = address(parts[i], "to");
    }
    return all;
  }

  static String html(BuildSummary summary) {
    String colour = summary.failing() ? "#b42318" : "#067647";
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
    html.append("<h2 style=\"color:")
        .append(colour)
        .append("\">")
        .append(escape(summary.headline()))
        .append("</h2>");
    summary.failures().ifPresent(f -> html.append("<p>").append(escape(f)).append("</p>"));
    summary
        .link()
        .ifPresent(
            link ->
                html.append("<p><a href=\"").append(escape(link)).append("\">View build</a></p>"));
    html.append("</body></html>");
    return html.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /**
   * The notifier without its settings, which may be secret.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "EmailNotifier" + defaults.keySet();
  }
}
