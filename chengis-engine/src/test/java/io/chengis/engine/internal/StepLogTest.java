package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.internal.lines.PackedLines;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class StepLogTest {
  private final SecretMasker masker = new SecretMasker();
  private final List<List<LogLine>> batches = new CopyOnWriteArrayList<>();
  private final StepLog log = new StepLog(masker, batches::add);

  private static LogLine out(String text) {
    return new LogLine(Instant.EPOCH, LogStream.STDOUT, text);
  }

  private List<String> texts() {
    return batches.stream().flatMap(List::stream).map(LogLine::text).toList();
  }

  @Test
  void accept_multiLineSecretAcrossLines_isMaskedAsOne() {
    masker.register("-----BEGIN KEY-----\nabc123\n-----END KEY-----");

    log.accept(out("key follows"));
    log.accept(out("-----BEGIN KEY-----"));
    log.accept(out("abc123"));
    log.accept(out("-----END KEY-----"));
    log.accept(out("done"));
    log.close();

    assertThat(texts()).containsExactly("key follows", "***", "done");
  }

  @Test
  void accept_fullBatch_isPublishedWithoutWaitingForTheEnd() {
    for (int i = 0; i < StepLog.BATCH_LINES; i++) {
      log.accept(out("line " + i));
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 1);
    assertThat(batches.get(0)).hasSize(StepLog.BATCH_LINES);
  }

  @Test
  void flush_publishesWhatWasCollected_andKeepsStreamsApart() {
    masker.register("pw-123");
    log.accept(out("pw-123 on stdout"));
    log.accept(new LogLine(Instant.EPOCH, LogStream.STDERR, "pw-123 on stderr"));
    log.close();

    assertThat(batches.stream().flatMap(List::stream))
        .extracting(line -> line.stream() + ":" + line.text())
        .containsExactlyInAnyOrder("STDOUT:*** on stdout", "STDERR:*** on stderr");
  }

  /** The masked output of one read, as the shell executor collects it: lines with line feeds. */
  private static CapturedOutput read(String output) {
    CapturedOutput read = new CapturedOutput();
    byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
    read.append(LogStream.STDOUT, Instant.EPOCH, bytes, 0, bytes.length);
    return read;
  }

  private static String lines(List<String> texts) {
    return String.join("\n", texts) + "\n";
  }

  @Test
  void acceptCaptured_readsOfManyLines_arePublishedInOrderAndWhole() {
    List<String> expected = new ArrayList<>();
    for (int read = 0; read < 7; read++) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        lines.add(read + "/" + i);
      }
      expected.addAll(lines);
      log.acceptCaptured(read(lines(lines)));
    }
    log.close();

    assertThat(texts()).isEqualTo(expected);
    assertThat(batches)
        .allSatisfy(batch -> assertThat(batch).isNotEmpty().isInstanceOf(PackedLines.class));
  }

  @Test
  void acceptCaptured_linesSplitAcrossReads_areCutWholeAndTheLastOneEndsWithTheStep() {
    log.acceptCaptured(read("first li"));
    log.acceptCaptured(read("ne\r\nsecond\r"));
    log.acceptCaptured(read("\nno line feed at the end"));
    log.close();

    assertThat(texts()).containsExactly("first line", "second", "no line feed at the end");
  }

  @Test
  void acceptCaptured_readThatFillsABatch_isQueuedAsItIsAndAnotherBufferIsHandedBack() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; texts.size() * 10 < StepLog.BATCH_BYTES; i++) {
      texts.add("line " + i);
    }
    CapturedOutput read = read(lines(texts));

    CapturedOutput next = log.acceptCaptured(read);
    log.close();

    // Another buffer, or this one once the writer has cut it and handed it back.
    assertThat(next.isEmpty()).isTrue();
    assertThat(batches).singleElement().isInstanceOf(PackedLines.class);
    assertThat(texts()).isEqualTo(texts);
  }

  @Test
  void acceptCaptured_smallRead_isCopiedAndItsBufferHandedBackEmpty() {
    CapturedOutput read = read("a\nb\n");

    CapturedOutput next = log.acceptCaptured(read);
    log.close();

    assertThat(next).isSameAs(read);
    assertThat(next.isEmpty()).isTrue();
    assertThat(texts()).containsExactly("a", "b");
  }

  @Test
  void accept_textAmongCapturedReads_keepsItsPlaceAndEveryCharacter() {
    String text = "lone \ud83d surrogate from another executor";

    log.acceptCaptured(read("read from a pipe\n"));
    log.accept(out(text));
    log.acceptCaptured(read("read again\n"));
    log.close();

    assertThat(texts()).containsExactly("read from a pipe", text, "read again");
    assertThat(batches)
        .extracting(batch -> batch instanceof PackedLines)
        .as("text taken as text is never packed: UTF-8 cannot carry an unpaired surrogate")
        .containsExactly(true, false, true);
  }

  @Test
  void accept_linesMaskedByTheLogItself_stayPackedBytes() {
    masker.register("pw-123");

    log.accept(out("token pw-123 is masked"));
    log.accept(out("\u4e2d\u6587"));
    log.close();

    assertThat(texts()).containsExactly("token *** is masked", "\u4e2d\u6587");
    assertThat(batches).singleElement().isInstanceOf(PackedLines.class);
  }

  @Test
  void flush_capturedOutput_publishesItsLinesBeforeTheStepEnds() {
    log.acceptCaptured(read("first\nsecond\nthird without end"));

    log.flush();

    await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 1);
    assertThat(texts()).containsExactly("first", "second");
  }
}
