package io.chengis.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.BuildId;
import io.chengis.api.StoreException;
import io.chengis.api.spi.ArtifactInfo;
import io.chengis.api.spi.ArtifactRef;
import io.chengis.api.spi.ArtifactStore;
import io.chengis.api.spi.ArtifactUpload;
import io.chengis.api.spi.BuildRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol of {@link ArtifactStore}, for every implementation: a put file comes back byte for
 * byte with its size and SHA-256, putting a reference again replaces it, lists are per build and
 * organization in path order, an unknown artifact is empty, and a missing file is a {@link
 * StoreException} naming it.
 *
 * @since 0.1.0
 */
public abstract class ArtifactStoreContract {
  private ArtifactStore store;

  /** Where the contract writes the files it puts. */
  @TempDir protected Path files;

  /** For subclasses, which supply the implementation under test. */
  protected ArtifactStoreContract() {}

  /**
   * A new, empty store.
   *
   * @return the store
   */
  protected abstract ArtifactStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private Path file(String name, byte[] content) throws IOException {
    Path file = files.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    return file;
  }

  private Path file(String name, String content) throws IOException {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private static ArtifactRef ref(BuildId build, String path) {
    return new ArtifactRef(StoreFixtures.ACME, build, path);
  }

  private byte[] read(ArtifactRef ref) throws IOException {
    Optional<InputStream> in = store.open(ref);
    assertThat(in).as("artifact %s", ref.path()).isPresent();
    try (InputStream stream = in.orElseThrow()) {
      return stream.readAllBytes();
    }
  }

  @Test
  void put_file_returnsItsSizeAndSha256() throws IOException {
    ArtifactRef ref = ref(StoreFixtures.buildId(), "target/app.jar");

    ArtifactInfo info = store.put(new ArtifactUpload(ref, file("app.jar", "hello")));

    assertThat(info.ref()).isEqualTo(ref);
    assertThat(info.size()).isEqualTo(5);
    assertThat(info.sha256())
        .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  }

  @Test
  void open_afterPut_returnsTheSameBytes() throws IOException {
    byte[] content = new byte[200_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31);
    }
    ArtifactRef ref = ref(StoreFixtures.buildId(), "reports/data.bin");

    store.put(new ArtifactUpload(ref, file("data.bin", content)));

    assertThat(read(ref)).isEqualTo(content);
  }

  @Test
  void put_emptyFile_isKeptWithSizeZero() throws IOException {
    ArtifactRef ref = ref(StoreFixtures.buildId(), "empty.txt");

    ArtifactInfo info = store.put(new ArtifactUpload(ref, file("empty.txt", "")));

    assertThat(info.size()).isZero();
    assertThat(info.sha256())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(read(ref)).isEmpty();
  }

  @Test
  void open_unknownArtifact_isEmpty() {
    assertThat(store.open(ref(StoreFixtures.buildId(), "nothing.txt"))).isEmpty();
  }

  @Test
  void put_sameReferenceAgain_replacesTheContent() throws IOException {
    ArtifactRef ref = ref(StoreFixtures.buildId(), "out.txt");
    store.put(new ArtifactUpload(ref, file("v1.txt", "first")));

    ArtifactInfo second = store.put(new ArtifactUpload(ref, file("v2.txt", "second!")));

    assertThat(second.size()).isEqualTo(7);
    assertThat(new String(read(ref), StandardCharsets.UTF_8)).isEqualTo("second!");
    assertThat(store.list(new BuildRef(StoreFixtures.ACME, ref.buildId()))).hasSize(1);
  }

  @Test
  void put_fileChangedAfterwards_keepsWhatWasPut() throws IOException {
    ArtifactRef ref = ref(StoreFixtures.buildId(), "snapshot.txt");
    Path file = file("snapshot.txt", "as built");
    store.put(new ArtifactUpload(ref, file));

    Files.writeString(file, "changed later");

    assertThat(new String(read(ref), StandardCharsets.UTF_8)).isEqualTo("as built");
  }

  @Test
  void list_returnsOneBuildsArtifactsInPathOrder() throws IOException {
    BuildId build = StoreFixtures.buildId();
    BuildId other = StoreFixtures.buildId();
    for (String path : List.of("z/last.txt", "a/first.txt", "m/middle.txt")) {
      store.put(new ArtifactUpload(ref(build, path), file(path, path)));
    }
    store.put(new ArtifactUpload(ref(other, "a/other.txt"), file("other.txt", "x")));

    assertThat(store.list(new BuildRef(StoreFixtures.ACME, build)))
        .extracting(info -> info.ref().path())
        .containsExactly("a/first.txt", "m/middle.txt", "z/last.txt");
    assertThat(store.list(new BuildRef(StoreFixtures.ACME, StoreFixtures.buildId()))).isEmpty();
  }

  @Test
  void otherOrganization_seesNoArtifactsOfTheBuild() throws IOException {
    BuildId build = StoreFixtures.buildId();
    ArtifactRef ref = ref(build, "secret-report.txt");
    store.put(new ArtifactUpload(ref, file("r.txt", "acme only")));

    assertThat(store.list(new BuildRef(StoreFixtures.GLOBEX, build))).isEmpty();
    assertThat(store.open(new ArtifactRef(StoreFixtures.GLOBEX, build, ref.path()))).isEmpty();
  }

  @Test
  void put_missingFile_isAStoreExceptionNamingIt() {
    Path missing = files.resolve("never-written.jar");

    assertThatThrownBy(
            () -> store.put(new ArtifactUpload(ref(StoreFixtures.buildId(), "x.jar"), missing)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("never-written.jar");
  }

  @Test
  void put_manyArtifactsAtOnce_listsThemAll() throws Exception {
    BuildId build = StoreFixtures.buildId();
    List<Callable<ArtifactInfo>> tasks = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String path = String.format("parts/part-%02d.txt", i);
      paths.add(path);
      Path source = file(path, "part " + i);
      tasks.add(() -> store.put(new ArtifactUpload(ref(build, path), source)));
    }

    StoreFixtures.concurrently(tasks);

    assertThat(store.list(new BuildRef(StoreFixtures.ACME, build)))
        .extracting(info -> info.ref().path())
        .containsExactlyElementsOf(paths);
  }
}
