package io.chengis.notify;

import io.chengis.api.BuildId;
import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Outcome;
import io.chengis.api.StageResult;
import io.chengis.api.spi.NotificationRequest;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finished builds to notify about. */
final class Builds {
  static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
  static volatile BuildId lastBuildId = BuildId.generator(InstantSource.fixed(START)).next();

  private Builds() {}

  static StageResult stage(String name, Conclusion conclusion) {
    return new StageResult(
        name,
        Map.of(),
        Outcome.valueOf(conclusion.name()),
        conclusion,
        Optional.of(START),
        Optional.of(START.plusSeconds(10)),
        Optional.empty(),
        List.of(),
        Map.of());
  }

  static BuildResult result(Conclusion conclusion, StageResult... stages) {
    lastBuildId = BuildId.generator(InstantSource.fixed(START)).next();
    return new BuildResult(
        lastBuildId,
        JobId.of("api"),
        12,
        1,
        Optional.empty(),
        Outcome.valueOf(conclusion.name()),
        conclusion,
        Optional.of(START),
        Optional.of(START.plusSeconds(63)),
        Optional.empty(),
        List.of(stages),
        List.of(),
        List.of());
  }

  static NotificationRequest failedAfterSuccess(Map<String, String> config) {
    return new NotificationRequest(
        OrgId.DEFAULT,
        result(
            Conclusion.FAILURE,
            stage("build", Conclusion.SUCCESS),
            stage("test", Conclusion.FAILURE)),
        config,
        Optional.of(Conclusion.SUCCESS),
        Optional.of(URI.create("https://ci.example.com/api/12")));
  }

  static NotificationRequest fixed(Map<String, String> config) {
    return new NotificationRequest(
        OrgId.DEFAULT,
        result(Conclusion.SUCCESS, stage("build", Conclusion.SUCCESS)),
        config,
        Optional.of(Conclusion.FAILURE),
        Optional.empty());
  }
}
