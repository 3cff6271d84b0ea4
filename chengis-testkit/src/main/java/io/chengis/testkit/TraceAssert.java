package io.chengis.testkit;

import io.chengis.testkit.internal.Golden;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Trace}. Not thread-safe: use it on the test's thread.
 *
 * @since 0.1.0
 */
public final class TraceAssert extends AbstractAssert<TraceAssert, Trace> {

  /**
   * Assertions on a trace.
   *
   * @param actual the trace
   */
  public TraceAssert(Trace actual) {
    super(actual, TraceAssert.class);
  }

  /**
   * Checks the trace against a golden file under {@code src/test/resources} (or the directory in
   * the system property {@code chengis.testkit.goldenDir}), ignoring indentation, runs of spaces,
   * blank lines and {@code #} comment lines. With {@code -Dchengis.testkit.updateGolden=true} it
   * writes the file instead.
   *
   * @param path the golden file, relative to the golden directory
   * @return this
   * @since 0.1.0
   */
  public TraceAssert matchesGolden(String path) {
    return matchesGolden(Golden.root().resolve(path));
  }

  /**
   * Checks the trace against a golden file, as {@link #matchesGolden(String)}.
   *
   * @param file the golden file
   * @return this
   * @since 0.1.0
   */
  public TraceAssert matchesGolden(Path file) {
    isNotNull();
    Golden.check(file, actual.lines()).ifPresent(message -> failWithMessage("%s", message));
    return this;
  }

  /**
   * Checks that the trace has a line (compared normalized, as golden files are).
   *
   * @param line the line
   * @return this
   * @since 0.1.0
   */
  public TraceAssert containsLine(String line) {
    isNotNull();
    List<String> wanted = Golden.normalize(List.of(line));
    if (wanted.isEmpty() || !actual.normalized().contains(wanted.get(0))) {
      failWithMessage(
          "Expected the trace to contain the line%n  %s%nbut it was:%n%s", line, actual.text());
    }
    return this;
  }
}
