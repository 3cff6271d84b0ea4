package io.chengis.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chengis.api.PluginException;
import io.chengis.testkit.http.LocalHttpServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackNotifierTest {
  private final LocalHttpServer slack;

  SlackNotifierTest() throws Exception {
    slack = new LocalHttpServer();
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  @Test
  void send_failedBuild_postsReadableBlocksToTheWebhook() throws Exception {
    String hook = slack.url("/services/T000/B000/secretpart");

    SlackNotifier.create(Map.of("webhookUrl", hook, "channel", "#builds"))
        .send(Builds.failedAfterSuccess(Map.of()));

    LocalHttpServer.Received post = slack.received().get(0);
    assertThat(post.method()).isEqualTo("POST");
    assertThat(post.path()).isEqualTo("/services/T000/B000/secretpart");
    assertThat(post.header("Content-Type")).startsWith("application/json");
    JsonNode body = new ObjectMapper().readTree(post.body());
    assertThat(body.get("text").asText())
        .isEqualTo(
            "api #12 failed in 1m 3s (broken)\nfailed stage: test\nhttps://ci.example.com/api/12");
    assertThat(body.get("channel").asText()).isEqualTo("#builds");
    JsonNode blocks = body.get("blocks");
    assertThat(blocks.get(0).at("/text/type").asText()).isEqualTo("mrkdwn");
    assertThat(blocks.get(0).at("/text/text").asText())
        .isEqualTo(":x: *api #12* failed in 1m 3s (broken)");
    assertThat(blocks.get(1).at("/elements/0/text").asText()).isEqualTo("failed stage: test");
    assertThat(blocks.get(1).at("/elements/1/text").asText())
        .isEqualTo("build `" + Builds.lastBuildId + "`");
    assertThat(blocks.get(2).at("/elements/0/type").asText()).isEqualTo("button");
    assertThat(blocks.get(2).at("/elements/0/url").asText())
        .isEqualTo("https://ci.example.com/api/12");
  }

  @Test
  void send_notificationSettingsWinOverHostDefaults() {
    SlackNotifier.create(Map.of("webhookUrl", slack.url("/host-default")))
        .send(Builds.fixed(Map.of("webhookUrl", slack.url("/per-pipeline"))));

    assertThat(slack.received())
        .extracting(LocalHttpServer.Received::path)
        .containsExactly("/per-pipeline");
  }

  @Test
  void send_slackRefuses_errorWithStatusButNotTheSecretUrl() {
    slack.answer(404, "no_service");
    String hook = slack.url("/services/T000/B000/secretpart");

    assertThatThrownBy(
            () -> SlackNotifier.create(Map.of("webhookUrl", hook)).send(Builds.fixed(Map.of())))
        .isInstanceOf(PluginException.class)
        .hasMessage(
            "slack notifier: 127.0.0.1 refused the message (was HTTP 404: no_service); check the"
                + " URL and the credentials")
        .hasMessageNotContaining("secretpart");
  }

  @Test
  void send_noWebhookUrl_saysWhichSettingIsMissing() {
    assertThatThrownBy(
            () -> SlackNotifier.create(Map.of()).send(Builds.fixed(Map.of("channel", "#x"))))
        .isInstanceOf(PluginException.class)
        .hasMessageStartingWith(
            "slack notifier: setting \"webhookUrl\" is missing (was [channel])");
  }

  @Test
  void toString_hidesSettings() {
    assertThat(SlackNotifier.create(Map.of("webhookUrl", "https://hooks/secret")).toString())
        .isEqualTo("SlackNotifier[webhookUrl]");
  }
}
