package io.chengis.scm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chengis.api.BuildState;
import io.chengis.api.Conclusion;
import io.chengis.api.PluginException;
import io.chengis.api.Secret;
import io.chengis.testkit.http.LocalHttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each forge's documented commit status API, checked by a real local HTTP server. */
class ForgeStatusReporterTest {
  private static final String TOKEN = "ghp_TopSecretToken123";
  private final LocalHttpServer forge;
  private final List<Duration> slept = new CopyOnWriteArrayList<>();

  ForgeStatusReporterTest() throws Exception {
    forge = new LocalHttpServer();
  }

  @AfterEach
  void stop() {
    forge.close();
  }

  private ForgeStatusReporter reporter(Forge kind) {
    return ForgeStatusReporter.builder(kind)
        .baseUrl(forge.url(kind == Forge.BITBUCKET ? "" : "/"))
        .token(Secret.of(TOKEN))
        .sleeper(slept::add)
        .clock(InstantSource.fixed(Instant.parse("2026-11-27T10:00:00Z")))
        .build();
  }

  private static JsonNode json(LocalHttpServer.Received request) throws Exception {
    return new ObjectMapper().readTree(request.body());
  }

  @Test
  void github_finished_postsStatusWithDocumentedHeadersAndBody() throws Exception {
    reporter(Forge.GITHUB)
        .report(
            Reports.finished("https://github.com/octo-org/hello.world.git", Conclusion.SUCCESS));

    LocalHttpServer.Received post = forge.received().get(0);
    assertThat(post.method()).isEqualTo("POST");
    assertThat(post.path()).isEqualTo("/repos/octo-org/hello.world/statuses/" + Reports.SHA);
    assertThat(post.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(post.header("Accept")).isEqualTo("application/vnd.github+json");
    assertThat(post.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
    JsonNode body = json(post);
    assertThat(body.get("state").asText()).isEqualTo("success");
    assertThat(body.get("context").asText()).isEqualTo("chengis/app");
    assertThat(body.get("description").asText()).isEqualTo("Build #4 succeeded in 1m 3s");
    assertThat(body.get("target_url").asText()).isEqualTo("https://ci.example.com/app/4");
  }

  @Test
  void gitlab_finished_postsToUrlEncodedProjectPathWithPrivateToken() throws Exception {
    reporter(Forge.GITLAB)
        .report(Reports.finished("git@gitlab.com:group/sub/project.git", Conclusion.FAILURE));

    LocalHttpServer.Received post = forge.received().get(0);
    assertThat(post.method()).isEqualTo("POST");
    assertThat(post.path())
        .isEqualTo("/api/v4/projects/group%2Fsub%2Fproject/statuses/" + Reports.SHA);
    assertThat(post.header("PRIVATE-TOKEN")).isEqualTo(TOKEN);
    JsonNode body = json(post);
    assertThat(body.get("state").asText()).isEqualTo("failed");
    assertThat(body.get("name").asText()).isEqualTo("chengis/app");
    assertThat(body.get("target_url").asText()).isEqualTo("https://ci.example.com/app/4");
    assertThat(body.get("description").asText()).isEqualTo("Build #4 succeeded in 1m 3s");
  }

  @Test
  void gitea_finished_postsUnderApiV1WithTokenAuthorization() throws Exception {
    reporter(Forge.GITEA)
        .report(Reports.finished("https://gitea.example.com/acme/app.git", Conclusion.CANCELLED));

    LocalHttpServer.Received post = forge.received().get(0);
    assertThat(post.method()).isEqualTo("POST");
    assertThat(post.path()).isEqualTo("/api/v1/repos/acme/app/statuses/" + Reports.SHA);
    assertThat(post.header("Authorization")).isEqualTo("token " + TOKEN);
    JsonNode body = json(post);
    assertThat(body.get("state").asText()).isEqualTo("error");
    assertThat(body.get("context").asText()).isEqualTo("chengis/app");
  }

  @Test
  void bitbucket_finished_postsBuildStatusWithKeyAndUrl() throws Exception {
    reporter(Forge.BITBUCKET)
        .report(
            Reports.finished("https://bitbucket.org/my-workspace/my-repo.git", Conclusion.SUCCESS));

    LocalHttpServer.Received post = forge.received().get(0);
    assertThat(post.method()).isEqualTo("POST");
    assertThat(post.path())
        .isEqualTo(
            "/2.0/repositories/my-workspace/my-repo/commit/" + Reports.SHA + "/statuses/build");
    assertThat(post.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    JsonNode body = json(post);
    assertThat(body.get("key").asText()).isEqualTo("chengis/app");
    assertThat(body.get("state").asText()).isEqualTo("SUCCESSFUL");
    assertThat(body.get("name").asText()).isEqualTo("chengis/app");
    assertThat(body.get("url").asText()).isEqualTo("https://ci.example.com/app/4");
  }

  @Test
  void bitbucket_appPassword_usesBasicAuthAndRepositoryLinkWithoutBuildPage() throws Exception {
    ForgeStatusReporter.builder(Forge.BITBUCKET)
        .baseUrl(forge.url(""))
        .username("jdoe")
        .token(Secret.of("app-password"))
        .build()
        .report(Reports.of("https://bitbucket.org/ws/repo", BuildState.RUNNING, Optional.empty()));

    LocalHttpServer.Received post = forge.received().get(0);
    assertThat(post.header("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("jdoe:app-password".getBytes(StandardCharsets.UTF_8)));
    assertThat(json(post).get("state").asText()).isEqualTo("INPROGRESS");
    assertThat(json(post).get("url").asText()).isEqualTo("https://bitbucket.org/ws/repo");
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "GITHUB, QUEUED, , pending",
    "GITHUB, RUNNING, , pending",
    "GITHUB, WAITING, , pending",
    "GITHUB, FINISHED, SUCCESS, success",
    "GITHUB, FINISHED, FAILURE, failure",
    "GITHUB, FINISHED, TIMED_OUT, failure",
    "GITHUB, FINISHED, CANCELLED, error",
    "GITLAB, QUEUED, , pending",
    "GITLAB, RUNNING, , running",
    "GITLAB, FINISHED, SUCCESS, success",
    "GITLAB, FINISHED, FAILURE, failed",
    "GITLAB, FINISHED, CANCELLED, canceled",
    "GITLAB, FINISHED, SKIPPED, skipped",
    "GITEA, RUNNING, , pending",
    "GITEA, FINISHED, SUCCESS, success",
    "GITEA, FINISHED, TIMED_OUT, failure",
    "BITBUCKET, QUEUED, , INPROGRESS",
    "BITBUCKET, FINISHED, FAILURE, FAILED",
    "BITBUCKET, FINISHED, CANCELLED, STOPPED",
  })
  void stateMapping_eachForge_documentedStateName(
      Forge kind, BuildState state, Conclusion conclusion, String expected) throws Exception {
    reporter(kind)
        .report(
            Reports.of("https://example.com/acme/app.git", state, Optional.ofNullable(conclusion)));

    JsonNode body = json(forge.received().get(0));
    assertThat(body.get("state").asText()).isEqualTo(expected);
  }

  @Test
  void stage_reportedUnderItsOwnContext() throws Exception {
    reporter(Forge.GITHUB)
        .report(Reports.stage("https://github.com/acme/app.git", "test", Conclusion.FAILURE));

    JsonNode body = json(forge.received().get(0));
    assertThat(body.get("context").asText()).isEqualTo("chengis/app/test");
    assertThat(body.get("state").asText()).isEqualTo("failure");
  }

  @Test
  void retry_5xxTwiceThenOk_backsOffExponentially() {
    forge.answer(502, "bad gateway");
    forge.answer(503, "");

    reporter(Forge.GITHUB)
        .report(Reports.finished("https://github.com/acme/app.git", Conclusion.SUCCESS));

    assertThat(forge.received()).hasSize(3);
    assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void retry_429WithRetryAfterSeconds_waitsAsTold() {
    forge.answer(429, Map.of("Retry-After", "7"), "slow down");

    reporter(Forge.GITLAB)
        .report(Reports.finished("https://gitlab.com/acme/app.git", Conclusion.SUCCESS));

    assertThat(forge.received()).hasSize(2);
    assertThat(slept).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void retry_retryAfterHttpDate_waitsUntilThenByTheInjectedClock() {
    forge.answer(503, Map.of("Retry-After", "Fri, 27 Nov 2026 10:00:42 GMT"), "");

    reporter(Forge.GITEA)
        .report(Reports.finished("https://gitea.example.com/acme/app.git", Conclusion.SUCCESS));

    assertThat(slept).containsExactly(Duration.ofSeconds(42));
  }

  @Test
  void retry_alwaysFailing_givesUpAfterMaxAttemptsWithoutTheToken() {
    forge.answerAlways(500, "boom");

    assertThatThrownBy(
            () ->
                reporter(Forge.GITHUB)
                    .report(
                        Reports.finished("https://github.com/acme/app.git", Conclusion.SUCCESS)))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("did not accept POST /repos/acme/app/statuses/" + Reports.SHA)
        .hasMessageContaining("after 4 attempts (last: HTTP 500: boom)")
        .hasMessageNotContaining(TOKEN);
    assertThat(forge.received()).hasSize(4);
    assertThat(slept)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void clientError_notRetried_messageNamesStatus() {
    forge.answer(404, "{\"message\":\"Not Found\"}");

    assertThatThrownBy(
            () ->
                reporter(Forge.GITHUB)
                    .report(
                        Reports.finished("https://github.com/acme/app.git", Conclusion.SUCCESS)))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("refused POST /repos/acme/app/statuses/")
        .hasMessageContaining("(was HTTP 404: {\"message\":\"Not Found\"})");
    assertThat(forge.received()).hasSize(1);
    assertThat(slept).isEmpty();
  }

  @Test
  void backoff_cappedAtTheMaximum() {
    forge.answerAlways(503, "");

    assertThatThrownBy(
            () ->
                ForgeStatusReporter.builder(Forge.GITHUB)
                    .baseUrl(forge.url(""))
                    .token(Secret.of(TOKEN))
                    .sleeper(slept::add)
                    .maxAttempts(6)
                    .backoff(Duration.ofSeconds(1), Duration.ofSeconds(5))
                    .build()
                    .report(Reports.finished("https://github.com/a/b", Conclusion.SUCCESS)))
        .isInstanceOf(PluginException.class);
    assertThat(slept)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
  }

  @Test
  void build_withoutToken_saysHowToGiveOne() {
    assertThatThrownBy(() -> ForgeStatusReporter.builder(Forge.GITHUB).build())
        .isInstanceOf(PluginException.class)
        .hasMessage(
            "github status reporter: no token; give one with token(Secret) or the setting"
                + " \"token\"");
  }

  @Test
  void build_giteaWithoutBaseUrl_saysThereIsNoDefault() {
    assertThatThrownBy(() -> ForgeStatusReporter.builder(Forge.GITEA).token(Secret.of("t")).build())
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("gitea has no public default");
  }

  @Test
  void toString_hidesTheToken() {
    assertThat(reporter(Forge.GITHUB).toString()).doesNotContain(TOKEN);
  }

  @Test
  void repositoryUrl_withoutPath_clearError() {
    assertThatThrownBy(
            () ->
                reporter(Forge.GITHUB)
                    .report(Reports.finished("https://github.com/", Conclusion.SUCCESS)))
        .isInstanceOf(PluginException.class)
        .hasMessage(
            "scm: repository URL has no owner/repository path (was \"https://github.com/\"); use"
                + " the clone URL, e.g. https://github.com/acme/app.git");
  }

  @Test
  void credentialsInRepositoryUrl_neverInRequestsOrMessages() {
    String secret = "ghp_inUrlSecret0123456789";
    reporter(Forge.GITHUB)
        .report(
            Reports.finished(
                "https://ci-bot:" + secret + "@github.com/acme/app.git", Conclusion.SUCCESS));

    assertThat(forge.received().get(0).path()).isEqualTo("/repos/acme/app/statuses/" + Reports.SHA);
    assertThat(forge.received().get(0).toString()).doesNotContain(secret);
    assertThatThrownBy(
            () ->
                reporter(Forge.GITHUB)
                    .report(
                        Reports.finished(
                            "https://ci-bot:" + secret + "@github.com/", Conclusion.SUCCESS)))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("https://***@github.com/")
        .hasMessageNotContaining(secret);
  }

  @Test
  void longDescription_truncatedTo140CodePointsWithoutSplittingCharacters() throws Exception {
    String emoji = "\uD83D\uDE80"; // one code point, two chars
    String description = (emoji + "é").repeat(100);
    reporter(Forge.GITHUB)
        .report(
            new io.chengis.api.spi.StatusReport(
                io.chengis.api.OrgId.DEFAULT,
                io.chengis.api.JobId.of("app"),
                Reports.BUILD,
                "https://github.com/acme/app.git",
                Reports.SHA,
                BuildState.RUNNING,
                Optional.empty(),
                description,
                Optional.empty()));

    String sent = json(forge.received().get(0)).get("description").asText();
    assertThat(sent.codePointCount(0, sent.length())).isEqualTo(140);
    assertThat(sent).endsWith("…").startsWith(emoji + "é");
    assertThat(sent.chars().filter(c -> Character.isHighSurrogate((char) c)).count())
        .isEqualTo(sent.chars().filter(c -> Character.isLowSurrogate((char) c)).count());
  }
}
