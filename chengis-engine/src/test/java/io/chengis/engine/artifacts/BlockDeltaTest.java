package io.chengis.engine.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildId;
import io.chengis.api.OrgId;
import io.chengis.api.spi.ArtifactInfo;
import io.chengis.api.spi.ArtifactRef;
import io.chengis.api.spi.ArtifactUpload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockDeltaTest {
  @TempDir Path temp;

  @Property(tries = 300)
  void encode_thenApply_rebuildsTheNewVersionExactly(
      @ForAll("contents") byte[] base,
      @ForAll @IntRange(min = 0, max = 40) int changes,
      @ForAll @IntRange(min = -5000, max = 5000) int growth,
      @ForAll long seed) {
    Random random = new Random(seed);
    int size = Math.max(0, base.length + growth);
    byte[] next = java.util.Arrays.copyOf(base, size);
    for (int i = 0; i < changes && size > 0; i++) {
      next[random.nextInt(size)] = (byte) random.nextInt();
    }
    Optional<byte[]> delta = BlockDelta.encode("a".repeat(64), base, next);

    delta.ifPresent(
        d -> {
          assertThat(BlockDelta.apply(base, d)).isEqualTo(next);
          assertThat(d.length).isLessThan((int) (next.length * 0.8));
          assertThat(BlockDelta.baseOf(d)).isEqualTo("a".repeat(64));
        });
  }

  @Provide
  Arbitrary<byte[]> contents() {
    return Arbitraries.integers()
        .between(0, 60_000)
        .map(
            length -> {
              byte[] bytes = new byte[length];
              new Random(length).nextBytes(bytes);
              return bytes;
            });
  }

  @Test
  void encode_oneChangedBlockOfMany_savesMoreThanTwentyPercent() {
    byte[] base = new byte[BlockDelta.BLOCK * 10];
    new Random(1).nextBytes(base);
    byte[] next = base.clone();
    next[BlockDelta.BLOCK * 3 + 7] ^= 1;

    assertThat(BlockDelta.encode("b".repeat(64), base, next))
        .hasValueSatisfying(d -> assertThat(d.length).isLessThan(BlockDelta.BLOCK + 200));
  }

  @Test
  void encode_everythingChanged_isNotWorthADelta() {
    byte[] base = new byte[BlockDelta.BLOCK * 4];
    byte[] next = new byte[BlockDelta.BLOCK * 4];
    new Random(2).nextBytes(next);

    assertThat(BlockDelta.encode("c".repeat(64), base, next)).isEmpty();
  }

  @Test
  void putRevision_smallChange_storesADeltaAndReadsBackExactly() throws IOException {
    LocalArtifactStore store = LocalArtifactStore.in(temp.resolve("store"));
    BuildId first = BuildId.generator(InstantSource.fixed(Instant.EPOCH)).next();
    BuildId second = BuildId.generator(InstantSource.fixed(Instant.EPOCH.plusSeconds(1))).next();
    byte[] v1 = new byte[BlockDelta.BLOCK * 50];
    new Random(3).nextBytes(v1);
    byte[] v2 = v1.clone();
    v2[100] ^= 1;
    ArtifactRef old = new ArtifactRef(OrgId.DEFAULT, first, "dist/app.bin");
    ArtifactRef now = new ArtifactRef(OrgId.DEFAULT, second, "dist/app.bin");
    store.put(new ArtifactUpload(old, Files.write(temp.resolve("v1"), v1)));

    ArtifactInfo info =
        store.putRevision(new ArtifactUpload(now, Files.write(temp.resolve("v2"), v2)), old);

    assertThat(store.blob(info.sha256())).doesNotExist();
    Path delta = store.blob(info.sha256()).resolveSibling(info.sha256() + ".delta");
    assertThat(Files.size(delta)).isLessThan(v2.length / 5);
    try (InputStream in = store.open(now).orElseThrow()) {
      assertThat(in.readAllBytes()).isEqualTo(v2);
    }
    assertThat(store.list(new io.chengis.api.spi.BuildRef(OrgId.DEFAULT, second)))
        .extracting(ArtifactInfo::size)
        .isEqualTo(List.of((long) v2.length));
  }
}
