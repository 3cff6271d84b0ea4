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
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        if (!afterCarriageReturn) {
          emit();
        }
        afterCarriageReturn = false;
      } else if (c == '\r') {
        emit();
        afterCarriageReturn = true;
      } else {
        afterCarriageReturn = false;
        current.append(c);
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
