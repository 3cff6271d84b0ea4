package io.chengis.api.internal.lines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildId;
import io.chengis.api.EventId;
import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.OrgId;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.LogChunk;
import io.chengis.api.spi.LogKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PackedLinesTest {

  private static final Instant AT = Instant.parse("2026-11-27T10:15:30.123456789Z");

  /** The lines as objects, decoded as {@code new String(bytes, UTF_8)} decodes them. */
  private static List<LogLine> decoded(List<byte[]> texts, int firstIndex) {
    List<LogLine> lines = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      lines.add(
          new LogLine(
              AT.plusNanos(firstIndex + i),
              stream(firstIndex + i),
              new String(texts.get(i), StandardCharsets.UTF_8)));
    }
    return lines;
  }

  private static LogStream stream(int index) {
    return index % 3 == 0 ? LogStream.STDERR : LogStream.STDOUT;
  }

  /** Adds each text from the middle of a larger array, as the engine adds a line of a read. */
  private static PackedLines.Builder addAll(
      PackedLines.Builder builder, List<byte[]> texts, int firstIndex) {
    for (int i = 0; i < texts.size(); i++) {
      byte[] text = texts.get(i);
      byte[] read = new byte[text.length + 7];
      System.arraycopy(text, 0, read, 3, text.length);
      builder.add(read, 3, text.length, AT.plusNanos(firstIndex + i), stream(firstIndex + i));
    }
    return builder;
  }

  /**
   * Any bytes, malformed UTF-8 included, and a builder used for several lists: each list equals,
   * and hashes as, the same lines made as objects, and knows its bytes without making them.
   */
  @Property(tries = 300)
  void build_anyBytes_equalsTheDecodedLines(
      @ForAll("texts") List<byte[]> first, @ForAll("texts") List<byte[]> second) {
    PackedLines.Builder builder = PackedLines.builder();

    PackedLines one = addAll(builder, first, 0).build();
    assertThat(builder.size()).as("empty again after build").isZero();
    assertThat(builder.textBytes()).isZero();
    PackedLines two = addAll(builder, second, first.size()).build();

    for (var pair : List.of(List.of(one, first, 0), List.of(two, second, first.size()))) {
      PackedLines packed = (PackedLines) pair.get(0);
      @SuppressWarnings("unchecked")
      List<byte[]> texts = (List<byte[]>) pair.get(1);
      List<LogLine> expected = decoded(texts, (int) pair.get(2));
      assertThat(packed).isEqualTo(expected).hasSameHashCodeAs(expected);
      assertThat(expected).isEqualTo(packed);
      assertThat(packed.textBytes()).isEqualTo(texts.stream().mapToInt(t -> t.length).sum());
      java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
      texts.stream().skip(1).forEach(joined::writeBytes);
      byte[] allButFirst = new byte[joined.size() + 1];
      packed.copyText(Math.min(1, texts.size()), texts.size(), allButFirst, 1);
      assertThat(java.util.Arrays.copyOfRange(allButFirst, 1, allButFirst.length))
          .as("the bytes of lines 1.. copied at once")
          .isEqualTo(joined.toByteArray());
      for (int i = 0; i < texts.size(); i++) {
        assertThat(packed.textLength(i)).isEqualTo(texts.get(i).length);
        byte[] copy = new byte[texts.get(i).length + 2];
        packed.copyText(i, i + 1, copy, 1);
        assertThat(java.util.Arrays.copyOfRange(copy, 1, copy.length - 1)).isEqualTo(texts.get(i));
        assertThat(packed.timestamp(i)).isEqualTo(expected.get(i).timestamp());
        assertThat(packed.stream(i)).isEqualTo(expected.get(i).stream());
      }
    }
  }

  @Test
  void build_laterAdds_doNotChangeABuiltList() {
    PackedLines.Builder builder = PackedLines.builder();
    byte[] text = "first".getBytes(StandardCharsets.US_ASCII);
    PackedLines built = builder.add(text, 0, text.length, AT, LogStream.STDOUT).build();

    byte[] more = "x".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 100; i++) {
      builder.add(more, 0, more.length, AT, LogStream.STDERR);
    }

    assertThat(built).containsExactly(new LogLine(AT, LogStream.STDOUT, "first"));
    assertThat(builder.build()).hasSize(100);
  }

  @Test
  void packedLines_cannotBeChanged() {
    byte[] text = "line".getBytes(StandardCharsets.US_ASCII);
    PackedLines lines = PackedLines.builder().add(text, 0, 4, AT, LogStream.STDOUT).build();

    assertThatThrownBy(() -> lines.add(new LogLine(AT, LogStream.STDOUT, "more")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> lines.set(0, new LogLine(AT, LogStream.STDOUT, "other")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> lines.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void add_rangeOutsideTheArray_isRefused() {
    PackedLines.Builder builder = PackedLines.builder();

    assertThatThrownBy(() -> builder.add(new byte[4], 2, 3, AT, LogStream.STDOUT))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(builder.size()).isZero();
  }

  /** Records keep packed lines as they are: copying would make every line an object. */
  @Test
  void logChunkAndLogBatch_keepPackedLinesWithoutACopy() {
    byte[] text = "line".getBytes(StandardCharsets.US_ASCII);
    PackedLines lines = PackedLines.builder().add(text, 0, 4, AT, LogStream.STDOUT).build();
    BuildId build = BuildId.of("01ARZ3NDEKTSV4RRFFQ69G5FAV");
    LogChunk chunk =
        new LogChunk(new LogKey(new BuildRef(OrgId.DEFAULT, build), "s", "t"), 0, lines);
    BuildEvent.LogBatch batch =
        new BuildEvent.LogBatch(
            EventId.of("01BX5ZZKBKACTAV9WEVGEMMVS0"), build, AT, "s", "t", chunk.lines());

    assertThat(chunk.lines()).isSameAs(lines);
    assertThat(batch.lines()).isSameAs(lines);
  }

  @Provide
  Arbitrary<List<byte[]>> texts() {
    Arbitrary<byte[]> ascii =
        Arbitraries.strings().ascii().ofMaxLength(80).map(t -> t.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> text =
        Arbitraries.strings()
            .withChars("a \u00e9\u20ac\u4e2d\ud83d\ude00\ufffd")
            .ofMaxLength(40)
            .map(t -> t.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofMaxSize(60);
    return Arbitraries.oneOf(ascii, text, any).list().ofMaxSize(300);
  }
}
