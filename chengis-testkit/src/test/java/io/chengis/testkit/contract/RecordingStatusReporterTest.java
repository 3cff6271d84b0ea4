package io.chengis.testkit.contract;

import io.chengis.api.spi.ScmStatusReporter;
import io.chengis.testkit.RecordingStatusReporter;
import java.util.List;

class RecordingStatusReporterTest extends ScmStatusReporterContract {
  private RecordingStatusReporter reporter = new RecordingStatusReporter();

  @Override
  protected ScmStatusReporter newReporter() {
    reporter = new RecordingStatusReporter();
    return reporter;
  }

  @Override
  protected List<PublishedStatus> published() {
    return reporter.reports().stream()
        .map(
            report ->
                new PublishedStatus(
                    report.commit(),
                    report.state() + report.conclusion().map(c -> ":" + c).orElse("")))
        .toList();
  }
}
