package io.chengis.scm;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.ScmEvent;
import io.chengis.api.Secret;
import io.chengis.api.spi.WebhookDelivery;
import io.chengis.engine.TriggerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Webhook deliveries of the four forges, with payloads written after each forge's documentation.
 */
class WebhookIntakeTest {
  private static final String SECRET = "It's a Secret to Everybody";
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  private final InMemoryWebhookDeliveryStore store = new InMemoryWebhookDeliveryStore();
  private final WebhookIntake intake =
      WebhookIntake.builder()
          .secret(Forge.GITHUB, Secret.of(SECRET))
          .secret(Forge.GITLAB, Secret.of(SECRET))
          .secret(Forge.GITEA, Secret.of(SECRET))
          .secret(Forge.BITBUCKET, Secret.of(SECRET))
          .deliveries(store)
          .clock(InstantSource.fixed(NOW))
          .build();

  static byte[] fixture(String name) {
    try (InputStream in = WebhookIntakeTest.class.getResourceAsStream("/webhooks/" + name)) {
      return in.readAllBytes();
    } catch (IOException | NullPointerException missing) {
      throw new IllegalStateException("fixture " + name, missing);
    }
  }

  static String hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  static Map<String, String> github(String event, String id, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-GitHub-Event", event);
    headers.put("X-GitHub-Delivery", id);
    headers.put("X-Hub-Signature-256", "sha256=" + hmac(SECRET, body));
    headers.put("Content-Type", "application/json");
    return headers;
  }

  static Map<String, String> gitlab(String event, String id) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Gitlab-Event", event);
    headers.put("X-Gitlab-Event-UUID", id);
    headers.put("X-Gitlab-Token", SECRET);
    return headers;
  }

  static Map<String, String> gitea(String event, String id, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Gitea-Event", event);
    headers.put("X-GitHub-Event", event); // Gitea sends both
    headers.put("X-Gitea-Delivery", id);
    headers.put("X-Gitea-Signature", hmac(SECRET, body));
    return headers;
  }

  static Map<String, String> bitbucket(String event, String id, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Event-Key", event);
    headers.put("X-Request-UUID", id);
    headers.put("X-Hub-Signature", "sha256=" + hmac(SECRET, body));
    return headers;
  }

  private ScmEvent accepted(WebhookResult result) {
    assertThat(result).isInstanceOf(WebhookResult.Accepted.class);
    assertThat(result.httpStatus()).isEqualTo(202);
    return ((WebhookResult.Accepted) result).event();
  }

  @Test
  void github_push_branchWithSlashesCommitFilesAndAuthor() {
    byte[] body = fixture("github-push.json");

    ScmEvent event = accepted(intake.receive(github("push", "d-1", body), body));

    assertThat(event.provider()).isEqualTo("github");
    assertThat(event.kind()).isEqualTo(ScmEvent.Kind.PUSH);
    assertThat(event.repositoryUrl()).isEqualTo("https://github.com/Codertocat/Hello-World.git");
    assertThat(event.ref()).isEqualTo("refs/heads/feature/login-form");
    assertThat(event.branch()).contains("feature/login-form");
    assertThat(event.tag()).isEmpty();
    assertThat(event.commit()).isEqualTo("0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c");
    assertThat(event.changedFiles())
        .containsExactly("src/login.html", "README.md", "src/login.js", "src/old-login.html");
    assertThat(event.author()).isEqualTo("Codertocat");
    assertThat(event.pullRequest()).isEmpty();
  }

  @Test
  void github_tag_tagNameAndNoBranch() {
    byte[] body = fixture("github-tag.json");

    ScmEvent event = accepted(intake.receive(github("push", "d-2", body), body));

    assertThat(event.kind()).isEqualTo(ScmEvent.Kind.TAG);
    assertThat(event.ref()).isEqualTo("refs/tags/v1.2.0");
    assertThat(event.tag()).contains("v1.2.0");
    assertThat(event.branch()).isEmpty();
    assertThat(event.commit()).isEqualTo("6113728f27ae82c7b1a177c8d03f9e96e0adf246");
  }

  @Test
  void github_pullRequestOpened_numberHeadAndBase() {
    byte[] body = fixture("github-pull-request.json");

    ScmEvent event = accepted(intake.receive(github("pull_request", "d-3", body), body));

    assertThat(event.kind()).isEqualTo(ScmEvent.Kind.PULL_REQUEST);
    assertThat(event.commit()).isEqualTo("ec26c3e57ca3a959ca5aad62de7213c562f8c821");
    assertThat(event.branch()).contains("changes/readme");
    assertThat(event.ref()).isEqualTo("refs/heads/changes/readme");
    assertThat(event.author()).isEqualTo("Codertocat");
    assertThat(event.pullRequest())
        .contains(new ScmEvent.PullRequest(2, "opened", "changes/readme", "main"));
  }

  @Test
  void github_pullRequestClosed_ignored() {
    byte[] body =
        new String(fixture("github-pull-request.json"), StandardCharsets.UTF_8)
            .replace("\"opened\"", "\"closed\"")
            .getBytes(StandardCharsets.UTF_8);

    WebhookResult result = intake.receive(github("pull_request", "d-4", body), body);

    assertThat(result)
        .isEqualTo(
            new WebhookResult.Ignored(
                Forge.GITHUB, "d-4", "pull request action \"closed\" does not change its code"));
    assertThat(result.httpStatus()).isEqualTo(200);
  }

  @Test
  void github_branchDeleted_ignored() {
    byte[] body = fixture("github-branch-deleted.json");

    WebhookResult result = intake.receive(github("push", "d-5", body), body);

    assertThat(result).isInstanceOf(WebhookResult.Ignored.class);
    assertThat(result.describe()).isEqualTo("ignored: refs/heads/old/feature was deleted");
  }

  @Test
  void github_otherEvent_ignored() {
    byte[] body = "{\"zen\":\"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);

    WebhookResult result = intake.receive(github("ping", "d-6", body), body);

    assertThat(result.describe())
        .isEqualTo("ignored: event \"ping\" is not a push or pull request");
  }

  @Test
  void gitlab_push_usesCheckoutShaAndPathWithSlashes() {
    byte[] body = fixture("gitlab-push.json");

    ScmEvent event = accepted(intake.receive(gitlab("Push Hook", "g-1"), body));

    assertThat(event.provider()).isEqualTo("gitlab");
    assertThat(event.repositoryUrl()).isEqualTo("http://example.com/mike/diaspora.git");
    assertThat(event.branch()).contains("release/2026.11");
    assertThat(event.commit()).isEqualTo("da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
    assertThat(event.changedFiles())
        .containsExactly("CHANGELOG", "app/controller/application.rb", "README.md");
    assertThat(event.author()).isEqualTo("jsmith");
  }

  @Test
  void gitlab_tagPush_tag() {
    byte[] body = fixture("gitlab-tag-push.json");

    ScmEvent event = accepted(intake.receive(gitlab("Tag Push Hook", "g-2"), body));

    assertThat(event.kind()).isEqualTo(ScmEvent.Kind.TAG);
    assertThat(event.tag()).contains("v1.0.0");
    assertThat(event.commit()).isEqualTo("82b3d5ae55f7080f1e6022629cdb57bfae7cccc7");
  }

  @Test
  void gitlab_mergeRequestUpdateWithNewCommits_accepted() {
    byte[] body = fixture("gitlab-merge-request.json");

    ScmEvent event = accepted(intake.receive(gitlab("Merge Request Hook", "g-3"), body));

    assertThat(event.kind()).isEqualTo(ScmEvent.Kind.PULL_REQUEST);
    assertThat(event.repositoryUrl()).isEqualTo("http://example.com/gitlabhq/gitlab-test.git");
    assertThat(event.commit()).isEqualTo("da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
    assertThat(event.author()).isEqualTo("root");
    assertThat(event.pullRequest())
        .contains(new ScmEvent.PullRequest(1, "update", "ms/viewport", "master"));
  }

  @Test
  void gitlab_mergeRequestUpdateWithoutNewCommits_ignored() {
    byte[] body =
        new String(fixture("gitlab-merge-request.json"), StandardCharsets.UTF_8)
            .replace("\"oldrev\"", "\"previous_title\"")
            .getBytes(StandardCharsets.UTF_8);

    WebhookResult result = intake.receive(gitlab("Merge Request Hook", "g-4"), body);

    assertThat(result.describe())
        .isEqualTo("ignored: merge request action \"update\" does not change its code");
  }

  @Test
  void gitea_push_signedWithPlainHexSignature() {
    byte[] body = fixture("gitea-push.json");

    ScmEvent event = accepted(intake.receive(gitea("push", "t-1", body), body));

    assertThat(event.provider()).isEqualTo("gitea");
    assertThat(event.branch()).contains("fix/nested/path");
    assertThat(event.commit()).isEqualTo("bffeb74224043ba2feb48d137756c8a9331c449a");
    assertThat(event.changedFiles()).containsExactly("docs/hooks.md", "main.go");
    assertThat(event.author()).isEqualTo("gitea");
  }

  @Test
  void gitea_pullRequestSynchronized_accepted() {
    byte[] body = fixture("gitea-pull-request.json");

    ScmEvent event = accepted(intake.receive(gitea("pull_request", "t-2", body), body));

    assertThat(event.pullRequest())
        .contains(new ScmEvent.PullRequest(12, "synchronized", "perf/cache", "main"));
    assertThat(event.commit()).isEqualTo("4b9b5f8c2fb0c7ad1ec1e0f7be25e8e6f3b3a2c1");
    assertThat(event.author()).isEqualTo("alice");
  }

  @Test
  void bitbucket_push_branchFromNewTargetAndCloneUrlFromHtmlLink() {
    byte[] body = fixture("bitbucket-push.json");

    ScmEvent event = accepted(intake.receive(bitbucket("repo:push", "b-1", body), body));

    assertThat(event.provider()).isEqualTo("bitbucket");
    assertThat(event.repositoryUrl()).isEqualTo("https://bitbucket.org/team-space/web-shop.git");
    assertThat(event.ref()).isEqualTo("refs/heads/hotfix/cart/total");
    assertThat(event.branch()).contains("hotfix/cart/total");
    assertThat(event.commit()).isEqualTo("709d658dc5b6d6afcd46049c2f332ee3f515a67d");
    assertThat(event.changedFiles()).isEmpty();
    assertThat(event.author()).isEqualTo("emma");
  }

  @Test
  void bitbucket_tag_tag() {
    byte[] body = fixture("bitbucket-tag.json");

    ScmEvent event = accepted(intake.receive(bitbucket("repo:push", "b-2", body), body));

    assertThat(event.kind()).isEqualTo(ScmEvent.Kind.TAG);
    assertThat(event.tag()).contains("release-7");
  }

  @Test
  void bitbucket_pullRequestCreated_accepted() {
    byte[] body = fixture("bitbucket-pullrequest-created.json");

    ScmEvent event = accepted(intake.receive(bitbucket("pullrequest:created", "b-3", body), body));

    assertThat(event.pullRequest())
        .contains(new ScmEvent.PullRequest(31, "created", "hotfix/cart/total", "main"));
    assertThat(event.commit()).isEqualTo("709d658dc5b6");
  }

  @Test
  void wrongSignature_rejectedForEveryForge() {
    byte[] body = fixture("github-push.json");
    Map<String, String> github = github("push", "x-1", body);
    github.put("X-Hub-Signature-256", "sha256=" + hmac("another secret", body));
    Map<String, String> gitea = gitea("push", "x-2", body);
    gitea.put("X-Gitea-Signature", hmac("another secret", body));
    Map<String, String> bitbucket = bitbucket("repo:push", "x-3", body);
    bitbucket.put("X-Hub-Signature", "sha256=" + hmac("another secret", body));
    Map<String, String> gitlab = gitlab("Push Hook", "x-4");
    gitlab.put("X-Gitlab-Token", "guess");

    for (Map<String, String> headers : List.of(github, gitea, bitbucket, gitlab)) {
      WebhookResult result = intake.receive(headers, body);
      assertThat(result).isInstanceOf(WebhookResult.Rejected.class);
      assertThat(result.httpStatus()).isEqualTo(401);
      assertThat(result.describe()).contains("does not match").doesNotContain(SECRET);
    }
  }

  @Test
  void bodyChangedAfterSigning_rejected() {
    byte[] body = fixture("github-push.json");
    Map<String, String> headers = github("push", "x-5", body);
    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace("feature/login-form", "main")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(intake.receive(headers, tampered).httpStatus()).isEqualTo(401);
  }

  @Test
  void missingSignature_rejectedNamingTheHeader() {
    byte[] body = fixture("github-push.json");
    Map<String, String> headers = github("push", "x-6", body);
    headers.remove("X-Hub-Signature-256");

    WebhookResult result = intake.receive(headers, body);

    assertThat(result)
        .isEqualTo(
            new WebhookResult.Rejected(
                true,
                "github webhook x-6: the x-hub-signature-256 header is missing; set the webhook's"
                    + " secret on the forge to the one configured here"));
  }

  @Test
  void forgeWithoutConfiguredSecret_rejected() {
    WebhookIntake open = WebhookIntake.builder().build();
    byte[] body = fixture("gitlab-push.json");

    WebhookResult result = open.receive(gitlab("Push Hook", "x-7"), body);

    assertThat(result.httpStatus()).isEqualTo(401);
    assertThat(result.describe()).contains("no webhook secret is configured for gitlab");
  }

  @Test
  void unknownSender_rejected() {
    WebhookResult result =
        intake.receive(
            Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(result.httpStatus()).isEqualTo(400);
    assertThat(result.describe()).contains("not a known forge");
  }

  @Test
  void malformedPayload_rejectedNamingTheField() {
    byte[] body =
        "{\"ref\":\"refs/heads/main\",\"repository\":{}}".getBytes(StandardCharsets.UTF_8);

    WebhookResult result = intake.receive(github("push", "x-8", body), body);

    assertThat(result.httpStatus()).isEqualTo(400);
    assertThat(result.describe())
        .isEqualTo(
            "rejected: github webhook x-8: push payload field /repository/clone_url is missing or"
                + " not text (was missing); is the webhook's content type application/json?");
  }

  @Test
  void repeatedDeliveryId_ignoredTheSecondTime() {
    byte[] body = fixture("github-push.json");

    assertThat(intake.receive(github("push", "same-id", body), body))
        .isInstanceOf(WebhookResult.Accepted.class);
    WebhookResult again = intake.receive(github("push", "same-id", body), body);

    assertThat(again)
        .isEqualTo(
            new WebhookResult.Ignored(
                Forge.GITHUB,
                "same-id",
                "delivery same-id was received before; it is not acted on twice"));
  }

  @Test
  void forgedDelivery_cannotTakeAGenuineDeliveryId() {
    byte[] body = fixture("github-push.json");
    Map<String, String> forged = github("push", "target-id", body);
    forged.put("X-Hub-Signature-256", "sha256=00");

    intake.receive(forged, body);

    assertThat(intake.receive(github("push", "target-id", body), body))
        .isInstanceOf(WebhookResult.Accepted.class);
  }

  @Test
  void everyDelivery_storedWithHeadersPayloadAndResult_gitlabTokenMasked() {
    byte[] body = fixture("gitlab-push.json");
    intake.receive(gitlab("Push Hook", "s-1"), body);
    Map<String, String> wrong = gitlab("Push Hook", "s-2");
    wrong.put("X-Gitlab-Token", "nope");
    intake.receive(wrong, body);

    WebhookDelivery stored = store.find("gitlab", "s-1").orElseThrow();
    assertThat(stored.receivedAt()).isEqualTo(NOW);
    assertThat(stored.headers()).containsEntry("x-gitlab-event", "Push Hook");
    assertThat(stored.headers()).containsEntry("x-gitlab-token", "***");
    assertThat(stored.payload()).isEqualTo(body);
    assertThat(stored.result())
        .isEqualTo(
            "accepted: push of refs/heads/release/2026.11 at"
                + " da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
    assertThat(store.list(10)).hasSize(2);
    assertThat(store.list(10).get(0).deliveryId()).startsWith("rejected:");
    assertThat(store.list(10).get(0).result()).startsWith("rejected: gitlab webhook s-2");
    assertThat(store.list(10).toString()).doesNotContain(SECRET);
  }

  @Test
  void replay_storedDelivery_interpretedAgain() {
    byte[] body = fixture("bitbucket-push.json");
    WebhookResult first = intake.receive(bitbucket("repo:push", "r-1", body), body);

    WebhookResult replayed = intake.replay(Forge.BITBUCKET, "r-1");

    assertThat(replayed).isEqualTo(first);
    assertThat(intake.replay(Forge.BITBUCKET, "missing").describe())
        .contains("no stored delivery missing");
  }

  @Test
  void triggerRequest_fromAcceptedEvent_buildsTheBranchAndCommit() {
    byte[] body = fixture("github-pull-request.json");
    ScmEvent event = accepted(intake.receive(github("pull_request", "e-1", body), body));

    TriggerRequest request = TriggerRequest.of(event);

    assertThat(request.branch()).contains("changes/readme");
    assertThat(request.commit()).contains("ec26c3e57ca3a959ca5aad62de7213c562f8c821");
    assertThat(request.scm()).contains(event);
    assertThat(request.triggeredBy()).isEqualTo("github pull request by Codertocat");
  }

  @Property
  void anyBody_correctlySigned_neverThrowsAndNeverAcceptedWithoutRequiredFields(
      @ForAll byte[] body) {
    WebhookResult result =
        intake.receive(github("push", "p-" + HexFormat.of().formatHex(body), body), body);

    assertThat(result).isNotInstanceOf(WebhookResult.Accepted.class);
  }

  @Property
  void anySignature_butTheRightOne_rejected(@ForAll String signature) {
    byte[] body = fixture("github-push.json");
    Map<String, String> headers = github("push", "q", body);
    headers.put("X-Hub-Signature-256", signature);

    WebhookResult result = intake.receive(headers, body);

    assertThat(result.httpStatus()).isIn(401, 202, 200);
    if (!signature.equals("sha256=" + hmac(SECRET, body))) {
      assertThat(result.httpStatus()).isEqualTo(401);
    }
  }
}
