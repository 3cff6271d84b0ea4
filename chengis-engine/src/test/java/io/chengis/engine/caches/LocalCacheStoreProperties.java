package io.chengis.engine.caches;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.spi.CacheEntry;
import io.chengis.api.spi.CacheQuery;
import io.chengis.api.spi.CacheUpload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the local cache store against a reference model. */
class LocalCacheStoreProperties {

  /** One operation: save a key with a size, or open (use) a key. */
  record Op(boolean save, String key, int size) {}

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<String> keys = Arbitraries.of("a", "b", "c", "d", "e", "f");
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.of(true, true, false), keys, Arbitraries.integers().between(0, 120))
            .as(Op::new);
    return op.list().ofMaxSize(40);
  }

  @Property(tries = 150)
  void sizeNeverExceedsTheLimit_andTheLeastRecentlyUsedGoFirst(
      @ForAll("operations") List<Op> ops, @ForAll @IntRange(min = 1, max = 300) int limit)
      throws IOException {
    Path root = Files.createTempDirectory("cache-lru");
    try {
      LocalCacheStore store = LocalCacheStore.in(root, limit);
      // The model: key -> size, in use order (least recent first).
      LinkedHashMap<String, Integer> model = new LinkedHashMap<>();
      for (Op op : ops) {
        if (op.save()) {
          Path archive = Files.write(root.resolve("upload"), new byte[op.size()]);
          if (op.size() > limit) {
            continue; // refused, see LocalCacheStoreTest
          }
          store.save(new CacheUpload("job", op.key(), archive));
          if (!model.containsKey(op.key())) {
            model.put(op.key(), op.size());
            while (model.values().stream().mapToLong(Integer::longValue).sum() > limit) {
              String oldest = model.keySet().iterator().next();
              model.remove(oldest);
            }
          }
        } else {
          Optional<CacheEntry> found = store.find(new CacheQuery("job", op.key(), List.of()));
          if (found.isPresent()) {
            try (InputStream in = store.open(found.get()).orElseThrow()) {
              assertThat(in.readAllBytes()).hasSize((int) found.get().size());
            }
            Integer size = model.remove(op.key());
            model.put(op.key(), size);
          }
        }
        assertThat(store.size()).isLessThanOrEqualTo(limit);
        assertThat(store.entries())
            .extracting(CacheEntry::key)
            .containsExactlyElementsOf(model.keySet());
      }
    } finally {
      delete(root);
    }
  }

  @Provide
  Arbitrary<List<String>> savedKeys() {
    return Arbitraries.strings()
        .withChars("ab-")
        .ofMinLength(1)
        .ofMaxLength(4)
        .list()
        .ofMaxSize(12);
  }

  @Provide
  Arbitrary<String> key() {
    return Arbitraries.strings().withChars("ab-").ofMinLength(1).ofMaxLength(4);
  }

  @Provide
  Arbitrary<List<String>> prefixes() {
    return Arbitraries.strings().withChars("ab-").ofMaxLength(3).list().ofMaxSize(3);
  }

  @Property(tries = 200)
  void restoreKeyChoice_isTheExactKeyElseTheNewestMatchOfTheFirstPrefixThatMatches(
      @ForAll("savedKeys") List<String> saved,
      @ForAll("key") String key,
      @ForAll("prefixes") List<String> restoreKeys)
      throws IOException {
    Path root = Files.createTempDirectory("cache-prefix");
    AtomicLong second = new AtomicLong();
    // Several saves share an instant: the newer save still wins.
    InstantSource clock = () -> Instant.ofEpochSecond(second.incrementAndGet() / 2);
    try {
      LocalCacheStore store = LocalCacheStore.in(root, 1 << 20, clock);
      List<String> order = new ArrayList<>();
      for (String k : saved) {
        store.save(new CacheUpload("job", k, Files.writeString(root.resolve("upload"), k)));
        if (!order.contains(k)) {
          order.add(k);
        }
      }

      Optional<String> expected =
          order.contains(key)
              ? Optional.of(key)
              : restoreKeys.stream()
                  .map(prefix -> newest(order, prefix))
                  .flatMap(Optional::stream)
                  .findFirst();
      assertThat(store.find(new CacheQuery("job", key, restoreKeys)).map(CacheEntry::key))
          .isEqualTo(expected);
    } finally {
      delete(root);
    }
  }

  private static Optional<String> newest(List<String> order, String prefix) {
    Optional<String> newest = Optional.empty();
    for (String k : order) {
      if (k.startsWith(prefix)) {
        newest = Optional.of(k);
      }
    }
    return newest;
  }

  static void delete(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
