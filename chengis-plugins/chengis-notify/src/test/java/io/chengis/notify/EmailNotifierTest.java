package io.chengis.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.chengis.api.PluginException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Email over SMTP against GreenMail, a real SMTP server on loopback. */
class EmailNotifierTest {
  private GreenMail mail;

  private GreenMail start(String protocol) {
    ServerSetup setup = new ServerSetup(0, "127.0.0.1", protocol);
    mail = new GreenMail(setup.dynamicPort());
    mail.start();
    mail.setUser("ci@example.com", "ci", "s3cret-pw");
    return mail;
  }

  @AfterEach
  void stop() {
    if (mail != null) {
      mail.stop();
    }
  }

  private Map<String, String> settings(String security, int port) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("host", "127.0.0.1");
    settings.put("port", Integer.toString(port));
    settings.put("security", security);
    settings.put("from", "ci@example.com");
    settings.put("to", "dev@example.com, ops@example.com");
    return settings;
  }

  @Test
  void send_plainSmtpWithAuth_deliversTextAndHtmlParts() throws Exception {
    GreenMail server = start(ServerSetup.PROTOCOL_SMTP);
    server.getManagers().getSmtpManager().getUserManager().setAuthRequired(true);
    Map<String, String> settings = settings("none", server.getSmtp().getPort());
    settings.put("username", "ci");
    settings.put("password", "s3cret-pw");

    EmailNotifier.create(settings).send(Builds.failedAfterSuccess(Map.of()));

    MimeMessage[] received = server.getReceivedMessages();
    assertThat(received).hasSize(2); // one per recipient mailbox
    MimeMessage message = received[0];
    assertThat(message.getSubject()).isEqualTo("[Chengis] api #12 failed in 1m 3s (broken)");
    assertThat(message.getFrom()[0].toString()).isEqualTo("ci@example.com");
    assertThat(message.getHeader("X-Chengis-Build")).containsExactly(Builds.lastBuildId.toString());
    assertThat(message.getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("dev@example.com", "ops@example.com");
    Multipart parts = (Multipart) message.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(parts.getBodyPart(0).getContent().toString().replace("\r\n", "\n"))
        .isEqualTo(
            "api #12 failed in 1m 3s (broken)\nfailed stage: test\nhttps://ci.example.com/api/12");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(parts.getBodyPart(1).getContent().toString())
        .contains("<h2 style=\"color:#b42318\">api #12 failed in 1m 3s (broken)</h2>")
        .contains("<a href=\"https://ci.example.com/api/12\">View build</a>");
  }

  @Test
  void send_wrongPassword_errorWithoutThePassword() {
    GreenMail server = start(ServerSetup.PROTOCOL_SMTP);
    server.getManagers().getSmtpManager().getUserManager().setAuthRequired(true);
    Map<String, String> settings = settings("none", server.getSmtp().getPort());
    settings.put("username", "ci");
    settings.put("password", "wrong-pw-123");

    assertThatThrownBy(() -> EmailNotifier.create(settings).send(Builds.fixed(Map.of())))
        .isInstanceOf(PluginException.class)
        .hasMessageStartingWith("email notifier: 127.0.0.1:")
        .hasMessageContaining("did not take the message")
        .hasMessageNotContaining("wrong-pw-123");
    assertThat(server.getReceivedMessages()).isEmpty();
  }

  @Test
  void send_implicitTls_deliversOverSmtps() throws Exception {
    GreenMail server = start(ServerSetup.PROTOCOL_SMTPS);
    Map<String, String> settings = settings("tls", server.getSmtps().getPort());
    settings.put("username", "ci");
    settings.put("password", "s3cret-pw");
    // GreenMail's certificate is self-signed.
    settings.put("trust", "*");

    EmailNotifier.create(settings).send(Builds.fixed(Map.of("to", "dev@example.com")));

    assertThat(server.getReceivedMessages()).hasSize(1);
    assertThat(server.getReceivedMessages()[0].getSubject())
        .isEqualTo("[Chengis] api #12 succeeded in 1m 3s (fixed)");
  }

  @Test
  void send_implicitTlsWithoutTrust_refusesTheUnknownCertificate() {
    GreenMail server = start(ServerSetup.PROTOCOL_SMTPS);

    assertThatThrownBy(
            () ->
                EmailNotifier.create(settings("tls", server.getSmtps().getPort()))
                    .send(Builds.fixed(Map.of())))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("(tls) did not take the message");
    assertThat(server.getReceivedMessages()).isEmpty();
  }

  @Test
  void send_starttlsRequiredButNotOffered_neverFallsBackToPlainText() {
    // GreenMail's SMTP does not offer STARTTLS: the notifier must refuse to send in clear text.
    GreenMail server = start(ServerSetup.PROTOCOL_SMTP);

    assertThatThrownBy(
            () ->
                EmailNotifier.create(settings("starttls", server.getSmtp().getPort()))
                    .send(Builds.fixed(Map.of())))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("(starttls) did not take the message")
        .hasMessageContaining("STARTTLS");
    assertThat(server.getReceivedMessages()).isEmpty();
  }

  @Test
  void send_unknownSecurity_saysTheChoices() {
    assertThatThrownBy(
            () -> EmailNotifier.create(settings("ssl3", 25)).send(Builds.fixed(Map.of())))
        .isInstanceOf(PluginException.class)
        .hasMessage(
            "email notifier: setting \"security\" is not known (was \"ssl3\"); use starttls, tls"
                + " or none");
  }

  @Test
  void send_badRecipient_saysWhichSetting() {
    Map<String, String> settings = settings("none", 25);
    settings.put("to", "not an address");

    assertThatThrownBy(() -> EmailNotifier.create(settings).send(Builds.fixed(Map.of())))
        .isInstanceOf(PluginException.class)
        .hasMessageStartingWith("email notifier: setting \"to\" is not an email address");
  }

  @Test
  void send_starttls_upgradesBeforeAuthAndDelivers() throws Exception {
    try (StartTlsSmtpServer server = new StartTlsSmtpServer("ci", "s3cret-pw")) {
      Map<String, String> settings = settings("starttls", server.port());
      settings.put("username", "ci");
      settings.put("password", "s3cret-pw");
      settings.put("trust", "*");

      EmailNotifier.create(settings).send(Builds.failedAfterSuccess(Map.of()));

      assertThat(server.received()).hasSize(1);
      StartTlsSmtpServer.Received message = server.received().get(0);
      assertThat(message.tls()).isTrue();
      assertThat(message.user()).isEqualTo("ci");
      assertThat(message.recipients()).containsExactly("<dev@example.com>", "<ops@example.com>");
      assertThat(message.data())
          .contains("Subject: [Chengis] api #12 failed in 1m 3s (broken)")
          .contains("multipart/alternative")
          .contains("text/plain")
          .contains("text/html");
    }
  }
}
