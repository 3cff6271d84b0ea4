package io.chengis.testkit;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildResult;
import java.time.Instant;
import java.util.List;

/** What assertions know about a build: its result, and, for test builds, events and attempts. */
record BuildFacts(
    BuildResult result, List<BuildEvent> events, List<Invocation> invocations, boolean recorded) {

  static BuildFacts of(BuildResult result) {
    return new BuildFacts(result, List.of(), List.of(), false);
  }

  String describe() {
    return "build " + result.jobId() + " #" + result.number();
  }

  Instant start() {
    return result
        .startedAt()
        .or(() -> events.stream().findFirst().map(BuildEvent::timestamp))
        .orElse(Instant.EPOCH);
  }
}
