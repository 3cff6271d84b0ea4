package io.chengis.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.StoreException;
import io.chengis.api.spi.CacheEntry;
import io.chengis.api.spi.CacheQuery;
import io.chengis.api.spi.CacheStore;
import io.chengis.api.spi.CacheUpload;
import io.chengis.engine.caches.LocalCacheStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local cache store passes the contract, survives a restart and evicts the least used. */
class LocalCacheStoreTest extends CacheStoreContract {
  @TempDir Path storeRoot;

  @Override
  protected CacheStore newStore() {
    return LocalCacheStore.in(storeRoot.resolve("store-" + System.nanoTime()), 1 << 20);
  }

  private CacheUpload upload(String key, int size) throws IOException {
    Path archive = Files.createTempFile(files, "archive", ".bin");
    Files.write(archive, new byte[size]);
    return new CacheUpload("job", key, archive);
  }

  @Test
  void save_overTheLimit_evictsTheLeastRecentlyUsed() throws IOException {
    LocalCacheStore store = LocalCacheStore.in(storeRoot.resolve("lru"), 300);
    CacheEntry a = store.save(upload("a", 100));
    store.save(upload("b", 100));
    store.save(upload("c", 100));
    try (InputStream used = store.open(a).orElseThrow()) {
      assertThat(used.readAllBytes()).hasSize(100);
    }

    store.save(upload("d", 100));

    assertThat(store.entries()).extracting(CacheEntry::key).containsExactly("c", "a", "d");
    assertThat(store.size()).isEqualTo(300);
    assertThat(store.find(new CacheQuery("job", "b", List.of()))).isEmpty();
  }

  @Test
  void reopened_keepsEntriesAndDropsLeftoverTemporaryFiles() throws IOException {
    Path root = storeRoot.resolve("restart");
    LocalCacheStore first = LocalCacheStore.in(root, 1000);
    first.save(upload("kept", 10));
    Files.writeString(root.resolve("tmp/torn.archive"), "half written");

    LocalCacheStore second = LocalCacheStore.in(root, 1000);

    assertThat(second.find(new CacheQuery("job", "kept", List.of()))).isPresent();
    assertThat(second.size()).isEqualTo(10);
    assertThat(root.resolve("tmp/torn.archive")).doesNotExist();
  }

  @Test
  void save_largerThanTheWholeLimit_isRefusedWithTheSizes() throws IOException {
    LocalCacheStore store = LocalCacheStore.in(storeRoot.resolve("small"), 50);
    CacheUpload big = upload("big", 51);

    assertThatThrownBy(() -> store.save(big))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("\"big\" is 51 bytes, more than the store's limit of 50 bytes");
    assertThat(store.entries()).isEmpty();
  }

  @Test
  void in_nonPositiveLimit_isRefused() {
    assertThatThrownBy(() -> LocalCacheStore.in(storeRoot, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive (was 0)");
  }
}
