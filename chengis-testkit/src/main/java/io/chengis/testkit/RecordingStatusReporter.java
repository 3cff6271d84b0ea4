package io.chengis.testkit;

import io.chengis.api.spi.ScmStatusReporter;
import io.chengis.api.spi.StatusReport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link ScmStatusReporter} that keeps every status it is given, in order, standing in for a
 * forge in tests.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class RecordingStatusReporter implements ScmStatusReporter {
  private final List<StatusReport> reports = new CopyOnWriteArrayList<>();

  /** An empty recorder. */
  public RecordingStatusReporter() {}

  @Override
  public void report(StatusReport report) {
    reports.add(report);
  }

  /**
   * Every status received, in order.
   *
   * @return the reports
   * @since 0.1.0
   */
  public List<StatusReport> reports() {
    return List.copyOf(reports);
  }

  /**
   * The number of statuses received.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "RecordingStatusReporter[" + reports.size() + " reports]";
  }
}
