package io.chengis.scm;

import static io.chengis.dsl.Steps.shell;
import static io.chengis.scm.WebhookIntakeTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chengis.api.Conclusion;
import io.chengis.api.Pipeline;
import io.chengis.api.Secret;
import io.chengis.api.spi.PipelineSource;
import io.chengis.api.spi.WebhookDelivery;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.format.PipelineFormats;
import io.chengis.engine.BuildHandle;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.EventBuilds;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook endpoint on loopback with the real engine: real HTTP requests carrying the signed
 * fixture payloads start exactly the registered jobs whose triggers match, answer with the
 * documented status codes, and record the builds in the delivery log.
 */
class WebhookEndpointTest {
  private static final String SECRET = "It's a Secret to Everybody";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;

  private final InMemoryWebhookDeliveryStore deliveries = new InMemoryWebhookDeliveryStore();
  private final List<BuildHandle> started = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private ChengisEngine engine;
  private WebhookServer server;

  private static Pipeline workflow(String name, String on) {
    return PipelineFormats.githubActions()
        .parse(
            new PipelineSource(
                ".github/workflows/" + name + ".yml",
                "name: "
                    + name
                    + "\non:\n"
                    + on
                    + "jobs:\n  b:\n    runs-on: x\n    steps:\n      - run: 'true'\n"));
  }

  @BeforeEach
  void start() throws IOException {
    engine = ChengisEngine.builder().workspaceRoot(root).build();
    engine.register(
        workflow("web", "  push:\n    branches: ['feature/**']\n    paths: ['src/**']\n"));
    engine.register(
        workflow("docs", "  push:\n    branches: ['feature/**']\n    paths: ['docs/**']\n"));
    engine.register(workflow("release", "  push:\n    tags: ['v*']\n"));
    engine.register(workflow("review", "  pull_request:\n    branches: [main]\n"));
    engine.register(workflow("gitlab-release", "  push:\n    branches: ['release/**']\n"));
    engine.register(
        Chengis.pipeline(
            "hello",
            p ->
                p.source("git@GitHub.com:codertocat/hello-world")
                    .onPush("feature/*")
                    .stage("s", s -> s.step("b", shell("true")))));
    engine.register(
        Chengis.pipeline(
            "elsewhere",
            p ->
                p.source("https://gitlab.example.com/other/app.git")
                    .onPush()
                    .stage("s", s -> s.step("b", shell("true")))));
    WebhookIntake intake =
        WebhookIntake.builder()
            .secret(Forge.GITHUB, Secret.of(SECRET))
            .secret(Forge.GITLAB, Secret.of(SECRET))
            .deliveries(deliveries)
            .build();
    server =
        WebhookServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new WebhookEndpoint(
                intake,
                event -> {
                  EventBuilds builds = engine.triggerMatching(event);
                  started.addAll(builds.started().values());
                  return builds.summary();
                }));
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.close();
    for (BuildHandle build : started) {
      assertThat(build.await(Duration.ofMinutes(1)))
          .hasValueSatisfying(r -> assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS));
    }
    engine.close();
  }

  private HttpResponse<String> post(String provider, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri().resolve(provider))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> jobs(HttpResponse<String> response) throws IOException {
    JsonNode builds = JSON.readTree(response.body()).path("builds");
    return builds.valueStream().map(line -> line.asText().split(" ")[1]).toList();
  }

  @Test
  void githubPush_post_startsTheJobsWhoseBranchPathAndRepositoryMatch() throws Exception {
    byte[] body = fixture("github-push.json");

    HttpResponse<String> response =
        post("github", WebhookIntakeTest.github("push", "p-1", body), body);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(JSON.readTree(response.body()).path("status").asText()).isEqualTo("accepted");
    // docs: no changed file under docs/; release: tags only; review: pull requests only;
    // elsewhere: another repository; gitlab-release: another branch.
    assertThat(jobs(response)).containsExactly("hello", "web");
    WebhookDelivery stored = deliveries.find("github", "p-1").orElseThrow();
    assertThat(stored.result())
        .startsWith("accepted: push of refs/heads/feature/login-form at 0d1a26e")
        .contains("started hello #1 (")
        .contains("started web #1 (");
    assertThat(started).hasSize(2);
  }

  @Test
  void githubTagAndPullRequest_post_startTheTagAndPullRequestJobsOnly() throws Exception {
    byte[] tag = fixture("github-tag.json");
    byte[] pull = fixture("github-pull-request.json");

    HttpResponse<String> tagged = post("github", WebhookIntakeTest.github("push", "t-1", tag), tag);
    HttpResponse<String> opened =
        post("github", WebhookIntakeTest.github("pull_request", "r-1", pull), pull);

    assertThat(tagged.statusCode()).isEqualTo(202);
    assertThat(jobs(tagged)).containsExactly("release");
    assertThat(opened.statusCode()).isEqualTo(202);
    assertThat(jobs(opened)).containsExactly("review");
  }

  @Test
  void gitlabPush_post_startsTheReleaseBranchJobAndNoJobOfAnotherRepository() throws Exception {
    byte[] body = fixture("gitlab-push.json");

    HttpResponse<String> response =
        post("gitlab", WebhookIntakeTest.gitlab("Push Hook", "g-1"), body);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(jobs(response)).containsExactly("gitlab-release");
  }

  @Test
  void repeatedDelivery_post_isIgnoredWith200AndStartsNothingMore() throws Exception {
    byte[] body = fixture("github-tag.json");
    post("github", WebhookIntakeTest.github("push", "same", body), body);

    HttpResponse<String> again =
        post("github", WebhookIntakeTest.github("push", "same", body), body);

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).path("status").asText()).isEqualTo("ignored");
    assertThat(started).hasSize(1);
  }

  @Test
  void wrongSignature_post_is401AndStartsNothing() throws Exception {
    byte[] body = fixture("github-push.json");
    Map<String, String> headers =
        new java.util.LinkedHashMap<>(WebhookIntakeTest.github("push", "bad", body));
    headers.put("X-Hub-Signature-256", "sha256=" + "0".repeat(64));

    HttpResponse<String> response = post("github", headers, body);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(response.body()).path("message").asText())
        .contains("the x-hub-signature-256 header does not match");
    assertThat(started).isEmpty();
  }

  @Test
  void payloadThatIsNotJson_post_is400() throws Exception {
    byte[] body = "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    HttpResponse<String> response =
        post("github", WebhookIntakeTest.github("push", "junk", body), body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(started).isEmpty();
  }

  @Test
  void ignoredEvent_post_is200WithTheReason() throws Exception {
    byte[] body = fixture("github-branch-deleted.json");

    HttpResponse<String> response =
        post("github", WebhookIntakeTest.github("push", "del", body), body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("message").asText()).contains("deleted");
    assertThat(started).isEmpty();
  }

  @Test
  void githubHeadersOnTheGitlabPath_post_is400NamingTheRightPath() throws Exception {
    byte[] body = fixture("github-push.json");

    HttpResponse<String> response =
        post("gitlab", WebhookIntakeTest.github("push", "m-1", body), body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("message").asText())
        .isEqualTo(
            "the request was sent to /webhooks/gitlab but carries github headers; point the"
                + " github webhook at /webhooks/github");
    assertThat(deliveries.find("github", "m-1")).isEmpty();
  }

  @Test
  void unknownProviderAndGet_request_are404And405() throws Exception {
    HttpResponse<String> unknown =
        http.send(
            HttpRequest.newBuilder(server.uri().resolve("sourceforge"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(server.uri().resolve("github")).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).contains("POST");
  }

  @Test
  void startingBuildsFails_post_is500AndTheDeliveryRecordsWhy() throws Exception {
    server.close();
    WebhookIntake intake =
        WebhookIntake.builder()
            .secret(Forge.GITHUB, Secret.of(SECRET))
            .deliveries(deliveries)
            .build();
    server =
        WebhookServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new WebhookEndpoint(
                intake,
                event -> {
                  throw new IllegalStateException("engine unavailable");
                }));
    byte[] body = fixture("github-tag.json");

    HttpResponse<String> response =
        post("github", WebhookIntakeTest.github("push", "f-1", body), body);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(deliveries.find("github", "f-1").orElseThrow().result())
        .endsWith(
            "starting the builds failed (IllegalStateException: engine unavailable); replay the"
                + " delivery once the cause is fixed");
  }

  @Test
  void uri_always_pointsAtTheWebhooksPathOnLoopback() {
    assertThat(server.uri())
        .isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/webhooks/"));
  }
}
