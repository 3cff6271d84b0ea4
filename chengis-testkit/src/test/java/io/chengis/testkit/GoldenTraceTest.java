package io.chengis.testkit;

import static io.chengis.dsl.Conditions.onBranch;
import static io.chengis.dsl.Steps.shell;
import static io.chengis.testkit.TestBuild.as;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import io.chengis.engine.TriggerRequest;
import io.chengis.engine.memory.InMemoryAuditLog;
import io.chengis.engine.secrets.EnvSecretBackend;
import io.chengis.engine.secrets.SecretResolver;
import io.chengis.testkit.internal.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ChengisTest
class GoldenTraceTest {
  static final Pipeline RELEASE =
      Chengis.pipeline(
          "release",
          p ->
              p.env("APP", "shop")
                  .stage(
                      "build",
                      s ->
                          s.step(
                              "compile",
                              shell("./mvnw -B package"),
                              st -> st.env("MAVEN_OPTS", "-Xmx1g")))
                  .stage(
                      "publish",
                      s ->
                          s.step(
                              "upload",
                              shell("./upload.sh"),
                              st -> st.retry(r -> r.maxAttempts(3).backoff(ofSeconds(30)))))
                  .stage(
                      "deploy",
                      s ->
                          s.when(onBranch("main"))
                              .approval(a -> a.message("Ship to production?").approvers("alice"))
                              .step("ship", shell("./ship.sh prod")))
                  .stage("docs", s -> s.when(onBranch("docs/*")).step("site", shell("make site")))
                  .post(post -> post.always("notify", shell("./notify.sh"))));

  private static TestBuild release(TestEngine engine) {
    engine.fakes().step("compile").takes(ofMinutes(4)).prints("BUILD SUCCESS");
    engine.fakes().step("upload").takes(ofSeconds(20)).fails().then().succeeds();
    engine.fakes().step("ship").takes(ofMinutes(1));
    engine.fakes().command("./notify.sh").succeeds();
    return engine
        .start(RELEASE, TriggerRequest.manual().withBranch("main"))
        .approve("deploy", as("alice"))
        .await();
  }

  @Test
  void trace_release_matchesTheGoldenFile(TestEngine engine) {
    assertThat(release(engine).trace()).matchesGolden("golden/release.trace");
  }

  @Test
  void trace_goldenFileReformatted_stillMatches(TestEngine engine) {
    // The same golden content, re-indented with tabs and odd widths, with comments and blank lines.
    assertThat(release(engine).trace()).matchesGolden("golden/release-reformatted.trace");
  }

  @Test
  void trace_differentFromTheGoldenFile_failsWithADiffAndTheUpdateHint(
      TestEngine engine, @TempDir Path dir) throws IOException {
    Path golden = dir.resolve("changed.trace");
    Files.writeString(
        golden,
        Files.readString(Path.of("src/test/resources/golden/release.trace"))
            .replace("step ship: SUCCESS", "step ship: FAILURE"));
    Trace trace = release(engine).trace();

    assertThatThrownBy(() -> assertThat(trace).matchesGolden(golden))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("- step ship: FAILURE, exit 0")
        .hasMessageContaining("+ step ship: SUCCESS, exit 0")
        .hasMessageContaining("rerun with -Dchengis.testkit.updateGolden=true");
  }

  @Test
  void trace_missingGoldenFile_saysHowToCreateIt(TestEngine engine, @TempDir Path dir) {
    Trace trace = release(engine).trace();

    assertThatThrownBy(() -> assertThat(trace).matchesGolden(dir.resolve("new.trace")))
        .hasMessageContaining(
            "does not exist; create it by running the test once with"
                + " -Dchengis.testkit.updateGolden=true");
  }

  @Test
  void updateProperty_set_rewritesTheGoldenFile(TestEngine engine, @TempDir Path dir)
      throws IOException {
    Path golden = dir.resolve("rewritten.trace");
    Files.writeString(golden, "stale\n");
    Trace trace = release(engine).trace();

    System.setProperty(Golden.UPDATE, "true");
    try {
      assertThat(trace).matchesGolden(golden);
    } finally {
      System.clearProperty(Golden.UPDATE);
    }

    assertThat(Files.readString(golden)).isEqualTo(trace.text() + "\n");
    assertThat(trace).matchesGolden(golden);
  }

  @Test
  void trace_secretEnvironmentValue_neverAppears() {
    SecretResolver secrets =
        SecretResolver.builder()
            .backend(
                "env", EnvSecretBackend.of(Map.of("CHENGIS_SECRET_DEPLOY_TOKEN", "s3cr3t-value")))
            .auditLog(new InMemoryAuditLog())
            .clock(InstantSource.system())
            .build();
    Pipeline deploy =
        Chengis.pipeline(
            "deploy",
            p ->
                p.stage(
                    "ship",
                    s ->
                        s.step(
                            "push",
                            shell("./push.sh"),
                            st -> st.env("TOKEN", "${{ secrets.DEPLOY_TOKEN }}"))));
    try (TestEngine engine = TestEngine.builder().engine(e -> e.secrets(secrets)).build()) {
      engine.fakes().step("push").succeeds();

      TestBuild build = engine.run(deploy);

      assertThat(build).step("push").ranWithEnv("TOKEN", "s3cr3t-value");
      assertThat(build.trace()).containsLine("env TOKEN=***");
      assertThat(build.trace().text()).doesNotContain("s3cr3t-value");
    }
  }

  @Test
  void normalize_indentationBlanksAndComments_areIgnored() {
    assertThat(Golden.normalize(List.of("   env   TOKEN=***  ", "", "# a comment", "\tattempt 1")))
        .containsExactly("env TOKEN=***", "attempt 1");
  }
}
