package io.chengis.engine;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildEvent;
import io.chengis.api.Conclusion;
import io.chengis.api.Outcome;
import io.chengis.api.Pipeline;
import io.chengis.api.Secret;
import io.chengis.api.spi.SecretScope;
import io.chengis.dsl.Chengis;
import io.chengis.engine.caches.LocalCacheStore;
import io.chengis.engine.memory.InMemoryAuditLog;
import io.chengis.engine.secrets.InMemorySecretVault;
import io.chengis.engine.secrets.LocalSecretBackend;
import io.chengis.engine.secrets.SecretCipher;
import io.chengis.engine.secrets.SecretResolver;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.InstantSource;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dependency caches and the stage-result cache on the real engine with real processes. */
class CachesTest {
  @TempDir Path root;
  @TempDir Path outside;
  private EngineFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static Pipeline dependencies(String lock, String buildCommand) {
    return Chengis.pipeline(
        "deps",
        p ->
            p.stage("prepare", s -> s.step("lock", shell("printf '" + lock + "' > lock.txt")))
                .stage(
                    "build",
                    s ->
                        s.cache(
                                c ->
                                    c.key("deps-${{ hashFiles('lock.txt') }}")
                                        .paths("deps")
                                        .restoreKeys("deps-"))
                            .step("fetch", shell(buildCommand))));
  }

  private static final String FETCH =
      "if [ -f deps/lib.txt ]; then echo reused; else echo downloading; mkdir -p deps/empty;"
          + " echo lib > deps/lib.txt; chmod 755 deps/lib.txt; ln -s lib.txt deps/link; fi";

  @Test
  void dependencyCache_secondBuildWithSameKey_restoresExactlyAndDoesNotSaveAgain()
      throws Exception {
    fixture = new EngineFixture(root);

    EngineFixture.Run first = fixture.run(dependencies("v1", FETCH));
    EngineFixture.Run second = fixture.run(dependencies("v1", FETCH));

    assertThat(first.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(first.log("build", "fetch")).contains("downloading");
    assertThat(first.log("build", "cache"))
        .anySatisfy(line -> assertThat(line).matches("cache \"deps-[0-9a-f]{64}\": miss.*"))
        .anySatisfy(line -> assertThat(line).contains("saved"));
    assertThat(second.log("build", "fetch")).containsExactly("reused");
    assertThat(second.log("build", "cache"))
        .singleElement()
        .satisfies(line -> assertThat(line).contains(": hit, restored"));
    Path deps = root.resolve("deps/2/deps");
    assertThat(deps.resolve("empty")).isEmptyDirectory();
    assertThat(Files.getPosixFilePermissions(deps.resolve("lib.txt")))
        .contains(PosixFilePermission.OWNER_EXECUTE);
    assertThat(Files.readSymbolicLink(deps.resolve("link"))).isEqualTo(Path.of("lib.txt"));
  }

  @Test
  void dependencyCache_newKey_restoresNewestPrefixMatchAndSavesUnderTheNewKey() throws Exception {
    fixture = new EngineFixture(root);
    fixture.run(dependencies("v1", FETCH));

    EngineFixture.Run changed = fixture.run(dependencies("v2", FETCH));
    EngineFixture.Run again = fixture.run(dependencies("v2", FETCH));

    assertThat(changed.log("build", "fetch")).containsExactly("reused");
    assertThat(changed.log("build", "cache"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches("cache \"deps-\\w+\": miss, restored from \"deps-\\w+\".*"))
        .anySatisfy(line -> assertThat(line).contains("saved"));
    assertThat(again.log("build", "cache"))
        .singleElement()
        .satisfies(line -> assertThat(line).contains(": hit"));
  }

  @Test
  void pipelineCache_spansTheBuild_restoredBeforeTheFirstStageAndSavedAfterTheLast()
      throws Exception {
    fixture = new EngineFixture(root);
    Pipeline pipeline =
        Chengis.pipeline(
            "whole",
            p ->
                p.cache(c -> c.key("tools-v1").paths("tools"))
                    .stage(
                        "first", s -> s.step("use", shell("cat tools/t 2>/dev/null || echo none")))
                    .stage(
                        "last",
                        s -> s.step("make", shell("mkdir -p tools && echo tool > tools/t"))));

    EngineFixture.Run first = fixture.run(pipeline);
    EngineFixture.Run second = fixture.run(pipeline);

    assertThat(first.log("first", "use")).containsExactly("none");
    assertThat(first.log("cache", "cache")).anySatisfy(line -> assertThat(line).contains("saved"));
    assertThat(second.log("first", "use")).containsExactly("tool");
    assertThat(second.log("cache", "cache"))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("\"tools-v1\": hit"));
  }

  @Test
  void githubActionsCache_isRestoredByTheEngine() throws Exception {
    fixture = new EngineFixture(root);
    Pipeline workflow =
        GithubWorkflowRunTest.workflow(
            """
            name: gha
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/cache@v4
                    with:
                      path: vendor
                      key: vendor-${{ hashFiles('*.lock') }}
                      restore-keys: vendor-
                  - run: "[ -f vendor/v ] && echo cached || (mkdir -p vendor && echo v > vendor/v && echo fresh)"
            """);

    EngineFixture.Run first = fixture.run(workflow);
    EngineFixture.Run second = fixture.run(workflow);

    String stage = first.result().stages().get(0).name();
    assertThat(first.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(second.events(BuildEvent.LogBatch.class))
        .flatMap(BuildEvent.LogBatch::lines)
        .extracting(io.chengis.api.LogLine::text)
        .contains("cached")
        .doesNotContain("fresh");
    assertThat(second.log(stage, "cache")).anySatisfy(line -> assertThat(line).contains(": hit"));
  }

  @Test
  void dependencyCache_failedStage_isNotSaved() throws Exception {
    fixture = new EngineFixture(root);

    EngineFixture.Run failed =
        fixture.run(dependencies("v1", "mkdir -p deps && echo half > deps/lib.txt && exit 3"));
    EngineFixture.Run next = fixture.run(dependencies("v1", FETCH));

    assertThat(failed.result().conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(failed.log("build", "cache"))
        .anySatisfy(line -> assertThat(line).contains("not saved, the stage did not succeed"));
    assertThat(next.log("build", "fetch")).contains("downloading");
  }

  @Test
  void dependencyCache_linkLeavingTheWorkspace_isAWarningAndTheBuildSucceeds() throws Exception {
    fixture = new EngineFixture(root);
    Pipeline escaping =
        Chengis.pipeline(
            "escape",
            p ->
                p.stage(
                    "build",
                    s -> s.cache("k", "deps").step("work", shell("ln -s '" + outside + "' deps"))));

    EngineFixture.Run run = fixture.run(escaping);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.events(BuildEvent.Warning.class))
        .anySatisfy(
            warning ->
                assertThat(warning.message())
                    .contains("cache \"k\": saving failed")
                    .contains("outside the workspace"));
  }

  @Test
  void dependencyCache_hostStore_isUsedAndBounded() throws Exception {
    LocalCacheStore store = LocalCacheStore.in(outside.resolve("caches"), 1 << 20);
    fixture = new EngineFixture(root, ChengisEngine.builder().caches(store));

    fixture.run(dependencies("v1", FETCH));

    assertThat(store.entries())
        .singleElement()
        .satisfies(e -> assertThat(e.scope()).isEqualTo("deps"));
    assertThat(root.resolve(".chengis/caches")).doesNotExist();
  }

  private Pipeline compiled(String source) {
    Path counter = outside.resolve("runs.txt");
    return Chengis.pipeline(
        "app",
        p ->
            p.env("COUNTER", counter.toString())
                .stage(
                    "prepare",
                    s ->
                        s.env("SOURCE", source)
                            .step("write", shell("mkdir -p src && printf \"$SOURCE\" > src/a.txt")))
                .stage(
                    "compile",
                    s ->
                        s.cacheResult(r -> r.inputs("src/**").outputs("out"))
                            .step(
                                "javac",
                                shell(
                                    "echo run >> \"$COUNTER\"; mkdir -p out;"
                                        + " cp src/a.txt out/app.txt;"
                                        + " echo version=1.2 >> \"$CHENGIS_OUTPUT\"")))
                .stage(
                    "verify",
                    s ->
                        s.step(
                            "check",
                            shell(
                                "cat out/app.txt; echo; echo 'v${{ stages.compile.outputs.version }}'"))));
  }

  @Test
  void resultCache_sameInputs_secondBuildDoesNotRunAndRestoresOutputsAndFiles() throws Exception {
    fixture = new EngineFixture(root);

    EngineFixture.Run first = fixture.run(compiled("alpha"));
    EngineFixture.Run second = fixture.run(compiled("alpha"));

    assertThat(Files.readAllLines(outside.resolve("runs.txt"))).containsExactly("run");
    assertThat(first.stage("compile").reason()).isEmpty();
    assertThat(second.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(second.stage("compile").outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(second.stage("compile").reason())
        .contains("cached from build " + first.handle().id() + " (#1)");
    assertThat(second.stage("compile").outputs()).containsEntry("version", "1.2");
    assertThat(second.step("compile", "javac").outputs()).containsEntry("version", "1.2");
    assertThat(second.log("compile", "javac")).isEmpty();
    assertThat(second.log("verify", "check")).containsExactly("alpha", "v1.2");
    assertThat(second.log("compile", "cache"))
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith("result cache: hit"));
  }

  @Test
  void resultCache_engineWithDetailsUrl_linksTheProducingBuild() throws Exception {
    fixture =
        new EngineFixture(
            root, ChengisEngine.builder().detailsUrl("https://ci.example.com/{job}/{number}"));

    fixture.run(compiled("alpha"));
    EngineFixture.Run second = fixture.run(compiled("alpha"));

    assertThat(second.stage("compile").reason())
        .hasValueSatisfying(
            reason -> assertThat(reason).endsWith(", https://ci.example.com/app/1"));
  }

  @Test
  void resultCache_changedInput_runsTheStageAgain() throws Exception {
    fixture = new EngineFixture(root);

    fixture.run(compiled("alpha"));
    EngineFixture.Run changed = fixture.run(compiled("beta"));

    assertThat(Files.readAllLines(outside.resolve("runs.txt"))).containsExactly("run", "run");
    assertThat(changed.stage("compile").reason()).isEmpty();
    assertThat(changed.log("verify", "check")).containsExactly("beta", "v1.2");
  }

  @Test
  void resultCache_differentCommit_runsTheStageAgain() throws Exception {
    fixture = new EngineFixture(root);

    fixture.run(compiled("alpha"), TriggerRequest.manual().withCommit("a".repeat(40)));
    fixture.run(compiled("alpha"), TriggerRequest.manual().withCommit("b".repeat(40)));
    EngineFixture.Run same =
        fixture.run(compiled("alpha"), TriggerRequest.manual().withCommit("b".repeat(40)));

    assertThat(Files.readAllLines(outside.resolve("runs.txt"))).containsExactly("run", "run");
    assertThat(same.stage("compile").reason())
        .hasValueSatisfying(r -> assertThat(r).contains("#2"));
  }

  @Test
  void resultCache_failedStage_isNotCached() throws Exception {
    fixture = new EngineFixture(root);
    Pipeline failing =
        Chengis.pipeline(
            "flaky",
            p ->
                p.stage(
                    "compile",
                    s ->
                        s.cacheResult(r -> r.outputs("out"))
                            .step(
                                "javac",
                                shell(
                                    "echo run >> '" + outside.resolve("runs.txt") + "'; exit 1"))));

    fixture.run(failing);
    EngineFixture.Run second = fixture.run(failing);

    assertThat(second.result().conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(Files.readAllLines(outside.resolve("runs.txt"))).containsExactly("run", "run");
  }

  @Test
  void resultCache_secretValueChange_keepsTheFingerprintAndTheSecretIsStoredNowhere()
      throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "secretive",
            p ->
                p.stage(
                    "compile",
                    s ->
                        s.env("TOKEN", "${{ secrets.DEPLOY_TOKEN }}")
                            .cacheResult(r -> r.outputs("out"))
                            .step(
                                "javac",
                                shell(
                                    "echo run >> '"
                                        + outside.resolve("runs.txt")
                                        + "'; mkdir out; echo built > out/app;"
                                        + " echo \"echoed=$TOKEN\" >> \"$CHENGIS_OUTPUT\""))));
    Path caches = outside.resolve("caches");
    try (EngineFixture one =
        new EngineFixture(
            root.resolve("one"),
            ChengisEngine.builder()
                .caches(LocalCacheStore.in(caches, 1 << 20))
                .secrets(secrets("tok-first-9f2"))); ) {
      one.run(pipeline);
    }
    fixture =
        new EngineFixture(
            root.resolve("two"),
            ChengisEngine.builder()
                .caches(LocalCacheStore.in(caches, 1 << 20))
                .secrets(secrets("tok-second-7c1")));

    EngineFixture.Run second = fixture.run(pipeline);

    assertThat(Files.readAllLines(outside.resolve("runs.txt"))).containsExactly("run");
    assertThat(second.stage("compile").reason())
        .hasValueSatisfying(r -> assertThat(r).startsWith("cached from build"));
    assertThat(second.stage("compile").outputs()).doesNotContainValue("tok-first-9f2");
    try (var files = Files.walk(caches)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        byte[] raw = Files.readAllBytes(file);
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("tok-first-9f2");
        try (var gzip = new GZIPInputStream(new ByteArrayInputStream(raw))) {
          assertThat(new String(gzip.readAllBytes(), StandardCharsets.ISO_8859_1))
              .doesNotContain("tok-first-9f2");
        } catch (ZipException notGzip) {
          // a .properties description: checked above
        }
      }
    }
  }

  private static SecretResolver secrets(String token) {
    LocalSecretBackend local =
        LocalSecretBackend.of(
            SecretCipher.of("k1", Secret.of(Base64.getEncoder().encodeToString(new byte[32]))),
            new InMemorySecretVault());
    local.put(new SecretScope.Global(), "DEPLOY_TOKEN", Secret.of(token));
    return SecretResolver.builder()
        .backend("local", local)
        .auditLog(new InMemoryAuditLog())
        .clock(InstantSource.system())
        .build();
  }
}
