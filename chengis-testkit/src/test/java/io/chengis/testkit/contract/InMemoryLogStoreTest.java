package io.chengis.testkit.contract;

import static io.chengis.testkit.contract.LogStoreContract.lines;
import static io.chengis.testkit.contract.StoreFixtures.ACME;
import static io.chengis.testkit.contract.StoreFixtures.buildRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.StoreException;
import io.chengis.api.spi.LogChunk;
import io.chengis.api.spi.LogKey;
import io.chengis.api.spi.LogRead;
import io.chengis.api.spi.LogStore;
import io.chengis.engine.memory.InMemoryLogStore;
import org.junit.jupiter.api.Test;

class InMemoryLogStoreTest extends LogStoreContract {
  @Override
  protected LogStore newStore() {
    return new InMemoryLogStore();
  }

  @Test
  void append_chunkOverlappingTheEnd_addsOnlyTheNewLines() {
    InMemoryLogStore store = new InMemoryLogStore();
    LogKey key = new LogKey(buildRef(ACME), "Build", "compile");
    store.append(new LogChunk(key, 0, lines(0, 4)));

    store.append(new LogChunk(key, 2, lines(2, 5)));

    assertThat(store.read(new LogRead(key, 0, 100)).lines()).isEqualTo(lines(0, 7));
  }

  @Test
  void append_gap_namesTheOffsetToAppendFrom() {
    InMemoryLogStore store = new InMemoryLogStore();
    LogKey key = new LogKey(buildRef(ACME), "Build", "compile");

    assertThatThrownBy(() -> store.append(new LogChunk(key, 5, lines(5, 1))))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(
            "would leave a gap (was offset 5, log ends at 0); append from offset 0");
  }
}
