package io.chengis.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.chengis.api.BuildId;
import io.chengis.api.spi.Notifier;
import io.chengis.testkit.contract.NotifierContract;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The notifier contract against the email notifier and GreenMail, a real SMTP server on loopback
 * that requires authentication; a refused delivery is a wrong password.
 */
class EmailNotifierContractTest extends NotifierContract {
  private final GreenMail mail;
  private volatile boolean refuse;

  EmailNotifierContractTest() {
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    mail.start();
    mail.setUser("ci@example.com", "ci", "s3cret-pw");
    mail.getManagers().getSmtpManager().getUserManager().setAuthRequired(true);
  }

  @AfterEach
  void stop() {
    mail.stop();
  }

  @Override
  protected Notifier newNotifier() {
    return EmailNotifier.create(Map.of());
  }

  @Override
  protected Map<String, String> config() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("host", "127.0.0.1");
    settings.put("port", Integer.toString(mail.getSmtp().getPort()));
    settings.put("security", "none");
    settings.put("from", "ci@example.com");
    settings.put("to", "dev@example.com");
    settings.put("username", "ci");
    settings.put("password", refuse ? "wrong-password" : "s3cret-pw");
    return settings;
  }

  @Override
  protected boolean refuseNextDelivery() {
    refuse = true;
    return true;
  }

  @Override
  protected List<BuildId> delivered() {
    return Arrays.stream(mail.getReceivedMessages()).map(EmailNotifierContractTest::build).toList();
  }

  private static BuildId build(MimeMessage message) {
    try {
      return BuildId.of(message.getHeader("X-Chengis-Build")[0]);
    } catch (MessagingException e) {
      throw new AssertionError(e);
    }
  }
}
