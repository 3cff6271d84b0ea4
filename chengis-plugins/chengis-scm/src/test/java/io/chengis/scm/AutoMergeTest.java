package io.chengis.scm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chengis.api.Conclusion;
import io.chengis.api.JobId;
import io.chengis.api.PluginException;
import io.chengis.api.ScmEvent;
import io.chengis.api.Secret;
import io.chengis.testkit.http.LocalHttpServer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AutoMergeTest {
  private final LocalHttpServer server;

  AutoMergeTest() throws Exception {
    server = new LocalHttpServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private AutoMerge merging(Forge forge, String repo) {
    AutoMerge merge =
        AutoMerge.builder(
                ForgeStatusReporter.builder(forge)
                    .baseUrl(server.url(""))
                    .token(Secret.of("t0ken"))
                    .sleeper(d -> {})
                    .build())
            .requiredChecks(JobId.of("app"), List.of("chengis/app/build", "chengis/app/test"))
            .autoMerge(JobId.of("app"))
            .build();
    merge.track(pullRequest(forge, repo));
    return merge;
  }

  private static ScmEvent pullRequest(Forge forge, String repo) {
    return new ScmEvent(
        forge.type(),
        ScmEvent.Kind.PULL_REQUEST,
        repo,
        "refs/heads/feature/x",
        Optional.of("feature/x"),
        Optional.empty(),
        Reports.SHA,
        List.of(),
        "octocat",
        Optional.of(new ScmEvent.PullRequest(7, "opened", "feature/x", "main")));
  }

  private List<LocalHttpServer.Received> merges() {
    return server.received().stream().filter(r -> r.path().contains("merge")).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "GITHUB, PUT, /repos/acme/app/pulls/7/merge, sha",
    "GITLAB, PUT, /api/v4/projects/acme%2Fapp/merge_requests/7/merge, sha",
    "GITEA, POST, /api/v1/repos/acme/app/pulls/7/merge, head_commit_id",
    "BITBUCKET, POST, /2.0/repositories/acme/app/pullrequests/7/merge, merge_strategy",
  })
  void allRequiredChecksPass_mergesOnceWithTheForgesMergeApi(
      Forge forge, String method, String path, String field) throws Exception {
    String repo = "https://example.com/acme/app.git";
    AutoMerge merge = merging(forge, repo);

    merge.report(Reports.stage(repo, "build", Conclusion.SUCCESS));
    assertThat(merges()).isEmpty();
    merge.report(Reports.stage(repo, "test", Conclusion.SUCCESS));
    merge.report(Reports.stage(repo, "test", Conclusion.SUCCESS));

    assertThat(merges()).hasSize(1);
    LocalHttpServer.Received request = merges().get(0);
    assertThat(request.method()).isEqualTo(method);
    assertThat(request.path()).isEqualTo(path);
    JsonNode body = new ObjectMapper().readTree(request.body());
    assertThat(body.has(field)).isTrue();
    if (forge == Forge.GITEA) {
      assertThat(body.get("Do").asText()).isEqualTo("merge");
    }
    if (forge != Forge.BITBUCKET) {
      assertThat(body.get(field).asText()).isEqualTo(Reports.SHA);
    }
    assertThat(merge.passed(JobId.of("app"), repo, Reports.SHA)).isTrue();
  }

  @Test
  void requiredCheckFailed_noMergeUntilARetrySucceeds() {
    String repo = "https://github.com/acme/app.git";
    AutoMerge merge = merging(Forge.GITHUB, repo);

    merge.report(Reports.stage(repo, "build", Conclusion.SUCCESS));
    merge.report(Reports.stage(repo, "test", Conclusion.FAILURE));
    assertThat(merges()).isEmpty();
    assertThat(merge.passed(JobId.of("app"), repo, Reports.SHA)).isFalse();

    merge.report(Reports.stage(repo, "test", Conclusion.SUCCESS));
    assertThat(merges()).hasSize(1);
  }

  @Test
  void jobWithoutAutoMerge_neverMerges() {
    String repo = "https://github.com/acme/app.git";
    AutoMerge merge =
        AutoMerge.builder(
                ForgeStatusReporter.builder(Forge.GITHUB)
                    .baseUrl(server.url(""))
                    .token(Secret.of("t"))
                    .build())
            .build();
    merge.track(pullRequest(Forge.GITHUB, repo));

    merge.report(Reports.finished(repo, Conclusion.SUCCESS));

    assertThat(merge.requiredChecks(JobId.of("app"))).containsExactly("chengis/app");
    assertThat(merge.passed(JobId.of("app"), repo, Reports.SHA)).isTrue();
    assertThat(merges()).isEmpty();
  }

  @Test
  void mergeRefused_errorAndALaterStatusTriesAgain() {
    String repo = "https://github.com/acme/app.git";
    AutoMerge merge = merging(Forge.GITHUB, repo);
    merge.report(Reports.stage(repo, "build", Conclusion.SUCCESS));
    server.answer(200, "{}");
    server.answer(405, "{\"message\":\"Pull Request is not mergeable\"}");

    assertThatThrownBy(() -> merge.report(Reports.stage(repo, "test", Conclusion.SUCCESS)))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("github merge of #7")
        .hasMessageContaining("HTTP 405");

    merge.report(Reports.stage(repo, "test", Conclusion.SUCCESS));
    assertThat(merges()).hasSize(2);
  }
}
