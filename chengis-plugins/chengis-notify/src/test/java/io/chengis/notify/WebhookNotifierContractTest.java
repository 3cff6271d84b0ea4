package io.chengis.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chengis.api.spi.Notifier;
import io.chengis.testkit.http.LocalHttpServer;
import java.io.IOException;
import java.util.Map;

/** The notifier contract against the signed JSON webhook notifier and a loopback receiver. */
class WebhookNotifierContractTest extends HttpNotifierContract {
  private static final String SIGNING = "contract-signing-key";

  @Override
  protected Notifier newNotifier() {
    return WebhookNotifier.create(Map.of("secret", SIGNING));
  }

  @Override
  protected Map<String, String> config() {
    return Map.of("url", receiver.url("/hooks/chengis"));
  }

  @Override
  String buildId(LocalHttpServer.Received request) {
    // Every delivery is signed; one that is not would not be counted as delivered.
    assertThat(
            WebhookNotifier.verify(
                SIGNING, request.body(), request.header(WebhookNotifier.SIGNATURE_HEADER)))
        .isTrue();
    try {
      return new ObjectMapper().readTree(request.body()).path("buildId").asText();
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + request.body(), e);
    }
  }
}
