package io.chengis.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LogLinesTest {

  @Test
  void frames_areCutIntoLinesPerStream_withCrLfAndLoneCr() {
    List<LogLine> lines = new ArrayList<>();
    LogLines splitter = new LogLines(lines::add, InstantSource.system());

    splitter.onNext(new Frame(StreamType.STDOUT, bytes("one\r\ntw")));
    splitter.onNext(new Frame(StreamType.STDERR, bytes("err\n")));
    splitter.onNext(new Frame(StreamType.STDOUT, bytes("o\rthree")));
    splitter.flush();

    assertThat(lines)
        .extracting(LogLine::stream, LogLine::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(LogStream.STDOUT, "one"),
            org.assertj.core.groups.Tuple.tuple(LogStream.STDERR, "err"),
            org.assertj.core.groups.Tuple.tuple(LogStream.STDOUT, "two"),
            org.assertj.core.groups.Tuple.tuple(LogStream.STDOUT, "three"));
  }

  @Property
  void anySplitOfTheBytes_givesTheSameLines_multiByteCharactersIncluded(
      @ForAll @IntRange(min = 1, max = 7) int chunk) {
    String text = "größe ✓ 日本語\nzweite Zeile 🎉\nend";
    byte[] all = bytes(text);
    List<LogLine> lines = new ArrayList<>();
    LogLines splitter = new LogLines(lines::add, InstantSource.system());
    for (int i = 0; i < all.length; i += chunk) {
      splitter.onNext(
          new Frame(
              StreamType.STDOUT, Arrays.copyOfRange(all, i, Math.min(all.length, i + chunk))));
    }
    splitter.flush();

    assertThat(lines).extracting(LogLine::text).containsExactly(text.split("\n"));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
