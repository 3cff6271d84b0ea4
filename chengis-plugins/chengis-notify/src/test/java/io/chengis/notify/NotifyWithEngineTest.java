package io.chengis.notify;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.NotifyWhen;
import io.chengis.dsl.Chengis;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.TriggerRequest;
import io.chengis.engine.plugins.PluginRegistry;
import io.chengis.testkit.http.LocalHttpServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real engine finds the notifiers with ServiceLoader and sends a pipeline's notifications. */
class NotifyWithEngineTest {
  @TempDir Path root;

  @Test
  void engine_failedBuild_slackGetsTheFailedStageAndTheLink() throws Exception {
    try (LocalHttpServer slack = new LocalHttpServer()) {
      PluginRegistry plugins =
          PluginRegistry.builder()
              .discover(getClass().getClassLoader())
              .settings("slack", Map.of("webhookUrl", slack.url("/services/T/B/X")))
              .build();
      try (ChengisEngine engine =
          ChengisEngine.builder()
              .workspaceRoot(root)
              .environment(Map.of("PATH", System.getenv("PATH")))
              .plugins(plugins)
              .detailsUrl("https://ci.example.com/{job}/{number}")
              .build()) {
        BuildResult result =
            engine
                .trigger(
                    Chengis.pipeline(
                        "shop",
                        p ->
                            p.stage("compile", s -> s.step("javac", shell("true")))
                                .stage("test", s -> s.step("junit", shell("exit 1")))
                                .notify("slack", n -> n.when(NotifyWhen.ON_FAILURE))),
                    TriggerRequest.manual())
                .await();

        assertThat(result.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(result.warnings()).isEmpty();
        assertThat(slack.received()).hasSize(1);
        String text =
            new ObjectMapper().readTree(slack.received().get(0).body()).get("text").asText();
        assertThat(text)
            .startsWith("shop #1 failed in ")
            .contains("\nfailed stage: test\nhttps://ci.example.com/shop/1");
      }
    }
  }

  @Test
  void engine_slackDown_buildSucceedsWithAWarning() throws Exception {
    try (LocalHttpServer slack = new LocalHttpServer()) {
      slack.answerAlways(500, "internal_error");
      PluginRegistry plugins =
          PluginRegistry.builder()
              .discover(getClass().getClassLoader())
              .settings("slack", Map.of("webhookUrl", slack.url("/services/T/B/X")))
              .build();
      try (ChengisEngine engine =
          ChengisEngine.builder()
              .workspaceRoot(root)
              .environment(Map.of("PATH", System.getenv("PATH")))
              .plugins(plugins)
              .build()) {
        BuildResult result =
            engine
                .trigger(
                    Chengis.pipeline(
                        "shop",
                        p ->
                            p.stage("compile", s -> s.step("javac", shell("true")))
                                .notify("slack")),
                    TriggerRequest.manual())
                .await();

        assertThat(result.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(result.warnings())
            .containsExactly(
                "notification \"slack\" failed: PluginException: slack notifier: 127.0.0.1 refused"
                    + " the message (was HTTP 500: internal_error); check the URL and the"
                    + " credentials");
      }
    }
  }
}
