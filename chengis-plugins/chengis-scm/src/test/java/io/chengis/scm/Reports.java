package io.chengis.scm;

import io.chengis.api.BuildId;
import io.chengis.api.BuildState;
import io.chengis.api.Conclusion;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.spi.StatusReport;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/** Status reports to publish. */
final class Reports {
  static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  static final BuildId BUILD = BuildId.generator(InstantSource.fixed(Instant.EPOCH)).next();

  private Reports() {}

  static StatusReport finished(String repository, Conclusion conclusion) {
    return new StatusReport(
        OrgId.DEFAULT,
        JobId.of("app"),
        BUILD,
        repository,
        SHA,
        BuildState.FINISHED,
        Optional.of(conclusion),
        "Build #4 succeeded in 1m 3s",
        Optional.of(URI.create("https://ci.example.com/app/4")));
  }

  static StatusReport of(String repository, BuildState state, Optional<Conclusion> conclusion) {
    return new StatusReport(
        OrgId.DEFAULT,
        JobId.of("app"),
        BUILD,
        repository,
        SHA,
        state,
        conclusion,
        "Build #4",
        Optional.empty());
  }

  static StatusReport stage(String repository, String stage, Conclusion conclusion) {
    return new StatusReport(
        OrgId.DEFAULT,
        JobId.of("app"),
        BUILD,
        repository,
        SHA,
        BuildState.FINISHED,
        Optional.of(conclusion),
        "Stage " + stage,
        Optional.empty(),
        Optional.of(stage));
  }
}
