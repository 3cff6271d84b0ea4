package io.chengis.api;

import java.util.Objects;

/**
 * Where a model element was declared: a file (or Java source file for the DSL), a 1-based line and
 * a 1-based column. A line or column of {@code 0} means unknown.
 *
 * <p>Its string form is {@code file:line:col}, {@code file:line} when the column is unknown, and
 * {@code <unknown>} when nothing is known. Immutable and thread-safe.
 *
 * @param file the file name or path as the author knows it; empty when unknown
 * @param line the 1-based line, or 0 when unknown
 * @param column the 1-based column, or 0 when unknown
 * @since 0.1.0
 */
public record SourceLocation(String file, int line, int column) {
  private static final SourceLocation UNKNOWN = new SourceLocation("", 0, 0);

  /** Checks the components. */
  public SourceLocation {
    Objects.requireNonNull(file, "file");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException(
          "line and column must be 0 (unknown) or positive (was " + line + ":" + column + ")");
    }
  }

  /**
   * The location of an element whose origin is not known (for example a record built directly).
   *
   * @return the unknown location
   */
  public static SourceLocation unknown() {
    return UNKNOWN;
  }

  /**
   * A location with a line and column.
   *
   * @param file the file
   * @param line the 1-based line
   * @param column the 1-based column
   * @return the location
   */
  public static SourceLocation of(String file, int line, int column) {
    return new SourceLocation(file, line, column);
  }

  /**
   * A location with a line only, as known for Java call sites.
   *
   * @param file the file
   * @param line the 1-based line
   * @return the location
   */
  public static SourceLocation of(String file, int line) {
    return new SourceLocation(file, line, 0);
  }

  /**
   * Whether anything is known about this location.
   *
   * @return {@code false} for {@link #unknown()}
   */
  public boolean isKnown() {
    return !file.isEmpty() || line > 0;
  }

  @Override
  public String toString() {
    if (!isKnown()) {
      return "<unknown>";
    }
    StringBuilder text = new StringBuilder(file.isEmpty() ? "<unknown>" : file);
    if (line > 0) {
      text.append(':').append(line);
      if (column > 0) {
        text.append(':').append(column);
      }
    }
    return text.toString();
  }
}
