package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ByteSearchTest {

  /** The eight-bytes-at-a-time search finds the same terminator as looking at every byte. */
  @Property(tries = 1000)
  void lineEnd_anyBytes_isTheFirstLineFeedOrCarriageReturn(
      @ForAll("bytes") byte[] bytes, @ForAll @IntRange(max = 20) int from) {
    int start = Math.min(from, bytes.length);
    int expected = -1;
    for (int i = start; i < bytes.length; i++) {
      if (bytes[i] == '\n' || bytes[i] == '\r') {
        expected = i;
        break;
      }
    }

    assertThat(ByteSearch.lineEnd(bytes, start, bytes.length)).isEqualTo(expected);
  }

  @Property(tries = 1000)
  void indexOf_anyBytes_isTheFirstOccurrenceWithinTheRange(
      @ForAll("bytes") byte[] bytes,
      @ForAll("bytes") byte[] targets,
      @ForAll @IntRange(max = 20) int from,
      @ForAll @IntRange(max = 70) int to) {
    byte target = targets.length == 0 ? (byte) '?' : targets[0];
    int start = Math.min(from, bytes.length);
    int end = Math.max(start, Math.min(to, bytes.length));
    int expected = -1;
    for (int i = start; i < end; i++) {
      if (bytes[i] == target) {
        expected = i;
        break;
      }
    }

    assertThat(ByteSearch.indexOf(bytes, start, end, target)).isEqualTo(expected);
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.of(
            (byte) '\n',
            (byte) '\r',
            (byte) 0,
            (byte) 0x0B,
            (byte) 0x0C,
            (byte) 0x09,
            (byte) 0x8A,
            (byte) 0x8D,
            (byte) 0xFF,
            (byte) 'a',
            (byte) '?',
            (byte) 0xBF,
            (byte) 0x01)
        .array(byte[].class)
        .ofMaxSize(64);
  }
}
