package io.chengis.testkit.contract;

import static io.chengis.testkit.contract.StoreFixtures.ACME;
import static io.chengis.testkit.contract.StoreFixtures.GLOBEX;
import static io.chengis.testkit.contract.StoreFixtures.T0;
import static io.chengis.testkit.contract.StoreFixtures.buildRef;
import static io.chengis.testkit.contract.StoreFixtures.concurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.StoreException;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.LogChunk;
import io.chengis.api.spi.LogKey;
import io.chengis.api.spi.LogRead;
import io.chengis.api.spi.LogStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol of {@link LogStore}, for every implementation. */
public abstract class LogStoreContract {
  /** For subclasses, which supply the implementation under test. */
  protected LogStoreContract() {}

  private LogStore store;
  private final LogKey key = new LogKey(buildRef(ACME), "Build", "compile");

  /** A new, empty store. */
  protected abstract LogStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  static List<LogLine> lines(int from, int count) {
    return IntStream.range(from, from + count)
        .mapToObj(i -> new LogLine(T0.plusMillis(i), LogStream.STDOUT, "line " + i))
        .toList();
  }

  @Test
  void read_appendedChunks_returnsTheLinesInOrder() {
    store.append(new LogChunk(key, 0, lines(0, 3)));
    store.append(new LogChunk(key, 3, lines(3, 2)));

    assertThat(store.read(new LogRead(key, 0, 100))).isEqualTo(new LogChunk(key, 0, lines(0, 5)));
  }

  @Test
  void read_fromOffsetWithLimit_returnsThatWindow() {
    store.append(new LogChunk(key, 0, lines(0, 10)));

    assertThat(store.read(new LogRead(key, 4, 3))).isEqualTo(new LogChunk(key, 4, lines(4, 3)));
    assertThat(store.read(new LogRead(key, 8, 5))).isEqualTo(new LogChunk(key, 8, lines(8, 2)));
  }

  @Test
  void read_atOrPastTheEnd_returnsNoLinesAtTheOffset() {
    store.append(new LogChunk(key, 0, lines(0, 2)));

    assertThat(store.read(new LogRead(key, 2, 10))).isEqualTo(new LogChunk(key, 2, List.of()));
    assertThat(store.read(new LogRead(key, 7, 10))).isEqualTo(new LogChunk(key, 7, List.of()));
  }

  @Test
  void read_unknownLog_returnsNoLines() {
    assertThat(store.read(new LogRead(key, 0, 10)).lines()).isEmpty();
  }

  @Test
  void read_sameBuildIdInOtherOrganization_seesNoLines() {
    store.append(new LogChunk(key, 0, lines(0, 2)));
    LogKey foreign = new LogKey(new BuildRef(GLOBEX, key.build().buildId()), "Build", "compile");

    assertThat(store.read(new LogRead(foreign, 0, 10)).lines()).isEmpty();
  }

  @Test
  void read_otherStepOfTheBuild_seesOnlyItsOwnLines() {
    LogKey test = new LogKey(key.build(), "Build", "test");
    store.append(new LogChunk(key, 0, lines(0, 2)));
    store.append(new LogChunk(test, 0, lines(10, 1)));

    assertThat(store.read(new LogRead(test, 0, 10)).lines()).isEqualTo(lines(10, 1));
  }

  @Test
  void append_sameChunkAgain_isNoOp() {
    store.append(new LogChunk(key, 0, lines(0, 3)));
    store.append(new LogChunk(key, 3, lines(3, 3)));
    store.append(new LogChunk(key, 3, lines(3, 3)));
    store.append(new LogChunk(key, 0, lines(0, 3)));

    assertThat(store.read(new LogRead(key, 0, 100)).lines()).isEqualTo(lines(0, 6));
  }

  @Test
  void append_pastTheEnd_failsAndStoresNothing() {
    store.append(new LogChunk(key, 0, lines(0, 2)));

    assertThatThrownBy(() -> store.append(new LogChunk(key, 3, lines(3, 2))))
        .isInstanceOf(StoreException.class);
    assertThat(store.read(new LogRead(key, 0, 100)).lines()).isEqualTo(lines(0, 2));
  }

  @Test
  void read_whileOneWriterAppends_alwaysSeesAPrefixOfTheLog() throws Exception {
    List<LogLine> all = lines(0, 500);
    Callable<List<List<LogLine>>> writer =
        () -> {
          for (int offset = 0; offset < all.size(); offset += 10) {
            store.append(new LogChunk(key, offset, all.subList(offset, offset + 10)));
          }
          return List.of();
        };
    Callable<List<List<LogLine>>> reader =
        () -> {
          List<List<LogLine>> seen = new ArrayList<>();
          for (int i = 0; i < 200; i++) {
            seen.add(store.read(new LogRead(key, 0, 1000)).lines());
          }
          return seen;
        };

    List<List<List<LogLine>>> results = concurrently(List.of(writer, reader, reader));

    results.stream()
        .flatMap(List::stream)
        .forEach(seen -> assertThat(all.subList(0, seen.size())).isEqualTo(seen));
    assertThat(store.read(new LogRead(key, 0, 1000)).lines()).isEqualTo(all);
  }
}
