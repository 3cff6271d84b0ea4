package io.chengis.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.spi.CacheEntry;
import io.chengis.api.spi.CacheQuery;
import io.chengis.api.spi.CacheStore;
import io.chengis.api.spi.CacheUpload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol of {@link io.chengis.api.spi.CacheStore}, for every implementation: an exact key
 * wins over restore keys; otherwise the first restore key that matches anything selects its newest
 * entry; scopes never mix; entries are immutable (the first save of a key wins); an opened entry
 * comes back byte for byte; concurrent saves of one key leave one whole entry. Stores given to the
 * contract must be large enough for a few kilobytes.
 *
 * @since 0.1.0
 */
public abstract class CacheStoreContract {
  private CacheStore store;

  /** Where the contract writes the archives it saves. */
  @TempDir protected Path files;

  /** For subclasses, which supply the implementation under test. */
  protected CacheStoreContract() {}

  /**
   * A new, empty store.
   *
   * @return the store
   */
  protected abstract CacheStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private CacheEntry save(String scope, String key, String content) throws IOException {
    Path archive = Files.createTempFile(files, "archive", ".bin");
    Files.writeString(archive, content);
    return store.save(new CacheUpload(scope, key, archive));
  }

  private String read(CacheEntry entry) throws IOException {
    Optional<InputStream> in = store.open(entry);
    assertThat(in).as("entry %s", entry.key()).isPresent();
    try (InputStream stream = in.orElseThrow()) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private Optional<String> found(String scope, String key, String... restoreKeys) {
    return store.find(new CacheQuery(scope, key, List.of(restoreKeys))).map(CacheEntry::key);
  }

  @Test
  void save_thenFindTheExactKey_returnsTheEntryWithItsSizeAndContent() throws IOException {
    CacheEntry saved = save("job", "m2-abc", "archive bytes");

    CacheEntry found = store.find(new CacheQuery("job", "m2-abc", List.of())).orElseThrow();

    assertThat(found.key()).isEqualTo("m2-abc");
    assertThat(found.scope()).isEqualTo("job");
    assertThat(found.size()).isEqualTo(13).isEqualTo(saved.size());
    assertThat(read(found)).isEqualTo("archive bytes");
  }

  @Test
  void find_unknownKeyWithoutRestoreKeys_isEmpty() throws IOException {
    save("job", "m2-abc", "x");

    assertThat(found("job", "m2-abd")).isEmpty();
    assertThat(found("job", "m2-")).isEmpty();
  }

  @Test
  void find_exactKey_winsOverNewerPrefixMatches() throws IOException {
    save("job", "m2-a", "old");
    save("job", "m2-b", "newer");

    assertThat(found("job", "m2-a", "m2-")).contains("m2-a");
  }

  @Test
  void find_missWithRestoreKey_returnsTheNewestEntryStartingWithIt() throws IOException {
    save("job", "m2-1", "one");
    save("job", "m2-2", "two");
    save("job", "npm-3", "three");

    assertThat(found("job", "m2-9", "m2-")).contains("m2-2");
  }

  @Test
  void find_restoreKeys_areTriedInOrder() throws IOException {
    save("job", "m2-linux-1", "linux");
    save("job", "m2-mac-2", "mac, newer");

    assertThat(found("job", "m2-linux-9", "m2-linux-", "m2-")).contains("m2-linux-1");
    assertThat(found("job", "m2-win-9", "m2-win-", "m2-")).contains("m2-mac-2");
  }

  @Test
  void find_otherScope_neverMatches() throws IOException {
    save("api", "m2-1", "api's");

    assertThat(found("web", "m2-1", "m2-")).isEmpty();
    assertThat(found("api", "m2-1")).contains("m2-1");
  }

  @Test
  void save_existingKey_keepsTheFirstEntry() throws IOException {
    save("job", "k", "first");

    CacheEntry again = save("job", "k", "second, longer");

    assertThat(again.size()).isEqualTo(5);
    assertThat(read(store.find(new CacheQuery("job", "k", List.of())).orElseThrow()))
        .isEqualTo("first");
  }

  @Test
  void save_keysWithAnyCharacters_areKeptApart() throws IOException {
    save("job", "a/b", "slash");
    save("job", "a\\b", "backslash");
    save("job", "ключ ${{ x }}", "unicode");

    assertThat(read(store.find(new CacheQuery("job", "a/b", List.of())).orElseThrow()))
        .isEqualTo("slash");
    assertThat(read(store.find(new CacheQuery("job", "a\\b", List.of())).orElseThrow()))
        .isEqualTo("backslash");
    assertThat(read(store.find(new CacheQuery("job", "ключ ${{ x }}", List.of())).orElseThrow()))
        .isEqualTo("unicode");
  }

  @Test
  void save_concurrentlyUnderOneKey_leavesOneWholeEntry() throws Exception {
    List<Callable<CacheEntry>> savers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String content = String.valueOf((char) ('a' + i)).repeat(1000 + i);
      savers.add(() -> save("job", "race", content));
    }
    List<CacheEntry> results = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Future<CacheEntry> result : threads.invokeAll(savers)) {
        results.add(result.get());
      }
    }

    CacheEntry kept = store.find(new CacheQuery("job", "race", List.of())).orElseThrow();
    String content = read(kept);
    assertThat(content).hasSize((int) kept.size());
    assertThat(content.chars().distinct().count()).isEqualTo(1);
    assertThat(results).allSatisfy(result -> assertThat(result.size()).isEqualTo(kept.size()));
  }
}
