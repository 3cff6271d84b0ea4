package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
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

  @Test
  void acceptMasked_readsOfManyLines_arePublishedInOrderAndWhole() {
    List<String> expected = new ArrayList<>();
    for (int read = 0; read < 7; read++) {
      List<LogLine> lines = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        lines.add(out(read + "/" + i));
        expected.add(read + "/" + i);
      }
      log.acceptMasked(lines, false);
    }
    log.close();

    assertThat(texts()).isEqualTo(expected);
    assertThat(batches).allSatisfy(batch -> assertThat(batch).isNotEmpty());
  }

  @Test
  void close_batchWithALineTakenAsText_isNotVouchedForAsDecoded() {
    List<Boolean> vouched = new CopyOnWriteArrayList<>();
    StepLog decoded = new StepLog(masker, lines -> vouched.add(DecodedText.vouched()));
    decoded.acceptMasked(List.of(out("read from a pipe")), false);
    decoded.close();
    StepLog mixed = new StepLog(masker, lines -> vouched.add(DecodedText.vouched()));
    mixed.acceptMasked(List.of(out("read from a pipe")), false);
    mixed.accept(out("lone \ud83d surrogate from another executor"));
    mixed.close();

    assertThat(vouched).containsExactly(true, false);
  }

  /** What the step's log vouches for when it publishes: the weakest origin of any line. */
  private static List<String> origins(java.util.function.Consumer<StepLog> feed) {
    List<String> origins = new CopyOnWriteArrayList<>();
    SecretMasker secrets = new SecretMasker();
    secrets.register("pw-123");
    StepLog log =
        new StepLog(
            secrets, lines -> origins.add(DecodedText.vouched() + "/" + DecodedText.ascii()));
    feed.accept(log);
    log.close();
    return origins;
  }

  @Test
  void close_batchOfAsciiReads_isVouchedForAsAscii_untilOneLineIsNot() {
    assertThat(origins(log -> log.acceptMasked(List.of(out("plain")), true)))
        .containsExactly("true/true");
    assertThat(
            origins(
                log -> {
                  log.acceptMasked(List.of(out("plain")), true);
                  log.acceptMasked(List.of(out("caf\u00e9")), false);
                  log.acceptMasked(List.of(out("plain again")), true);
                }))
        .containsExactly("true/false");
  }

  @Test
  void accept_linesMaskedByTheLogItself_areAsciiOnlyWhenEveryCharacterIs() {
    assertThat(origins(log -> log.accept(out("token pw-123 is masked"))))
        .containsExactly("true/true");
    assertThat(
            origins(
                log -> {
                  log.accept(out("token pw-123 is masked"));
                  log.accept(out("\u4e2d\u6587"));
                }))
        .containsExactly("true/false");
  }
}
