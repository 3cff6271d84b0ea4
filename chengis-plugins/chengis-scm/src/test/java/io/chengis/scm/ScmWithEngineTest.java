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
import io.chengis.testkit.http.LocalHttpServer;
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

  @Test
  void pullRequestWebhook_requiredStageChecksPass_engineBuildAutoMergesIt() throws Exception {
    try (LocalHttpServer github = new LocalHttpServer()) {
      WebhookIntake intake =
          WebhookIntake.builder().secret(Forge.GITHUB, Secret.of("hook-secret")).build();
      byte[] body = WebhookIntakeTest.fixture("github-pull-request.json");
      Map<String, String> headers =
          Map.of(
              "X-GitHub-Event", "pull_request",
              "X-GitHub-Delivery", "pr-delivery-1",
              "X-Hub-Signature-256", "sha256=" + WebhookIntakeTest.hmac("hook-secret", body));
      WebhookResult.Accepted accepted = (WebhookResult.Accepted) intake.receive(headers, body);
      AutoMerge merging =
          AutoMerge.builder(
                  ForgeStatusReporter.builder(Forge.GITHUB)
                      .baseUrl(github.url(""))
                      .token(Secret.of("ghs_abc123"))
                      .build())
              .requiredChecks(
                  io.chengis.api.JobId.of("hello"),
                  List.of("chengis/hello/build", "chengis/hello/test"))
              .autoMerge(io.chengis.api.JobId.of("hello"))
              .build();
      merging.track(accepted.event());

      try (ChengisEngine engine =
          ChengisEngine.builder()
              .workspaceRoot(root)
              .environment(Map.of("PATH", System.getenv("PATH")))
              .plugins(PluginRegistry.builder().statusReporter("github", merging).build())
              .stageStatuses(true)
              .build()) {
        BuildResult result =
            engine
                .trigger(
                    Chengis.pipeline(
                        "hello",
                        p ->
                            p.stage("build", s -> s.step("make", shell("true")))
                                .stage("test", s -> s.step("check", shell("true")))),
                    TriggerRequest.of(accepted.event()))
                .await();

        assertThat(result.warnings()).isEmpty();
      }
      List<LocalHttpServer.Received> merges =
          github.received().stream().filter(r -> r.method().equals("PUT")).toList();
      assertThat(merges).hasSize(1);
      assertThat(merges.get(0).path()).isEqualTo("/repos/Codertocat/Hello-World/pulls/2/merge");
      assertThat(new ObjectMapper().readTree(merges.get(0).body()).get("sha").asText())
          .isEqualTo("ec26c3e57ca3a959ca5aad62de7213c562f8c821");
      // The merge came after the last required check, before the build's own final status.
      List<String> order =
          github.received().stream()
              .map(r -> r.method().equals("PUT") ? "merge" : context(r.body()))
              .toList();
      assertThat(order.indexOf("merge")).isEqualTo(order.lastIndexOf("chengis/hello/test") + 1);
    }
  }

  private static String context(String body) {
    try {
      return new ObjectMapper().readTree(body).get("context").asText();
    } catch (Exception broken) {
      throw new IllegalStateException(broken);
    }
  }
}
