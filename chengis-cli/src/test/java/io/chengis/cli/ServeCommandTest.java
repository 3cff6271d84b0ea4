package io.chengis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.spi.BuildQuery;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.JobRef;
import io.chengis.store.SqlStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chengis serve} in this JVM: a real signed GitHub push to its port starts the matching
 * job's build, kept in the database with the delivery.
 */
class ServeCommandTest {
  private static final String SECRET = "serve-test-secret";
  private static final String PUSH =
      """
      {"ref":"refs/heads/main","before":"0000000000000000000000000000000000000001",
       "after":"6113728f27ae82c7b1a177c8d03f9e96e0adf246","deleted":false,
       "repository":{"clone_url":"https://github.com/acme/app.git"},
       "pusher":{"name":"ada"},
       "commits":[{"added":["src/a.txt"],"modified":[],"removed":[]}]}
      """;

  private static final String PIPELINE =
      "name: x\nstages:\n  - name: a\n    steps:\n      - name: s\n        run: 'true'\n";

  @TempDir Path dir;

  private static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static java.util.List<BuildRecord> builds(SqlStores stores, String job) {
    return stores
        .builds()
        .list(new BuildQuery(new JobRef(OrgId.DEFAULT, JobId.of(job)), Optional.empty(), 10))
        .items();
  }

  @Test
  void serve_signedPush_startsTheMatchingJobAndStopsWhenInterrupted() throws Exception {
    Path workflows = Files.createDirectories(dir.resolve("project/.github/workflows"));
    Files.writeString(
        workflows.resolve("main.yml"),
        "name: Main branch\non:\n  push:\n    branches: [main]\njobs:\n  b:\n    runs-on: x\n"
            + "    steps:\n      - run: 'true'\n");
    Files.writeString(
        dir.resolve("release.chengis.yml"),
        "name: on-tags\non:\n  push:\n    tags: ['v*']\nstages:\n  - name: a\n    steps:\n"
            + "      - name: s\n        run: 'true'\n");
    Path secretFile = dir.resolve("github.secret");
    Files.writeString(secretFile, SECRET + "\n");
    Path db = dir.resolve("chengis.db");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving =
        Thread.ofVirtual()
            .start(
                () ->
                    exit.set(
                        Main.execute(
                            new PrintWriter(out),
                            new PrintWriter(err),
                            "serve",
                            dir.resolve("project").toString(),
                            dir.resolve("release.chengis.yml").toString(),
                            "--port",
                            "0",
                            "--webhook-secret-file",
                            "github=" + secretFile,
                            "--workspace",
                            dir.resolve("work").toString(),
                            "--db",
                            db.toString())));
    Pattern listening = Pattern.compile("listening on (http://\\S+/webhooks/)\\{github}");
    await().atMost(Duration.ofSeconds(60)).until(() -> listening.matcher(out.toString()).find());
    Matcher url = listening.matcher(out.toString());
    assertThat(url.find()).isTrue();
    assertThat(out.toString()).contains("for jobs main, on-tags");

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url.group(1) + "github"))
                    .header("X-GitHub-Event", "push")
                    .header("X-GitHub-Delivery", "serve-1")
                    .header("X-Hub-Signature-256", "sha256=" + hmac(PUSH))
                    .POST(HttpRequest.BodyPublishers.ofString(PUSH))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).contains("started main #1").doesNotContain("on-tags");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> err.toString().contains("github refs/heads/main: started main #1"));
    serving.interrupt();
    serving.join(Duration.ofSeconds(30));
    assertThat(serving.isAlive()).isFalse();
    try (SqlStores stores = SqlStores.sqlite(db)) {
      assertThat(stores.webhookDeliveries().find("github", "serve-1").orElseThrow().result())
          .contains("started main #1");
      assertThat(builds(stores, "main")).hasSize(1);
      assertThat(builds(stores, "on-tags")).isEmpty();
    }
  }

  /** Runs serve with these arguments and the test database; it must refuse to start. */
  private String refused(String... args) {
    StringWriter err = new StringWriter();
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("serve"));
    all.addAll(java.util.List.of(args));
    all.addAll(java.util.List.of("--db", dir.resolve("c.db").toString()));
    int code =
        Main.execute(
            new PrintWriter(new StringWriter()), new PrintWriter(err), all.toArray(String[]::new));
    assertThat(code).isEqualTo(2);
    return err.toString();
  }

  @Test
  void serve_withoutAnyWebhookSecret_refusesToStartAndSaysHow() throws Exception {
    Files.writeString(dir.resolve("chengis.yml"), PIPELINE);

    assertThat(refused(dir.toString()))
        .contains(
            "chengis serve: no webhook secret is configured, so every delivery would be refused;"
                + " give one per forge with --webhook-secret-env github=GITHUB_WEBHOOK_SECRET");
  }

  @Test
  void serve_directoryWithoutPipeline_refusesToStart() {
    assertThat(refused(dir.toString()))
        .contains("chengis serve: directory \"" + dir + "\" holds no pipeline");
  }

  @Test
  void serve_secretVariableNotSet_refusesToStartNamingIt() throws Exception {
    Files.writeString(dir.resolve("chengis.yml"), PIPELINE);

    assertThat(
            refused(
                dir.toString(), "--webhook-secret-env", "gitlab=CHENGIS_SURELY_UNSET_VARIABLE_42"))
        .contains(
            "chengis serve: the environment variable CHENGIS_SURELY_UNSET_VARIABLE_42 for the"
                + " gitlab webhook secret is not set; export it, or use --webhook-secret-file");
  }
}
