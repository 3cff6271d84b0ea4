package io.chengis.examples;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.NotifyWhen;
import io.chengis.api.Pipeline;
import io.chengis.api.ScmEvent;
import io.chengis.api.spi.PluginTrustStore;
import io.chengis.dsl.Chengis;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.TriggerRequest;
import io.chengis.engine.memory.InMemoryPluginTrustStore;
import io.chengis.engine.plugins.PluginRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's plugin example, run against a local stand-in for Slack and GitHub. */
class PluginsExampleTest {
  @TempDir Path workspaces;

  static BuildResult runWithPlugins(
      Pipeline pipeline,
      ScmEvent event,
      Path workspaces,
      String slackUrl,
      String githubUrl,
      String githubToken,
      PluginTrustStore trustStore)
      throws InterruptedException {
    // README-BEGIN
    PluginRegistry plugins =
        PluginRegistry.builder()
            .discover(PluginsExampleTest.class.getClassLoader()) // chengis-notify, chengis-scm
            .pluginDirectory(workspaces.resolve("plugins"), trustStore) // only allowed jars
            .settings("slack", Map.of("webhookUrl", slackUrl))
            .settings("github", Map.of("token", githubToken, "baseUrl", githubUrl))
            .build();
    try (ChengisEngine engine =
        ChengisEngine.builder()
            .workspaceRoot(workspaces)
            .plugins(plugins)
            .detailsUrl("https://ci.example.com/{job}/{number}")
            .stageStatuses(true)
            .build()) {
      return engine.trigger(pipeline, TriggerRequest.of(event)).await();
    }
    // README-END
  }

  @Test
  void plugins_failedBuild_slackToldAndGithubStatusesPosted() throws Exception {
    List<String> requests = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body);
          exchange.sendResponseHeaders(201, -1);
          exchange.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      Pipeline pipeline =
          Chengis.pipeline(
              "shop",
              p ->
                  p.stage("test", s -> s.step("unit", shell("exit 1")))
                      .notify("slack", n -> n.when(NotifyWhen.ON_FAILURE)));
      ScmEvent push =
          new ScmEvent(
              "github",
              ScmEvent.Kind.PUSH,
              "https://github.com/acme/shop.git",
              "refs/heads/feature/cart",
              Optional.of("feature/cart"),
              Optional.empty(),
              "6dcb09b5b57875f334f61aebed695e2e4193db5e",
              List.of("src/Cart.java"),
              "octocat",
              Optional.empty());

      BuildResult result =
          runWithPlugins(
              pipeline,
              push,
              workspaces,
              base + "/slack/hook",
              base,
              "ghs_example",
              new InMemoryPluginTrustStore());

      assertThat(result.conclusion()).isEqualTo(Conclusion.FAILURE);
      assertThat(result.warnings()).isEmpty();
      assertThat(requests)
          .anySatisfy(
              r -> assertThat(r).startsWith("POST /slack/hook ").contains("failed stage: test"));
      assertThat(requests)
          .filteredOn(r -> r.startsWith("POST /repos/acme/shop/statuses/"))
          .hasSize(5)
          .last()
          .asString()
          .contains("\"state\":\"failure\"", "\"context\":\"chengis/shop\"");
    } finally {
      server.stop(0);
    }
  }
}
