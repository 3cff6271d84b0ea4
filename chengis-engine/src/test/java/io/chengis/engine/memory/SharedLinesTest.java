package io.chengis.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.EventId;
import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.OrgId;
import io.chengis.api.TimeOrderedIds;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.EventBatch;
import io.chengis.api.spi.EventReplay;
import io.chengis.api.spi.LogChunk;
import io.chengis.api.spi.LogKey;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The default event store keeps the lines of log batches once, in the in-memory log store. */
class SharedLinesTest {
  private final TimeOrderedIds<EventId> ids = EventId.generator(InstantSource.system());
  private final BuildId build = BuildId.generator(InstantSource.system()).next();
  private final LogKey key = new LogKey(new BuildRef(OrgId.DEFAULT, build), "s", "x");
  private final InMemoryLogStore logs = new InMemoryLogStore();
  private final InMemoryEventStore events = new InMemoryEventStore(logs);

  private static List<LogLine> lines(String prefix, int count) {
    List<LogLine> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add(new LogLine(Instant.ofEpochSecond(i), LogStream.STDOUT, prefix + i));
    }
    return lines;
  }

  private BuildEvent.LogBatch batch(List<LogLine> lines) {
    return new BuildEvent.LogBatch(ids.next(), build, Instant.EPOCH, "s", "x", lines);
  }

  private List<BuildEvent> replay() {
    return events.replay(new EventReplay(OrgId.DEFAULT, Optional.of(build), Optional.empty(), 100));
  }

  @Test
  void append_batchOfTheLinesTheLogStoreJustKept_isFoundThereAndReplaysEqual() {
    // As the engine does: the event shares the chunk's immutable list.
    LogChunk chunk = new LogChunk(key, 0, lines("a", 10));
    logs.append(chunk);
    BuildEvent.LogBatch batch = batch(chunk.lines());

    events.append(new EventBatch(OrgId.DEFAULT, List.of(batch)));

    assertThat(logs.find(batch.lines())).isGreaterThanOrEqualTo(0);
    assertThat(replay()).containsExactly(batch);
  }

  @Test
  void append_equalLinesThatAreOtherObjects_areKeptByTheEventStoreItself() {
    logs.append(new LogChunk(key, 0, lines("a", 10)));
    BuildEvent.LogBatch batch = batch(lines("a", 10));

    events.append(new EventBatch(OrgId.DEFAULT, List.of(batch)));

    assertThat(logs.find(batch.lines())).isEqualTo(-1);
    assertThat(replay()).containsExactly(batch);
  }

  @Test
  void append_linesTheLogStoreNeverSaw_areKeptByTheEventStoreItself() {
    BuildEvent.LogBatch batch = batch(lines("b", 3));

    events.append(new EventBatch(OrgId.DEFAULT, List.of(batch)));

    assertThat(replay()).containsExactly(batch);
  }

  @Test
  void append_manyChunksBeforeTheirEvents_olderOnesAreKeptByTheEventStore() {
    List<List<LogLine>> chunks = new ArrayList<>();
    long offset = 0;
    for (int c = 0; c < 40; c++) {
      LogChunk chunk = new LogChunk(key, offset, lines("c" + c + "-", 5));
      chunks.add(chunk.lines());
      logs.append(chunk);
      offset += chunk.lines().size();
    }
    List<BuildEvent> batches = new ArrayList<>();
    for (List<LogLine> chunk : chunks) {
      batches.add(batch(chunk));
    }

    events.append(new EventBatch(OrgId.DEFAULT, batches));

    assertThat(logs.find(chunks.getFirst())).as("too old to be remembered").isEqualTo(-1);
    assertThat(logs.find(chunks.getLast())).isGreaterThanOrEqualTo(0);
    assertThat(replay()).containsExactlyElementsOf(batches);
  }
}
