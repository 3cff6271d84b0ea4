package io.chengis.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.spi.ArtifactInfo;
import io.chengis.api.spi.ArtifactRef;
import io.chengis.api.spi.ArtifactStore;
import io.chengis.api.spi.ArtifactUpload;
import io.chengis.engine.artifacts.LocalArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local content-addressed store passes the contract, stores identical files once and verifies
 * every read.
 */
class LocalArtifactStoreTest extends ArtifactStoreContract {
  @TempDir Path storeRoot;

  @Override
  protected ArtifactStore newStore() {
    return LocalArtifactStore.in(storeRoot.resolve("store-" + System.nanoTime()));
  }

  @Test
  void put_identicalContentUnderTwoPathsAndBuilds_isStoredOnce() throws IOException {
    LocalArtifactStore store = LocalArtifactStore.in(storeRoot.resolve("dedup"));
    Path file = Files.writeString(files.resolve("same.txt"), "identical bytes");
    ArtifactInfo one =
        store.put(
            new ArtifactUpload(
                new ArtifactRef(StoreFixtures.ACME, StoreFixtures.buildId(), "a/app.jar"), file));
    ArtifactInfo two =
        store.put(
            new ArtifactUpload(
                new ArtifactRef(StoreFixtures.ACME, StoreFixtures.buildId(), "b/copy.jar"), file));

    assertThat(two.sha256()).isEqualTo(one.sha256());
    try (Stream<Path> blobs = Files.walk(storeRoot.resolve("dedup/blobs"))) {
      assertThat(blobs.filter(Files::isRegularFile)).hasSize(1);
    }
  }

  @Test
  void open_corruptedBlob_failsNamingTheArtifactAndBothChecksums() throws IOException {
    LocalArtifactStore store = LocalArtifactStore.in(storeRoot.resolve("corrupt"));
    ArtifactRef ref = new ArtifactRef(StoreFixtures.ACME, StoreFixtures.buildId(), "report.txt");
    ArtifactInfo info =
        store.put(new ArtifactUpload(ref, Files.writeString(files.resolve("r.txt"), "original")));
    Files.writeString(store.blob(info.sha256()), "tampered");

    assertThatThrownBy(
            () -> {
              try (InputStream in = store.open(ref).orElseThrow()) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("artifact report.txt")
        .hasMessageContaining("does not match its SHA-256")
        .hasMessageContaining(info.sha256());
  }
}
