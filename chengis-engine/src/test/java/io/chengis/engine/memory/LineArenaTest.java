package io.chengis.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.internal.lines.PackedLines;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LineArenaTest {

  private static List<LogLine> readBack(LineArena arena, long first, int count) {
    List<LogLine> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add(arena.get(first + i));
    }
    return lines;
  }

  @Property(tries = 200)
  void get_anyLines_areEqualToWhatWasAppended(@ForAll("chunks") List<List<LogLine>> chunks) {
    LineArena arena = new LineArena();
    List<Long> firsts = new ArrayList<>();
    for (List<LogLine> chunk : chunks) {
      firsts.add(arena.append(chunk));
    }

    for (int c = 0; c < chunks.size(); c++) {
      assertThat(readBack(arena, firsts.get(c), chunks.get(c).size())).isEqualTo(chunks.get(c));
    }
    assertThat(arena.size()).isEqualTo(chunks.stream().mapToLong(List::size).sum());
  }

  /** Packs lines as the engine does, as their UTF-8 bytes. */
  private static PackedLines pack(List<LogLine> lines) {
    PackedLines.Builder packed = PackedLines.builder();
    for (LogLine line : lines) {
      byte[] bytes = line.text().getBytes(StandardCharsets.UTF_8);
      packed.add(bytes, 0, bytes.length, line.timestamp(), line.stream());
    }
    return packed.build();
  }

  /** Packed lines of any bytes, malformed UTF-8 too, read back as the packed list reads them. */
  @Property(tries = 300)
  void get_packedLinesOfAnyBytes_areEqualToThePackedLines(@ForAll("outputs") List<byte[]> outputs) {
    PackedLines.Builder packed = PackedLines.builder();
    for (int i = 0; i < outputs.size(); i++) {
      byte[] output = outputs.get(i);
      packed.add(
          output,
          0,
          output.length,
          Instant.ofEpochSecond(1_700_000_000L + i, i),
          i % 2 == 0 ? LogStream.STDOUT : LogStream.STDERR);
    }
    PackedLines lines = packed.build();
    LineArena arena = new LineArena();

    long first = arena.append(lines);

    assertThat(readBack(arena, first, lines.size())).isEqualTo(lines);
  }

  @Property(tries = 200)
  void get_packedChunks_areEqualToWhatWasAppended(
      @ForAll("asciiChunks") List<List<LogLine>> chunks) {
    LineArena arena = new LineArena();
    List<Long> firsts = new ArrayList<>();
    for (List<LogLine> chunk : chunks) {
      firsts.add(arena.append(pack(chunk)));
    }

    for (int c = 0; c < chunks.size(); c++) {
      assertThat(readBack(arena, firsts.get(c), chunks.get(c).size())).isEqualTo(chunks.get(c));
    }
  }

  @Provide
  Arbitrary<List<List<LogLine>>> asciiChunks() {
    // Now and then a long line, so that lines also fill slabs and start new ones.
    Arbitrary<String> text =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(20, Arbitraries.strings().ascii().ofMaxLength(120)),
            net.jqwik.api.Tuple.of(
                1,
                Arbitraries.strings()
                    .ascii()
                    .ofMinLength(1)
                    .ofMaxLength(200)
                    .map(t -> t.repeat(2000))));
    Arbitrary<LogLine> line =
        Combinators.combine(
                Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L),
                Arbitraries.of(LogStream.class),
                text)
            .as((seconds, stream, t) -> new LogLine(Instant.ofEpochSecond(seconds), stream, t));
    return line.list().ofMaxSize(30).list().ofMaxSize(6);
  }

  @Test
  void append_packedLinesLargerThanASlabOrFarOff_areKeptAsTheyAre() {
    LineArena arena = new LineArena();
    List<LogLine> lines =
        List.of(
            new LogLine(Instant.EPOCH, LogStream.STDOUT, "x".repeat(LineArena.slabBytes() + 1)),
            new LogLine(Instant.EPOCH, LogStream.STDERR, "y".repeat(LineArena.slabBytes())),
            new LogLine(Instant.MAX, LogStream.STDOUT, "far future"));

    long first = arena.append(pack(lines));

    assertThat(readBack(arena, first, lines.size())).isEqualTo(lines);
  }

  @Test
  void append_loneSurrogateNotVouchedFor_isKeptExactly() {
    LineArena arena = new LineArena();
    List<LogLine> lines = List.of(new LogLine(Instant.EPOCH, LogStream.STDOUT, "lone \ud83d?"));

    long first = arena.append(lines);

    assertThat(readBack(arena, first, 1)).isEqualTo(lines);
  }

  @Provide
  Arbitrary<List<byte[]>> outputs() {
    Arbitrary<byte[]> ascii =
        Arbitraries.strings().ascii().ofMaxLength(120).map(t -> t.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> any =
        Arbitraries.bytes().array(byte[].class).ofMaxSize(120); // malformed UTF-8 too
    Arbitrary<byte[]> text =
        Arbitraries.strings()
            .withChars("abc ?\u00e9\u4e2d\ud83d\ude00")
            .ofMaxLength(60)
            .map(t -> t.getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(ascii, any, text).list().ofMaxSize(40);
  }

  @Test
  void append_moreThanOneSlabOfText_keepsEveryLine() {
    LineArena arena = new LineArena();
    List<LogLine> lines = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      lines.add(
          new LogLine(
              Instant.ofEpochSecond(1_700_000_000L + i, i),
              i % 3 == 0 ? LogStream.STDERR : LogStream.STDOUT,
              i + " " + "x".repeat(i % 200)));
    }
    long first = arena.append(lines);

    assertThat(readBack(arena, first, lines.size())).isEqualTo(lines);
  }

  @Test
  void append_linesThatDoNotPack_areKeptAsTheyAre() {
    LineArena arena = new LineArena();
    List<LogLine> odd =
        List.of(
            new LogLine(Instant.MAX, LogStream.STDOUT, "far future"),
            new LogLine(Instant.MIN, LogStream.STDERR, "far past"),
            new LogLine(Instant.EPOCH, LogStream.STDOUT, "y".repeat(LineArena.slabBytes() + 10)),
            new LogLine(Instant.ofEpochSecond(-5, 7), LogStream.STDOUT, "before 1970"),
            new LogLine(Instant.EPOCH, LogStream.STDOUT, "lone \ud83d surrogate?"),
            new LogLine(Instant.EPOCH, LogStream.STDOUT, "lone \ude00 too"),
            new LogLine(Instant.EPOCH, LogStream.STDOUT, "just a question?"));
    long first = arena.append(odd);

    assertThat(readBack(arena, first, odd.size())).isEqualTo(odd);
  }

  @Provide
  Arbitrary<List<List<LogLine>>> chunks() {
    Arbitrary<LogLine> line =
        Combinators.combine(
                Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.of(LogStream.class),
                Arbitraries.strings()
                    .withChars("abc xyz?\t\u00e9\u00fc\u4e2d\u6587\ud83d\ude00")
                    .ofMaxLength(120))
            .as(
                (seconds, nanos, stream, text) ->
                    new LogLine(Instant.ofEpochSecond(seconds, nanos), stream, text));
    return line.list().ofMaxSize(50).list().ofMaxSize(8);
  }
}
