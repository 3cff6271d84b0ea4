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
    if (text instanceof String string && string.indexOf('\r') < 0) {
      feedLines(string);
    } else {
      feed(text, 0);
    }
  }

  /**
   * The common case, text without carriage returns: finds line ends with {@link String#indexOf}
   * (vectorized by the JVM) instead of looking at every character.
   */
  private void feedLines(String text) {
    int from = 0;
    if (afterCarriageReturn && !text.isEmpty()) {
      afterCarriageReturn = false;
      if (text.charAt(0) == '\n') {
        from = 1; // the second half of a \r\n split across reads
      }
    }
    int end;
    while ((end = text.indexOf('\n', from)) >= 0) {
      if (current.length() + end - from >= maxLineLength) {
        feed(text, from); // a line longer than the limit: cut it character by character
        return;
      }
      if (current.isEmpty()) {
        lines.accept(text.substring(from, end));
      } else {
        current.append(text, from, end);
        emit();
      }
      from = end + 1;
    }
    if (from < text.length()) {
      feed(text, from);
    }
  }

  private void feed(CharSequence text, int start) {
    int length = text.length();
    int i = start;
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
