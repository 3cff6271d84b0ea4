package io.chengis.testkit;

import io.chengis.testkit.internal.Golden;
import java.util.List;
import org.assertj.core.api.AssertProvider;

/**
 * A build's execution trace: its stages and steps in declaration order with their environment,
 * commands, attempts, retries, approvals, outcomes and conclusions, one item per line, indented by
 * level. Under virtual time every line also says when it happened, as an offset from the build's
 * start ({@code +2h30m}).
 *
 * <pre>{@code
 * build deploy #1: SUCCESS [+0s .. +6m]
 *   stage push: SUCCESS [+0s .. +6m]
 *     step upload: SUCCESS, exit 0, 3 attempts
 *       env TARGET=prod
 *       attempt 1 at +0s: ./upload.sh
 *       retry 2 after 2m at +0s
 * }</pre>
 *
 * <p>Compare it to a golden file with {@code assertThat(trace).matchesGolden("golden/x.trace")}:
 * indentation, blank lines and {@code #} comments do not count. Immutable and thread-safe; two
 * traces are equal when their lines are equal in that sense.
 *
 * @since 0.1.0
 */
public final class Trace implements AssertProvider<TraceAssert> {
  private final List<String> lines;

  private Trace(List<String> lines) {
    this.lines = List.copyOf(lines);
  }

  /**
   * A trace of the given lines.
   *
   * @param lines the lines
   * @return the trace
   * @since 0.1.0
   */
  public static Trace of(List<String> lines) {
    return new Trace(lines);
  }

  /**
   * A trace parsed from text, one item per line.
   *
   * @param text the text
   * @return the trace
   * @since 0.1.0
   */
  public static Trace parse(String text) {
    return new Trace(text.lines().toList());
  }

  /**
   * The lines, indented.
   *
   * @return the lines
   * @since 0.1.0
   */
  public List<String> lines() {
    return lines;
  }

  /**
   * The lines as compared with golden files: trimmed, inner runs of whitespace collapsed, blank
   * lines and {@code #} comments dropped.
   *
   * @return the normalized lines
   * @since 0.1.0
   */
  public List<String> normalized() {
    return Golden.normalize(lines);
  }

  /**
   * The trace as text, one line each.
   *
   * @return the text
   * @since 0.1.0
   */
  public String text() {
    return String.join("\n", lines);
  }

  /**
   * Assertions on this trace.
   *
   * @return the assertions
   * @since 0.1.0
   */
  @Override
  public TraceAssert assertThat() {
    return new TraceAssert(this);
  }

  /**
   * Equal when the normalized lines are equal.
   *
   * @since 0.1.0
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof Trace trace && normalized().equals(trace.normalized());
  }

  /**
   * A hash of the normalized lines.
   *
   * @since 0.1.0
   */
  @Override
  public int hashCode() {
    return normalized().hashCode();
  }

  /**
   * The text.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return text();
  }
}
