package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LineCutterTest {

  /** The lines one splitter cuts from the whole output, decoded. */
  private static List<String> whole(byte[] output, int max) {
    List<String> lines = new ArrayList<>();
    LineSplitter splitter =
        new LineSplitter(
            max,
            (bytes, from, length) ->
                lines.add(new String(bytes, from, length, StandardCharsets.UTF_8)));
    splitter.write(output, 0, output.length);
    splitter.finish();
    return lines;
  }

  /**
   * Any output (terminators of every kind, split anywhere, lines over the limit), read in any
   * pieces, gathered into batches in any way: the cutter cuts the same lines as one splitter given
   * the whole output at once.
   */
  @Property(tries = 500)
  void cut_anyOutputAnyReadsAnyBatches_givesTheLinesOfOneSplitter(
      @ForAll("output") byte[] output,
      @ForAll @IntRange(min = 1, max = 40) int read,
      @ForAll @IntRange(min = 1, max = 5) int readsPerBatch,
      @ForAll @IntRange(min = 4, max = 50) int max) {
    LineCutter cutter = new LineCutter(max);
    List<String> cut = new ArrayList<>();
    CapturedOutput batch = new CapturedOutput();
    int reads = 0;
    for (int i = 0; i < output.length; i += read) {
      CapturedOutput one = new CapturedOutput();
      one.append(LogStream.STDOUT, Instant.EPOCH, output, i, Math.min(read, output.length - i));
      batch.appendAll(one);
      if (++reads % readsPerBatch == 0) {
        cutter.cut(batch).forEach(line -> cut.add(line.text()));
        batch.clear();
      }
    }
    cutter.cut(batch).forEach(line -> cut.add(line.text()));
    cutter.finish().forEach(line -> cut.add(line.text()));

    assertThat(cut).isEqualTo(whole(output, max));
  }

  @Test
  void cut_twoStreamsInOneBatch_keepsTheirLinesApartWithTheirReadTimes() {
    Instant first = Instant.parse("2026-11-27T10:00:00Z");
    Instant second = first.plusSeconds(1);
    CapturedOutput batch = new CapturedOutput();
    byte[] out = "out one\nout tw".getBytes(StandardCharsets.UTF_8);
    byte[] err = "err\n".getBytes(StandardCharsets.UTF_8);
    byte[] more = "o\n".getBytes(StandardCharsets.UTF_8);
    batch.append(LogStream.STDOUT, first, out, 0, out.length);
    batch.append(LogStream.STDERR, first, err, 0, err.length);
    batch.append(LogStream.STDOUT, second, more, 0, more.length);
    LineCutter cutter = new LineCutter(100);

    List<LogLine> lines = new ArrayList<>(cutter.cut(batch));
    lines.addAll(cutter.finish());

    assertThat(lines)
        .containsExactly(
            new LogLine(first, LogStream.STDOUT, "out one"),
            new LogLine(first, LogStream.STDERR, "err"),
            new LogLine(second, LogStream.STDOUT, "out two"));
  }

  @Provide
  Arbitrary<byte[]> output() {
    Arbitrary<byte[]> text =
        Arbitraries.strings()
            .withChars("ab \t\n\r\u00e9\u4e2d")
            .ofMaxLength(80)
            .map(t -> t.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofMaxSize(80);
    return Arbitraries.oneOf(text, any)
        .list()
        .ofMaxSize(5)
        .map(
            parts -> {
              ByteArrayOutputStream joined = new ByteArrayOutputStream();
              parts.forEach(joined::writeBytes);
              return joined.toByteArray();
            });
  }
}
