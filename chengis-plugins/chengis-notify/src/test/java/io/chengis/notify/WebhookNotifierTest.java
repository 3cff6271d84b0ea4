package io.chengis.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chengis.testkit.http.LocalHttpServer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {
  @Test
  void send_signsTheRawBodyWithHmacSha256() throws Exception {
    try (LocalHttpServer receiver = new LocalHttpServer()) {
      WebhookNotifier.create(Map.of("secret", "It's a Secret to Everybody"))
          .send(Builds.failedAfterSuccess(Map.of("url", receiver.url("/hooks/chengis"))));

      LocalHttpServer.Received post = receiver.received().get(0);
      assertThat(post.method()).isEqualTo("POST");
      assertThat(post.path()).isEqualTo("/hooks/chengis");
      assertThat(post.header("X-Chengis-Event")).isEqualTo("build.finished");
      // Computed independently of the notifier, with the JDK's Mac.
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected =
          "sha256="
              + HexFormat.of().formatHex(mac.doFinal(post.body().getBytes(StandardCharsets.UTF_8)));
      assertThat(post.header("X-Chengis-Signature-256")).isEqualTo(expected);
      assertThat(WebhookNotifier.verify("It's a Secret to Everybody", post.body(), expected))
          .isTrue();

      JsonNode body = new ObjectMapper().readTree(post.body());
      assertThat(body.get("event").asText()).isEqualTo("build.finished");
      assertThat(body.get("job").asText()).isEqualTo("api");
      assertThat(body.get("number").asLong()).isEqualTo(12);
      assertThat(body.get("conclusion").asText()).isEqualTo("FAILURE");
      assertThat(body.get("previousConclusion").asText()).isEqualTo("SUCCESS");
      assertThat(body.get("change").asText()).isEqualTo("broken");
      assertThat(body.get("durationMillis").asLong()).isEqualTo(63_000);
      assertThat(body.get("failedStages").get(0).asText()).isEqualTo("test");
      assertThat(body.get("stages").get(1).get("conclusion").asText()).isEqualTo("FAILURE");
      assertThat(body.get("url").asText()).isEqualTo("https://ci.example.com/api/12");
      assertThat(post.header("X-Chengis-Delivery")).isEqualTo(body.get("buildId").asText());
    }
  }

  @Test
  void send_withoutSecret_noSignatureHeader() throws Exception {
    try (LocalHttpServer receiver = new LocalHttpServer()) {
      WebhookNotifier.create(Map.of()).send(Builds.fixed(Map.of("url", receiver.url("/h"))));

      assertThat(receiver.received().get(0).header("X-Chengis-Signature-256")).isNull();
    }
  }

  @Test
  void sign_githubsPublishedExample_matches() {
    // GitHub's documentation example for X-Hub-Signature-256, the same scheme.
    assertThat(WebhookNotifier.sign("It's a Secret to Everybody", "Hello, World!"))
        .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
  }

  @Property
  void verify_anyOtherBody_rejected(@ForAll String body, @ForAll String other) {
    String signature = WebhookNotifier.sign("key", body);
    assertThat(WebhookNotifier.verify("key", other, signature)).isEqualTo(body.equals(other));
  }

  @Property
  void json_anyText_parsesBackToTheSameText(@ForAll String text) throws Exception {
    String json = io.chengis.notify.internal.Json.write(Map.of("t", text));
    assertThat(new ObjectMapper().readTree(json).get("t").asText()).isEqualTo(text);
  }

  @Test
  void send_fromManyThreads_eachBuildDeliveredOnce() throws Exception {
    try (LocalHttpServer receiver = new LocalHttpServer()) {
      WebhookNotifier notifier =
          WebhookNotifier.create(Map.of("url", receiver.url("/h"), "secret", "k"));
      java.util.List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
      try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 16; i++) {
          threads.submit(
              () -> {
                io.chengis.api.spi.NotificationRequest request = Builds.fixed(Map.of());
                sent.add(request.result().buildId().toString());
                notifier.send(request);
                return null;
              });
        }
      }

      ObjectMapper json = new ObjectMapper();
      java.util.List<String> delivered = new java.util.ArrayList<>();
      for (LocalHttpServer.Received post : receiver.received()) {
        delivered.add(json.readTree(post.body()).get("buildId").asText());
        assertThat(WebhookNotifier.verify("k", post.body(), post.header("X-Chengis-Signature-256")))
            .isTrue();
      }
      assertThat(delivered).containsExactlyInAnyOrderElementsOf(sent).doesNotHaveDuplicates();
    }
  }
}
