package io.chengis.scm;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.Secret;
import io.chengis.dsl.Chengis;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.TriggerRequest;
import io.chengis.engine.plugins.PluginRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A signed push webhook starts a build whose statuses reach the forge, end to end. */
class ScmWithEngineTest {
  @TempDir Path root;

  @Test
  void webhookPush_buildReportsPendingThenSuccessToGitHub() throws Exception {
    try (LocalHttpServer github = new LocalHttpServer()) {
      WebhookIntake intake =
          WebhookIntake.builder().secret(Forge.GITHUB, Secret.of("hook-secret")).build();
      byte[] body = WebhookIntakeTest.fixture("github-push.json");
      Map<String, String> headers =
          Map.of(
              "X-GitHub-Event", "push",
              "X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958",
              "X-Hub-Signature-256", "sha256=" + WebhookIntakeTest.hmac("hook-secret", body));
      WebhookResult.Accepted accepted = (WebhookResult.Accepted) intake.receive(headers, body);

      PluginRegistry plugins =
          PluginRegistry.builder()
              .discover(getClass().getClassLoader())
              .settings("github", Map.of("token", "ghs_abc123", "baseUrl", github.url("")))
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
                        "hello", p -> p.stage("build", s -> s.step("make", shell("true")))),
                    TriggerRequest.of(accepted.event()))
                .await();

        assertThat(result.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(result.warnings()).isEmpty();
      }
      ObjectMapper json = new ObjectMapper();
      List<String> states =
          github.received().stream()
              .map(
                  r -> {
                    assertThat(r.path())
                        .isEqualTo(
                            "/repos/Codertocat/Hello-World/statuses/"
                                + "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c");
                    assertThat(r.header("Authorization")).isEqualTo("Bearer ghs_abc123");
                    try {
                      return json.readTree(r.body()).get("state").asText();
                    } catch (Exception broken) {
                      throw new IllegalStateException(broken);
                    }
                  })
              .toList();
      assertThat(states).containsExactly("pending", "pending", "success");
    }
  }
}
