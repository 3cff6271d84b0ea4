package io.chengis.engine.internal;

import io.chengis.api.LogStream;
import io.chengis.api.internal.lines.PackedLines;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Cuts a step's captured output into packed lines, per stream, on the log writer's thread: a line
 * that is not complete at the end of one {@link CapturedOutput} continues in the next of its
 * stream. A line takes the read time of the run in which it ends. Confined to one thread at a time.
 */
final class LineCutter {
  private final int maxLineBytes;
  private final Map<LogStream, LineSplitter> splitters = new EnumMap<>(LogStream.class);
  private final Map<LogStream, Instant> lastRead = new EnumMap<>(LogStream.class);
  private PackedLines.Builder lines = PackedLines.builder();
  private LogStream stream = LogStream.STDOUT;
  private Instant at = Instant.EPOCH;

  /**
   * A cutter.
   *
   * @param maxLineBytes the longest line, in bytes; longer ones are cut into pieces
   */
  LineCutter(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * The lines that end in this output.
   *
   * @param output the output, in the order it was read
   * @return its complete lines, and the ends of lines begun before it
   */
  PackedLines cut(CapturedOutput output) {
    output.forEachRun(
        (runStream, runAt, bytes, from, length) -> {
          stream = runStream;
          at = runAt;
          lastRead.put(runStream, runAt);
          splitter(runStream).write(bytes, from, length);
        });
    return lines.build();
  }

  /**
   * The last line of each stream that never ended; the output is over.
   *
   * @return those lines, stdout's first
   */
  PackedLines finish() {
    splitters.forEach(
        (splitterStream, splitter) -> {
          stream = splitterStream;
          at = lastRead.getOrDefault(splitterStream, Instant.EPOCH);
          splitter.finish();
        });
    return lines.build();
  }

  /** Lets go of the buffers; the output is over and its lines are out. */
  void release() {
    splitters.clear();
    lines = PackedLines.builder();
  }

  private LineSplitter splitter(LogStream of) {
    return splitters.computeIfAbsent(
        of,
        key ->
            new LineSplitter(
                maxLineBytes, (bytes, from, length) -> lines.add(bytes, from, length, at, stream)));
  }
}
