package io.chengis.engine;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildEvent;
import io.chengis.api.Conclusion;
import io.chengis.api.OrgId;
import io.chengis.api.Pipeline;
import io.chengis.api.spi.ArtifactRecord;
import io.chengis.api.spi.ArtifactRef;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.PipelineSource;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.format.PipelineFormats;
import io.chengis.engine.artifacts.LocalArtifactStore;
import io.chengis.engine.memory.InMemoryArtifactCatalog;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artifacts on the real engine with real processes: collection after the stages (also after a
 * failure), SHA-256 and events, the catalog, deltas between builds of a job, refusals as warnings,
 * and GitHub's upload/download between jobs of one build.
 */
class ArtifactCollectionTest {
  @TempDir Path root;
  @TempDir Path storeRoot;
  EngineFixture fixture;
  final InMemoryArtifactCatalog catalog = new InMemoryArtifactCatalog();
  LocalArtifactStore store;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  EngineFixture engine(ChengisEngine.Builder builder) {
    store = LocalArtifactStore.in(storeRoot);
    fixture = new EngineFixture(root, builder.artifactStore(store).artifactCatalog(catalog));
    return fixture;
  }

  EngineFixture engine() {
    return engine(ChengisEngine.builder());
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  byte[] read(EngineFixture.Run run, String path) throws Exception {
    try (InputStream in =
        store.open(new ArtifactRef(OrgId.DEFAULT, run.handle().id(), path)).orElseThrow()) {
      return in.readAllBytes();
    }
  }

  @Test
  void declaredArtifacts_successfulBuild_storedWithShaEventsAndCatalog() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "app",
            p ->
                p.stage(
                        "build",
                        s ->
                            s.step(
                                "make",
                                shell(
                                    "mkdir -p out/sub && printf 'jar' > out/app.jar"
                                        + " && printf 'log' > out/sub/build.log"
                                        + " && printf 'src' > out/app-sources.jar")))
                    .artifacts(a -> a.glob("out/**").exclude("**/*-sources.jar")));

    EngineFixture.Run run = engine().run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.events(BuildEvent.ArtifactStored.class))
        .extracting(BuildEvent.ArtifactStored::path, BuildEvent.ArtifactStored::sha256)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("out/app.jar", sha256("jar".getBytes())),
            org.assertj.core.groups.Tuple.tuple("out/sub/build.log", sha256("log".getBytes())));
    assertThat(read(run, "out/app.jar")).isEqualTo("jar".getBytes());
    assertThat(catalog.list(new BuildRef(OrgId.DEFAULT, run.handle().id())))
        .extracting(ArtifactRecord::path, ArtifactRecord::size)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("out/app.jar", 3L),
            org.assertj.core.groups.Tuple.tuple("out/sub/build.log", 3L));
    // Stored before the build finished, so hosts see them with the result.
    assertThat(run.eventKinds()).endsWith("ArtifactStored", "ArtifactStored", "BuildFinished");
  }

  @Test
  void failedBuild_collectsByDefault_butNotOnlyOnSuccessDeclarations() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "failing",
            p ->
                p.stage(
                        "test",
                        s ->
                            s.step(
                                "run",
                                shell("printf 'r' > report.xml && printf 'j' > app.jar && exit 3")))
                    .artifacts("report.xml")
                    .artifacts(a -> a.glob("app.jar").onlyOnSuccess()));

    EngineFixture.Run run = engine().run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.events(BuildEvent.ArtifactStored.class))
        .extracting(BuildEvent.ArtifactStored::path)
        .containsExactly("report.xml");
  }

  @Test
  void failedBuild_engineSwitchedOff_collectsNothing() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "failing",
            p ->
                p.stage("test", s -> s.step("run", shell("printf 'r' > report.xml && exit 1")))
                    .artifacts("report.xml"));

    EngineFixture.Run run =
        engine(ChengisEngine.builder().collectArtifactsOnFailure(false)).run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.events(BuildEvent.ArtifactStored.class)).isEmpty();
  }

  @Test
  void linkOutsideTheWorkspace_refusedAsAWarning_buildKeepsItsConclusion() throws Exception {
    Path outside = Files.writeString(storeRoot.resolve("secret.txt"), "outside");
    Pipeline pipeline =
        Chengis.pipeline(
            "links",
            p ->
                p.stage("build", s -> s.step("link", shell("ln -s " + outside + " leak.txt")))
                    .artifacts("*.txt"));

    EngineFixture.Run run = engine().run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.events(BuildEvent.ArtifactStored.class)).isEmpty();
    assertThat(run.result().warnings())
        .singleElement()
        .asString()
        .contains("artifacts [*.txt] were not collected")
        .contains("\"leak.txt\" is a symbolic link to " + outside.toRealPath())
        .contains("outside the workspace");
    assertThat(run.events(BuildEvent.Warning.class)).hasSize(1);
  }

  @Test
  void secondBuildOfTheJob_mostlySameFile_storedAsADeltaAndReadBackExactly() throws Exception {
    // 64 blocks of 4 KiB; the second build changes one of them.
    String make =
        "head -c 262144 /dev/zero > big.bin"
            + " && if [ \"$PARAM_VARIANT\" = two ]; then printf 'CHANGED' |"
            + " dd of=big.bin bs=1 seek=8192 conv=notrunc 2>/dev/null; fi";
    Pipeline pipeline =
        Chengis.pipeline(
            "delta",
            p ->
                p.parameter(io.chengis.dsl.Parameters.text("variant").defaultValue("one"))
                    .stage("build", s -> s.step("make", shell(make)))
                    .artifacts("big.bin"));
    engine();

    EngineFixture.Run first = fixture.run(pipeline);
    EngineFixture.Run second =
        fixture.run(pipeline, TriggerRequest.manual().withParameter("variant", "two"));

    byte[] expected = Files.readAllBytes(root.resolve("delta").resolve("2").resolve("big.bin"));
    assertThat(first.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(read(second, "big.bin")).isEqualTo(expected);
    assertThat(second.events(BuildEvent.ArtifactStored.class).getFirst().sha256())
        .isEqualTo(sha256(expected));
    try (Stream<Path> files = Files.walk(storeRoot.resolve("blobs"))) {
      List<Path> deltas = files.filter(f -> f.toString().endsWith(".delta")).toList();
      assertThat(deltas).singleElement();
      assertThat(Files.size(deltas.getFirst())).isLessThan(expected.length / 10);
    }
  }

  @Test
  void githubUploadThenDownload_laterJobGetsTheFilesOfThatName() throws Exception {
    Pipeline pipeline =
        PipelineFormats.githubActions()
            .parse(
                new PipelineSource(
                    ".github/workflows/ci.yml",
                    """
                    on: push
                    env:
                      ART: app
                    jobs:
                      build:
                        runs-on: local
                        steps:
                          - run: mkdir -p dist/lib && echo app > dist/app.txt && echo lib > dist/lib/l.txt
                          - uses: actions/upload-artifact@v4
                            with:
                              name: ${{ env.ART }}
                              path: dist/
                          - run: rm -rf dist
                      test:
                        needs: build
                        runs-on: local
                        steps:
                          - uses: actions/download-artifact@v4
                            with:
                              name: app
                              path: restored
                          - id: show
                            run: cat restored/app.txt restored/lib/l.txt
                          - uses: actions/download-artifact@v4
                            with:
                              name: missing
                    """));

    EngineFixture.Run run = engine().run(pipeline);

    assertThat(run.events(BuildEvent.ArtifactStored.class))
        .extracting(BuildEvent.ArtifactStored::path)
        .containsExactlyInAnyOrder("app/app.txt", "app/lib/l.txt");
    assertThat(run.log("test", "show")).containsExactly("app", "lib");
    assertThat(run.log("test", "step-1"))
        .containsExactly("downloaded 2 files of artifact app into restored");
    assertThat(run.step("test", "step-3").conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.log("test", "step-3"))
        .singleElement()
        .asString()
        .contains("this build has no artifact named missing (uploaded so far: [app])");
  }
}
