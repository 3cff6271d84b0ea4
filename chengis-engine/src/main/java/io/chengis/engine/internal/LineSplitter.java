package io.chengis.engine.internal;

import java.util.function.Consumer;

/**
 * Cuts streamed text into lines. {@code \n}, {@code \r\n} and a lone {@code \r} (progress bars) end
 * a line; a line longer than the limit is cut into pieces of the limit so that one endless line
 * cannot exhaust memory. Not thread-safe.
 */
final class LineSplitter {
  private final int maxLineLength;
  private final Consumer<String> lines;
  private final StringBuilder current = new StringBuilder();
  private boolean afterCarriageReturn;

  LineSplitter(int maxLineLength, Consumer<String> lines) {
    this.maxLineLength = maxLineLength;
    this.lines = lines;
  }

  void feed(CharSequence text) {
    int length = text.length();
    int i = 0;
    while (i < length) {
      char c = text.charAt(i);
      if (c == '\n') {
        if (!afterCarriageReturn) {
          emit();
        }
        afterCarriageReturn = false;
        i++;
      } else if (c == '\r') {
        emit();
        afterCarriageReturn = true;
        i++;
      } else {
        afterCarriageReturn = false;
        int end = i + 1;
        int room = maxLineLength - current.length();
        while (end < length && end - i < room) {
          char next = text.charAt(end);
          if (next == '\n' || next == '\r') {
            break;
          }
          end++;
        }
        if (current.isEmpty() && end < length && end - i < room) {
          // A whole line inside this text: no copy through the builder.
          lines.accept(text.subSequence(i, end).toString());
          i = end;
          afterCarriageReturn = false;
          char terminator = text.charAt(i);
          afterCarriageReturn = terminator == '\r';
          i++;
          continue;
        }
        current.append(text, i, end);
        i = end;
        if (current.length() >= maxLineLength) {
          emit();
        }
      }
    }
  }

  /** Emits a last line without terminator, if any. */
  void finish() {
    if (!current.isEmpty()) {
      emit();
    }
  }

  private void emit() {
    lines.accept(current.toString());
    current.setLength(0);
  }
}
