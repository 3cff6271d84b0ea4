package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.internal.lines.PackedLines;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LogWriterTest {
  private final List<String> published = new CopyOnWriteArrayList<>();

  private static List<LogLine> batch(String... texts) {
    return java.util.Arrays.stream(texts)
        .map(text -> new LogLine(Instant.EPOCH, LogStream.STDOUT, text))
        .toList();
  }

  @Test
  void close_afterManyBatches_hasPublishedEveryLineInOrder() {
    LogWriter writer =
        new LogWriter(
            LogWriter.VIRTUAL, lines -> lines.forEach(line -> published.add(line.text())));
    for (int i = 0; i < 1000; i++) {
      writer.put(batch("a" + i, "b" + i));
    }

    writer.close();

    assertThat(published).hasSize(2000).startsWith("a0", "b0").endsWith("a999", "b999");
  }

  @Test
  void put_slowPublisher_holdsThePutterOnlyOnceTheBufferIsFull() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch publishing = new CountDownLatch(1);
    LogWriter writer =
        new LogWriter(
            LogWriter.VIRTUAL,
            lines -> {
              publishing.countDown();
              try {
                release.await();
              } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
              }
              lines.forEach(line -> published.add(line.text()));
            },
            10);
    writer.put(batch("12345")); // taken by the writer, which then blocks in the store
    assertThat(publishing.await(10, TimeUnit.SECONDS)).isTrue();
    writer.put(batch("12345")); // 10 characters waiting: the buffer is full
    AtomicInteger queued = new AtomicInteger();
    CountDownLatch putterDone = new CountDownLatch(1);
    Thread putter =
        Thread.ofVirtual()
            .start(
                () -> {
                  writer.put(batch("x"));
                  queued.incrementAndGet();
                  putterDone.countDown();
                });

    assertThat(writer.hasRoomFor(1)).as("no room while the store is stuck").isFalse();
    await().atMost(Duration.ofSeconds(10)).until(() -> putter.getState() == Thread.State.WAITING);
    assertThat(queued).hasValue(0);

    release.countDown();
    assertThat(putterDone.await(10, TimeUnit.SECONDS)).isTrue();
    writer.close();

    assertThat(published).containsExactly("12345", "12345", "x");
  }

  @Test
  void close_publisherFailed_reportsTheFailureAfterPublishingTheRest() {
    LogWriter writer =
        new LogWriter(
            LogWriter.VIRTUAL,
            lines -> {
              if (lines.getFirst().text().equals("bad")) {
                throw new IllegalStateException("store down");
              }
              published.add(lines.getFirst().text());
            });
    writer.put(batch("bad"));
    writer.put(batch("good"));

    assertThatThrownBy(writer::close).hasMessage("store down");
    assertThat(published).containsExactly("good");
  }

  @Test
  void put_afterClose_isDropped() {
    LogWriter writer =
        new LogWriter(LogWriter.VIRTUAL, lines -> published.add(lines.getFirst().text()));
    writer.put(batch("in time"));
    writer.close();

    writer.put(batch("too late"));

    assertThat(published).containsExactly("in time");
  }

  @Test
  void put_madeBatch_isMadeOnTheWritersThreadInOrder_andAnEmptyOneIsNotPublished() {
    List<String> madeOn = new CopyOnWriteArrayList<>();
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    LogWriter writer =
        new LogWriter(
            LogWriter.VIRTUAL,
            lines -> {
              sizes.add(lines.size());
              lines.forEach(line -> published.add(line.text()));
            });

    writer.put(batch("first"));
    writer.put(
        5,
        () -> {
          madeOn.add(Thread.currentThread().getName());
          return batch("made");
        });
    writer.put(0, List::of);
    writer.put(batch("last"));
    writer.close();

    assertThat(published).containsExactly("first", "made", "last");
    assertThat(madeOn).containsExactly("chengis-log-writer");
    assertThat(sizes).as("nothing published for the empty batch").containsExactly(1, 1, 1);
  }

  @Test
  void put_packedLines_arePublishedAsTheSameListAndCountedByTheirBytes() {
    byte[] text = "caf\u00e9".getBytes(StandardCharsets.UTF_8);
    PackedLines packed =
        PackedLines.builder().add(text, 0, text.length, Instant.EPOCH, LogStream.STDOUT).build();
    List<List<LogLine>> got = new CopyOnWriteArrayList<>();
    LogWriter writer = new LogWriter(LogWriter.VIRTUAL, got::add);

    writer.put(packed);
    writer.close();

    assertThat(LogWriter.characters(packed)).as("its bytes, not its 4 characters").isEqualTo(5);
    assertThat(got).singleElement().isSameAs(packed);
  }
}
