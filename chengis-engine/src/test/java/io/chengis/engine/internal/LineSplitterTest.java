package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

  private static List<String> split(int max, String... chunks) {
    List<String> lines = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(max, decoding(lines));
    for (String chunk : chunks) {
      byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
      splitter.write(bytes, 0, bytes.length);
    }
    splitter.finish();
    return lines;
  }

  /** The rules written out plainly: one character at a time. */
  private static List<String> reference(String text, int max) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    boolean afterCr = false;
    for (char c : text.toCharArray()) {
      if (c == '\n') {
        if (!afterCr) {
          lines.add(line.toString());
          line.setLength(0);
        }
        afterCr = false;
      } else if (c == '\r') {
        lines.add(line.toString());
        line.setLength(0);
        afterCr = true;
      } else {
        afterCr = false;
        line.append(c);
        if (line.length() >= max) {
          lines.add(line.toString());
          line.setLength(0);
        }
      }
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }

  @Test
  void feed_allTerminators_endLinesOnce() {
    assertThat(split(100, "a\nb\r\nc\rd", "\n\ne")).containsExactly("a", "b", "c", "d", "", "e");
  }

  @Test
  void feed_lineLongerThanTheLimit_isCutIntoPieces() {
    assertThat(split(4, "abcdefghij\nxy")).containsExactly("abcd", "efgh", "ij", "xy");
  }

  @Test
  void feed_crlfSplitAcrossChunks_isOneTerminator() {
    assertThat(split(100, "one\r", "\ntwo\n")).containsExactly("one", "two");
  }

  @Property(tries = 500)
  void feed_anyChunking_givesTheSameLinesAsCharacterByCharacter(
      @ForAll
          @Chars({'\n', '\r', 'a', 'b'})
          @CharRange(from = 'x', to = 'z')
          @StringLength(max = 120)
          String text,
      @ForAll @IntRange(min = 1, max = 9) int chunk,
      @ForAll @IntRange(min = 1, max = 12) int max) {
    List<String> chunks = new ArrayList<>();
    for (int i = 0; i < text.length(); i += chunk) {
      chunks.add(text.substring(i, Math.min(text.length(), i + chunk)));
    }

    assertThat(split(max, chunks.toArray(String[]::new))).isEqualTo(reference(text, max));
  }

  /**
   * Multi-byte characters, chunked at any byte: the same lines as the character rules (lines no
   * longer than the limit), each decoded whole.
   */
  @Property(tries = 500)
  void write_utf8AnyChunking_decodesEveryCharacterWhole(
      @ForAll @Chars({'\n', '\r', 'a', '\u00e9', '\u20ac', '\u4e2d'}) @StringLength(max = 120)
          String text,
      @ForAll @IntRange(min = 1, max = 9) int chunk) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(1000, decoding(lines));
    for (int i = 0; i < bytes.length; i += chunk) {
      splitter.write(bytes, i, Math.min(chunk, bytes.length - i));
    }
    splitter.finish();

    assertThat(lines).isEqualTo(reference(text, 1000));
  }

  /** A long line is cut at the limit in bytes, never through a character. */
  @Property(tries = 300)
  void write_longUtf8Line_isCutAtCharacterBoundaries(
      @ForAll @Chars({'a', '\u00e9', '\u20ac', '\u4e2d'}) @StringLength(min = 1, max = 200)
          String text,
      @ForAll @IntRange(min = 4, max = 20) int max,
      @ForAll @IntRange(min = 1, max = 9) int chunk) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(max, decoding(lines));
    for (int i = 0; i < bytes.length; i += chunk) {
      splitter.write(bytes, i, Math.min(chunk, bytes.length - i));
    }
    splitter.finish();

    assertThat(String.join("", lines)).isEqualTo(text);
    assertThat(lines)
        .allSatisfy(
            line -> assertThat(line.getBytes(StandardCharsets.UTF_8).length).isBetween(1, max));
  }

  @Test
  void write_malformedBytes_becomeReplacementCharacters() {
    List<String> lines = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(100, decoding(lines));
    byte[] bytes = {'o', 'k', (byte) 0xC3, '\n', (byte) 0xFF, 'x', '\n'};

    splitter.write(bytes, 0, bytes.length);

    assertThat(lines).containsExactly("ok\uFFFD", "\uFFFDx");
  }

  /**
   * Any bytes (malformed UTF-8, multi-byte characters split anywhere, lines cut at the limit): the
   * lines are the input's bytes without terminators, unchanged, cut the same way however the input
   * is chunked.
   */
  @Property(tries = 500)
  void write_anyBytesAnyChunking_passesTheBytesOnUnchanged(
      @ForAll("output") byte[] bytes,
      @ForAll @IntRange(min = 1, max = 9) int chunk,
      @ForAll @IntRange(min = 4, max = 40) int max) {
    List<byte[]> chunked = rawLines(bytes, chunk, max);
    List<byte[]> whole = rawLines(bytes, Math.max(1, bytes.length), max);

    java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
    chunked.forEach(joined::writeBytes);
    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
    for (byte b : bytes) {
      if (b != '\n' && b != '\r') {
        expected.write(b);
      }
    }
    assertThat(joined.toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(chunked).hasSameSizeAs(whole);
    for (int i = 0; i < chunked.size(); i++) {
      assertThat(chunked.get(i)).as("line %s", i).isEqualTo(whole.get(i));
    }
  }

  private static List<byte[]> rawLines(byte[] bytes, int chunk, int max) {
    List<byte[]> lines = new ArrayList<>();
    LineSplitter splitter =
        new LineSplitter(
            max,
            (line, from, length) ->
                lines.add(java.util.Arrays.copyOfRange(line, from, from + length)));
    for (int i = 0; i < bytes.length; i += chunk) {
      splitter.write(bytes, i, Math.min(chunk, bytes.length - i));
    }
    splitter.finish();
    return lines;
  }

  /** Collects each line, decoded as the engine's packed lines decode it. */
  private static LineSplitter.Lines decoding(List<String> lines) {
    return (bytes, from, length) ->
        lines.add(new String(bytes, from, length, StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<byte[]> output() {
    Arbitrary<byte[]> ascii =
        Arbitraries.strings()
            .withChars("ab \t\n\r")
            .ofMaxLength(60)
            .map(t -> t.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> text =
        Arbitraries.strings()
            .withChars("a\n\r\u00e9\u20ac\u4e2d\ud83d\ude00\ufffd")
            .ofMaxLength(40)
            .map(t -> t.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofMaxSize(60);
    return Arbitraries.oneOf(ascii, text, any)
        .list()
        .ofMaxSize(6)
        .map(
            parts -> {
              java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
              parts.forEach(joined::writeBytes);
              return joined.toByteArray();
            });
  }
}
