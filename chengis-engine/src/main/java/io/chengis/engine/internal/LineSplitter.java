package io.chengis.engine.internal;

import java.util.Arrays;

/**
 * Cuts streamed UTF-8 output into lines, on bytes. {@code \n}, {@code \r\n} and a lone {@code \r}
 * (progress bars) end a line; a line longer than the limit is cut into pieces of at most the limit
 * (at a character boundary) so that one endless line cannot exhaust memory. Terminators never occur
 * inside a multi-byte UTF-8 sequence, so cutting on bytes is safe; a line is passed on only once it
 * is complete, as bytes, so a character split across reads stays whole. Nothing is decoded here:
 * lines travel as bytes ({@link io.chengis.api.internal.lines.PackedLines}) until someone reads
 * them. Not thread-safe.
 */
final class LineSplitter implements SecretMasker.Output {
  /** Receives the lines. */
  @FunctionalInterface
  interface Lines {
    /**
     * Receives one line; its bytes are valid only during the call.
     *
     * @param bytes holds the line's UTF-8 bytes, without terminator
     * @param from where they start
     * @param length how many there are
     */
    void line(byte[] bytes, int from, int length);
  }

  private final int maxLineBytes;
  private final Lines lines;

  /** The start of a line that has not ended yet: {@code partial[0, partialLength)}. */
  private byte[] partial = new byte[0];

  private int partialLength;
  private boolean afterCarriageReturn;

  /**
   * A splitter.
   *
   * @param maxLineBytes the longest line, in bytes (below 4, a piece may cut a character)
   * @param lines receives each line's bytes, without terminator
   */
  LineSplitter(int maxLineBytes, Lines lines) {
    this.maxLineBytes = maxLineBytes;
    this.lines = lines;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = offset;
    if (afterCarriageReturn && i < end) {
      afterCarriageReturn = false;
      if (bytes[i] == '\n') {
        i++; // the second half of a \r\n split across reads
      }
    }
    while (i < end) {
      int room = maxLineBytes - partialLength;
      int stop = end - i > room ? i + room : end;
      int terminator = ByteSearch.lineEnd(bytes, i, stop);
      if (terminator < 0) {
        append(bytes, i, stop);
        i = stop;
        if (partialLength >= maxLineBytes) {
          cut();
        }
        continue;
      }
      if (partialLength == 0) {
        lines.line(bytes, i, terminator - i);
      } else {
        append(bytes, i, terminator);
        emit(partialLength);
      }
      if (bytes[terminator] == '\r') {
        if (terminator + 1 == end) {
          afterCarriageReturn = true;
        } else if (bytes[terminator + 1] == '\n') {
          terminator++;
        }
      }
      i = terminator + 1;
    }
  }

  /** Emits a last line without terminator, if any. */
  void finish() {
    if (partialLength > 0) {
      emit(partialLength);
    }
  }

  private void append(byte[] bytes, int from, int to) {
    int count = to - from;
    if (partialLength + count > partial.length) {
      partial =
          Arrays.copyOf(
              partial, Math.min(maxLineBytes, Math.max(partialLength + count, partial.length * 2)));
    }
    System.arraycopy(bytes, from, partial, partialLength, count);
    partialLength += count;
  }

  /** A line reached the limit: emits its whole characters, keeps a character cut in half. */
  private void cut() {
    int boundary = partialLength;
    for (int k = partialLength - 1; k >= Math.max(0, partialLength - 3); k--) {
      int b = partial[k] & 0xFF;
      if (b < 0x80) {
        break;
      }
      if (b >= 0xC0) {
        int sequence = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        if (partialLength - k < sequence) {
          boundary = k;
        }
        break;
      }
    }
    emit(boundary == 0 ? partialLength : boundary);
  }

  private void emit(int count) {
    lines.line(partial, 0, count);
    System.arraycopy(partial, count, partial, 0, partialLength - count);
    partialLength -= count;
  }
}
